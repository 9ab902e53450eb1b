#include "message_id.hpp"

#include <cstdio>

#include "details/encoding.hpp"

namespace cohort_email {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string escape(std::string_view call) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < call.size(); ++i) {
    const auto c = static_cast<unsigned char>(call[i]);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_';
    // A dot-atom has no leading, trailing or doubled dots: such a '/' is escaped instead.
    const bool dot_ok = c == '/' && i > 0 && i + 1 < call.size() && call[i - 1] != '/' && call[i + 1] != '/';
    if (keep) {
      out += static_cast<char>(c);
    } else if (dot_ok) {
      out += '.';
    } else {
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

}  // namespace

bool message_identity(std::string_view key, std::string_view domain, MessageIdentity& out) {
  if (key.empty()) return false;
  std::string_view call = key;
  const auto last = key.rfind('/');
  if (last != std::string_view::npos && key.find('/') != last && all_digits(key.substr(last + 1)))
    call = key.substr(0, last);
  out.call = std::string(call);
  std::string name = escape(call);
  if (name.size() > 120) {
    char hash[20];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(details::fnv1a64(call)));
    name = name.substr(0, 100);
    // Do not leave half an "=XX" escape at the cut.
    if (const auto eq = name.rfind('='); eq != std::string::npos && eq + 3 > name.size()) name.resize(eq);
    if (!name.empty() && name.back() == '.') name.pop_back();
    name += "=";
    name += hash;
  }
  out.name = std::move(name);
  out.message_id = "<" + out.name + "@" + std::string(domain) + ">";
  return true;
}

}  // namespace cohort_email
