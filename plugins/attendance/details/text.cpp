#include "details/text.hpp"

#include <cmath>
#include <cstdio>

namespace cohort_attendance::details {

std::string percent(double share) {
  const double p = std::round(share * 1000.0) / 10.0;
  char buf[32];
  if (p == std::floor(p))
    std::snprintf(buf, sizeof buf, "%.0f%%", p);
  else
    std::snprintf(buf, sizeof buf, "%.1f%%", p);
  return buf;
}

std::string weight(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", w);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string minutes(std::int64_t ms) {
  const std::int64_t m = (ms + 59999) / 60000;  // "opens in 1 minute" even 10 seconds before
  if (m < 60) return std::to_string(m) + (m == 1 ? " minute" : " minutes");
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld h %02lld min", static_cast<long long>(m / 60), static_cast<long long>(m % 60));
  return buf;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

double tidy(double x) { return std::round(x * 10000.0) / 10000.0; }

}  // namespace cohort_attendance::details
