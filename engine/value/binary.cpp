#include "value/binary.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

namespace cohort {
namespace {

constexpr char kFormat = 1;  // first byte of every payload: the format version

enum Tag : std::uint8_t { kNull, kFalse, kTrue, kInt, kDouble, kString, kTime, kList, kObject };

constexpr int kMaxDepth = 512;

void put_varint(std::uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void put_text(std::string_view s, std::string& out) {
  put_varint(s.size(), out);
  out.append(s);
}

void encode(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::Null: out.push_back(kNull); break;
    case Value::Kind::Bool: out.push_back(v.as_bool() ? kTrue : kFalse); break;
    case Value::Kind::Int:
      out.push_back(kInt);
      put_varint(zigzag(v.as_int()), out);
      break;
    case Value::Kind::Double: {
      out.push_back(kDouble);
      char raw[8];
      const double d = v.as_double();
      std::memcpy(raw, &d, 8);
      out.append(raw, 8);
      break;
    }
    case Value::Kind::String:
      out.push_back(kString);
      put_text(v.as_string(), out);
      break;
    case Value::Kind::Time:
      out.push_back(kTime);
      put_varint(zigzag(v.as_time().ms), out);
      break;
    case Value::Kind::List:
      out.push_back(kList);
      put_varint(v.as_list().size(), out);
      for (const auto& item : v.as_list()) encode(item, out);
      break;
    case Value::Kind::Object:
      out.push_back(kObject);
      put_varint(v.members().size(), out);
      for (const auto& [key, item] : v.members()) {
        put_text(key, out);
        encode(item, out);
      }
      break;
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool value(Value& out, int depth) {
    if (p_ == end_ || depth > kMaxDepth) return false;
    const auto tag = static_cast<std::uint8_t>(*p_++);
    switch (tag) {
      case kNull: out = Value(); return true;
      case kFalse: out = Value(false); return true;
      case kTrue: out = Value(true); return true;
      case kInt: {
        std::uint64_t u;
        if (!varint(u)) return false;
        out = Value(unzigzag(u));
        return true;
      }
      case kDouble: {
        if (end_ - p_ < 8) return false;
        double d;
        std::memcpy(&d, p_, 8);
        p_ += 8;
        out = Value(d);
        return true;
      }
      case kString: {
        std::string_view s;
        if (!text(s)) return false;
        out = Value(s);
        return true;
      }
      case kTime: {
        std::uint64_t u;
        if (!varint(u)) return false;
        out = Value(Timestamp{unzigzag(u)});
        return true;
      }
      case kList: {
        std::uint64_t n;
        // Every element takes at least one byte: a count beyond the rest is damage.
        if (!varint(n) || n > static_cast<std::uint64_t>(end_ - p_)) return false;
        List items(static_cast<std::size_t>(n));
        for (auto& item : items)
          if (!value(item, depth + 1)) return false;
        out = Value(std::move(items));
        return true;
      }
      case kObject: {
        std::uint64_t n;
        if (!varint(n) || n > static_cast<std::uint64_t>(end_ - p_) / 2) return false;
        Members members;
        members.reserve(static_cast<std::size_t>(n));
        for (std::uint64_t i = 0; i < n; ++i) {
          std::string_view key;
          if (!text(key)) return false;
          members.emplace_back(std::string(key), Value());
          if (!value(members.back().second, depth + 1)) return false;
        }
        out = Value::object(std::move(members));
        return true;
      }
      default: return false;
    }
  }
  bool at_end() const { return p_ == end_; }

 private:
  bool varint(std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64 && p_ != end_; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(*p_++);
      out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return true;
    }
    return false;
  }
  bool text(std::string_view& out) {
    std::uint64_t n;
    if (!varint(n) || n > static_cast<std::uint64_t>(end_ - p_)) return false;
    out = std::string_view(p_, static_cast<std::size_t>(n));
    p_ += n;
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

void append_binary(const Value& v, std::string& out) {
  out.push_back(kFormat);
  encode(v, out);
}

bool parse_binary(std::string_view bytes, Value& out, std::string& error) {
  if (bytes.empty() || bytes[0] != kFormat) {
    error = bytes.empty() ? "empty payload"
                          : "unknown payload format " + std::to_string(static_cast<int>(bytes[0]));
    return false;
  }
  Decoder d(bytes.substr(1));
  if (!d.value(out, 0) || !d.at_end()) {
    error = "payload bytes are cut short or malformed";
    return false;
  }
  return true;
}

}  // namespace cohort
