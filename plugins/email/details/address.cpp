#include "details/address.hpp"

namespace cohort_email::details {

bool valid_address(std::string_view a) {
  const auto at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || a.size() > 254) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto c = static_cast<unsigned char>(a[i]);
    if (c <= 32 || c >= 127) return false;
    switch (c) {
      case '<': case '>': case '(': case ')': case '[': case ']': case ',': case ';': case ':': case '"':
      case '\\':
        return false;
      case '@':
        if (i != at) return false;
        break;
      default:
        break;
    }
  }
  const std::string_view domain = a.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

std::string_view address_domain(std::string_view a) {
  const auto at = a.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : a.substr(at + 1);
}

}  // namespace cohort_email::details
