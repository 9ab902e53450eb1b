#include "store/details/data_codec.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "value/json.hpp"

namespace cohort::store::details {
namespace {

bool has_time(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Time: return true;
    case Value::Kind::List:
      for (const auto& item : v.as_list())
        if (has_time(item)) return true;
      return false;
    case Value::Kind::Object:
      for (const auto& [k, item] : v.members())
        if (has_time(item)) return true;
      return false;
    default: return false;
  }
}

void collect_times(const Value& v, std::string& pointer, List& out) {
  switch (v.kind()) {
    case Value::Kind::Time:
      out.push_back(Value(List{Value(pointer), Value(v.as_time().ms)}));
      break;
    case Value::Kind::List: {
      const std::size_t len = pointer.size();
      const auto& items = v.as_list();
      for (std::size_t i = 0; i < items.size(); ++i) {
        pointer += '/';
        pointer += std::to_string(i);
        collect_times(items[i], pointer, out);
        pointer.resize(len);
      }
      break;
    }
    case Value::Kind::Object: {
      const std::size_t len = pointer.size();
      for (const auto& [k, item] : v.members()) {
        pointer += '/';
        pointer += json_pointer_escape(k);
        collect_times(item, pointer, out);
        pointer.resize(len);
      }
      break;
    }
    default: break;
  }
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t pos = 0;
  while (pos < pointer.size() && pointer[pos] == '/') {
    std::size_t end = pointer.find('/', pos + 1);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token;
    for (std::size_t i = pos + 1; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end) {
        token += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    tokens.push_back(std::move(token));
    pos = end;
  }
  return tokens;
}

// Puts a Time at the path; a path that no longer leads anywhere is left alone.
void set_time(Value& v, const std::vector<std::string>& tokens, std::size_t i, Timestamp t) {
  if (i == tokens.size()) {
    v = Value(t);
    return;
  }
  if (v.is_object()) {
    const Value* child = v.find(tokens[i]);
    if (!child) return;
    Value copy = *child;
    set_time(copy, tokens, i + 1, t);
    v.set(tokens[i], std::move(copy));
  } else if (v.is_list()) {
    std::size_t index = 0;
    for (char c : tokens[i]) {
      if (c < '0' || c > '9') return;
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (index >= v.as_list().size()) return;
    set_time(v.mutable_list()[index], tokens, i + 1, t);
  }
}

}  // namespace

void encode_data(const Value& data, std::string& json, std::string& times) {
  json = to_json(data);
  times.clear();
  if (!has_time(data)) return;
  List found;
  std::string pointer;
  collect_times(data, pointer, found);
  times = to_json(Value(std::move(found)));
}

bool decode_data(std::string_view json, std::string_view times, Value& out, std::string& error) {
  JsonError jerr;
  if (!parse_json(json, out, jerr)) {
    error = "event data is not JSON: " + jerr.message;
    return false;
  }
  if (times.empty()) return true;
  Value list;
  if (!parse_json(times, list, jerr) || !list.is_list()) {
    error = "event data_times is not a JSON list";
    return false;
  }
  for (const auto& entry : list.as_list()) {
    if (!entry.is_list() || entry.as_list().size() != 2 || !entry.as_list()[0].is_string() ||
        !entry.as_list()[1].is_int())
      continue;
    set_time(out, split_pointer(entry.as_list()[0].as_string()), 0,
             Timestamp{entry.as_list()[1].as_int()});
  }
  return true;
}

}  // namespace cohort::store::details
