#include "value/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>

#include "value/time.hpp"

namespace cohort {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

TextPosition LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  return {static_cast<int>(line), column};
}

std::size_t LocatedJson::offset_of(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    auto it = offsets.find(p);
    if (it != offsets.end()) return it->second;
    if (p.empty()) return 0;
    auto slash = p.rfind('/');
    p.resize(slash == std::string::npos ? 0 : slash);
  }
}

std::string json_pointer_escape(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

/// SAX handler building a Value tree; optionally records where each value starts.
class Builder {
 public:
  Builder(std::string_view text, const rapidjson::StringStream& stream, LocatedJson* located)
      : text_(text), stream_(stream), located_(located) {}

  // Where a value starts, from the stream position when its handler runs. RapidJSON parses
  // strings and numbers on a local copy of the stream and writes the position back only
  // after the handler returns, so there Tell() is still the value's first character; for
  // literals and containers it is just past what was read.
  bool Null() { return add(Value(), tell() - 4); }
  bool Bool(bool b) { return add(Value(b), tell() - (b ? 4 : 5)); }
  bool Int(int i) { return add(Value(static_cast<std::int64_t>(i)), tell()); }
  bool Uint(unsigned u) { return add(Value(static_cast<std::int64_t>(u)), tell()); }
  bool Int64(std::int64_t i) { return add(Value(i), tell()); }
  bool Uint64(std::uint64_t u) {
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return add(Value(static_cast<double>(u)), tell());
    return add(Value(static_cast<std::int64_t>(u)), tell());
  }
  bool Double(double d) { return add(Value(d), tell()); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
  bool String(const char* s, rapidjson::SizeType n, bool) { return add(Value(std::string(s, n)), tell()); }
  bool StartObject() {
    locate_start(tell() - 1);
    frames_.push_back(Frame{true, {}, {}, {}, pointer_});
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    auto& f = frames_.back();
    f.key.assign(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    return finish(Value::object(std::move(f.members)), f.pointer);
  }
  bool StartArray() {
    locate_start(tell() - 1);
    frames_.push_back(Frame{false, {}, {}, {}, pointer_});
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    return finish(Value(std::move(f.items)), f.pointer);
  }

  Value result;

 private:
  struct Frame {
    bool is_object;
    std::string key;
    Members members;
    List items;
    std::string pointer;  // pointer of this container
  };

  // Pointer of the value about to be added to the current container.
  std::string child_pointer() const {
    if (frames_.empty()) return "";
    const auto& f = frames_.back();
    if (f.is_object) {
      if (located_) {
        for (const auto& m : f.members)
          if (m.first == f.key)
            located_->duplicate_keys.emplace_back(f.pointer + "/" + json_pointer_escape(f.key), start_);
      }
      return f.pointer + "/" + json_pointer_escape(f.key);
    }
    return f.pointer + "/" + std::to_string(f.items.size());
  }

  std::size_t tell() const { return stream_.Tell(); }

  void locate_start(std::size_t start) {
    if (!located_) return;  // plain parses skip the pointer bookkeeping: it is the hot path
    start_ = start;
    pointer_ = child_pointer();
    located_->offsets[pointer_] = start;
  }

  bool add(Value v, std::size_t start) {
    locate_start(start);
    return finish(std::move(v), pointer_);
  }

  bool finish(Value v, const std::string&) {
    if (frames_.empty()) {
      result = std::move(v);
      return true;
    }
    auto& f = frames_.back();
    if (f.is_object)
      f.members.emplace_back(std::move(f.key), std::move(v));
    else
      f.items.push_back(std::move(v));
    return true;
  }

  std::string_view text_;
  const rapidjson::StringStream& stream_;
  LocatedJson* located_;
  std::vector<Frame> frames_;
  std::string pointer_;
  std::size_t start_ = 0;
};

bool parse(std::string_view text, Value& out, LocatedJson* located, JsonError& error) {
  // RapidJSON's StringStream wants a NUL-terminated buffer.
  std::string buffer(text);
  rapidjson::StringStream stream(buffer.c_str());
  Builder builder(buffer, stream, located);
  rapidjson::Reader reader;
  auto ok = reader.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag>(
      stream, builder);
  if (!ok) {
    error.offset = ok.Offset();
    error.where = LineIndex(text).position(error.offset);
    error.message = rapidjson::GetParseError_En(ok.Code());
    return false;
  }
  out = std::move(builder.result);
  return true;
}

template <typename Writer>
void write(Writer& w, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: w.Null(); break;
    case Value::Kind::Bool: w.Bool(v.as_bool()); break;
    case Value::Kind::Int: w.Int64(v.as_int()); break;
    case Value::Kind::Double:
      if (std::isfinite(v.as_double())) w.Double(v.as_double());
      else w.Null();
      break;
    case Value::Kind::String:
      w.String(v.as_string().data(), static_cast<rapidjson::SizeType>(v.as_string().size()));
      break;
    case Value::Kind::Time: {
      auto s = format_iso_datetime(v.as_time());
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      break;
    }
    case Value::Kind::List:
      w.StartArray();
      for (const auto& item : v.as_list()) write(w, item);
      w.EndArray();
      break;
    case Value::Kind::Object:
      w.StartObject();
      for (const auto& [k, item] : v.members()) {
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        write(w, item);
      }
      w.EndObject();
      break;
  }
}

}  // namespace

bool parse_json(std::string_view text, Value& out, JsonError& error) {
  return parse(text, out, nullptr, error);
}

bool parse_json_located(std::string_view text, LocatedJson& out, JsonError& error) {
  out.offsets.clear();
  out.duplicate_keys.clear();
  return parse(text, out.value, &out, error);
}

std::string to_json(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  write(w, v);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string to_pretty_json(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  write(w, v);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace cohort
