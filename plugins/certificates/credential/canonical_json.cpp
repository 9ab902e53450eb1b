#include "credential/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

namespace cohort::credentials {
namespace {

// JCS orders member names by their UTF-16 code units, which differs from UTF-8 byte
// order for characters beyond U+FFFF (they become surrogates, below U+E000).
std::u16string utf16_units(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    std::size_t len;
    if (c < 0x80) cp = c, len = 1;
    else if ((c >> 5) == 0x6) cp = c & 0x1F, len = 2;
    else if ((c >> 4) == 0xE) cp = c & 0x0F, len = 3;
    else cp = c & 0x07, len = 4;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

void write_string(std::string_view s, std::string& out) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

bool write_value(const rapidjson::Value& v, std::string& out, std::string& error) {
  switch (v.GetType()) {
    case rapidjson::kNullType: out += "null"; return true;
    case rapidjson::kFalseType: out += "false"; return true;
    case rapidjson::kTrueType: out += "true"; return true;
    case rapidjson::kStringType: write_string({v.GetString(), v.GetStringLength()}, out); return true;
    case rapidjson::kNumberType: {
      double d = v.GetDouble();
      if (!std::isfinite(d)) {
        error = "a number is not finite";
        return false;
      }
      out += format_es_number(d);
      return true;
    }
    case rapidjson::kArrayType: {
      out += '[';
      bool first = true;
      for (const auto& item : v.GetArray()) {
        if (!first) out += ',';
        first = false;
        if (!write_value(item, out, error)) return false;
      }
      out += ']';
      return true;
    }
    case rapidjson::kObjectType: {
      struct Member {
        std::u16string key16;
        const rapidjson::Value* name;
        const rapidjson::Value* value;
      };
      std::vector<Member> members;
      members.reserve(v.MemberCount());
      for (const auto& m : v.GetObject())
        members.push_back({utf16_units({m.name.GetString(), m.name.GetStringLength()}), &m.name, &m.value});
      std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.key16 < b.key16; });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          if (members[i].key16 == members[i - 1].key16) {
            error = "duplicate member name \"" + std::string(members[i].name->GetString()) + "\"";
            return false;
          }
          out += ',';
        }
        write_string({members[i].name->GetString(), members[i].name->GetStringLength()}, out);
        out += ':';
        if (!write_value(*members[i].value, out, error)) return false;
      }
      out += '}';
      return true;
    }
  }
  error = "unknown JSON type";
  return false;
}

}  // namespace

std::string format_es_number(double d) {
  if (d == 0) return "0";  // also -0
  // The shortest digits that round-trip, in scientific form: "-1.2345e+02".
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  std::string out;
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  auto e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos))
    if (c != '.') digits += c;
  int exponent = 0;
  auto exp_text = sci.substr(e_pos + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  // ECMAScript: the value is 0.DIGITS x 10^n with k digits (Number::toString, step 6 on).
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += (n - 1 < 0) ? '-' : '+';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

bool canonicalize(const rapidjson::Value& value, std::string& out, std::string& error) {
  return write_value(value, out, error);
}

}  // namespace cohort::credentials
