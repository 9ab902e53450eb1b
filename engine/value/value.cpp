#include "value/value.hpp"

#include <algorithm>

namespace cohort {
namespace {
const Value kNull;

bool key_less(const std::pair<std::string, Value>& m, std::string_view key) { return m.first < key; }
}  // namespace

Value Value::object(Members members) {
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Members unique;
  unique.reserve(members.size());
  for (auto& m : members) {
    if (!unique.empty() && unique.back().first == m.first)
      unique.back().second = std::move(m.second);
    else
      unique.push_back(std::move(m));
  }
  return Value(std::make_shared<Members>(std::move(unique)));
}

List& Value::mutable_list() {
  auto& p = std::get<std::shared_ptr<List>>(v_);
  if (p.use_count() > 1) p = std::make_shared<List>(*p);
  return *p;
}

Members& Value::mutable_members() {
  if (is_null()) v_ = std::make_shared<Members>();
  auto& p = std::get<std::shared_ptr<Members>>(v_);
  if (p.use_count() > 1) p = std::make_shared<Members>(*p);
  return *p;
}

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  const auto& m = members();
  auto it = std::lower_bound(m.begin(), m.end(), key, key_less);
  if (it == m.end() || it->first != key) return nullptr;
  return &it->second;
}

const Value& Value::operator[](std::string_view key) const {
  const Value* v = find(key);
  return v ? *v : kNull;
}

const Value* Value::find_path(const std::vector<std::string>& path) const {
  const Value* cur = this;
  for (const auto& key : path) {
    cur = cur->find(key);
    if (!cur) return nullptr;
  }
  return cur;
}

void Value::set(std::string_view key, Value v) {
  auto& m = mutable_members();
  auto it = std::lower_bound(m.begin(), m.end(), key, key_less);
  if (it != m.end() && it->first == key)
    it->second = std::move(v);
  else
    m.emplace(it, std::string(key), std::move(v));
}

void Value::set_path(const std::vector<std::string>& path, Value v) {
  if (path.empty()) {
    *this = std::move(v);
    return;
  }
  Value* cur = this;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    if (!cur->is_object()) *cur = Value::object();
    auto& m = cur->mutable_members();
    auto it = std::lower_bound(m.begin(), m.end(), std::string_view(path[i]), key_less);
    if (it == m.end() || it->first != path[i]) it = m.emplace(it, path[i], Value::object());
    cur = &it->second;
  }
  if (!cur->is_object()) *cur = Value::object();
  cur->set(path.back(), std::move(v));
}

void Value::erase(std::string_view key) {
  if (!is_object()) return;
  auto& m = mutable_members();
  auto it = std::lower_bound(m.begin(), m.end(), key, key_less);
  if (it != m.end() && it->first == key) m.erase(it);
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_number() == b.as_number();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Null: return true;
    case Value::Kind::Bool: return a.as_bool() == b.as_bool();
    case Value::Kind::String: return a.as_string() == b.as_string();
    case Value::Kind::Time: return a.as_time() == b.as_time();
    case Value::Kind::List: return a.as_list() == b.as_list();
    case Value::Kind::Object: return a.members() == b.members();
    default: return false;
  }
}

std::string_view Value::kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Double: return "number";
    case Kind::String: return "string";
    case Kind::Time: return "time";
    case Kind::List: return "list";
    case Kind::Object: return "object";
  }
  return "?";
}

std::string_view Value::kind_name() const { return kind_name(kind()); }

}  // namespace cohort
