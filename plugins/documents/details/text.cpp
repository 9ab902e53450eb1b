#include "details/text.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace cohort_documents::details {

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  int extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + extra >= text.size()) {  // truncated sequence
    pos = text.size();
    return 0xFFFD;
  }
  for (int i = 1; i <= extra; ++i) {
    const unsigned char c = byte(pos + i);
    if ((c & 0xC0) != 0x80) {
      pos += i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  pos += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

bool is_rtl(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
         (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

}  // namespace

std::string clean_value(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
      out += ' ';
    else if (!is_bidi_control(cp))
      append_utf8(out, cp);
  }
  return out;
}

bool has_rtl(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size())
    if (is_rtl(next_code_point(text, pos))) return true;
  return false;
}

namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count, int& value) {
  if (from + count > text.size()) return false;
  value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool parse_date(std::string_view text, int& year, int& month, int& day) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day)) return false;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return false;
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= days[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

std::string format_date(std::string_view text, bool long_form) {
  int y = 0, m = 0, d = 0;
  if (!parse_date(text, y, m, d)) return std::string(text);
  if (!long_form) return std::string(text.substr(0, 10));
  static constexpr std::array<const char*, 12> months{"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(d) + " " + months[m - 1] + " " + std::to_string(y);
}

bool is_iso_timestamp(std::string_view text) {
  int y = 0, mo = 0, d = 0;
  if (!parse_date(text, y, mo, d)) return false;
  if (text.size() == 10) return true;
  if (text[10] != 'T') return false;
  int h = 0, mi = 0, s = 0;
  if (!digits(text, 11, 2, h) || text.size() < 16 || text[13] != ':' || !digits(text, 14, 2, mi)) return false;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!digits(text, pos + 1, 2, s)) return false;
    pos += 3;
    // Fractions of a second are allowed and ignored.
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
  }
  if (h > 23 || mi > 59 || s > 60) return false;
  if (pos == text.size()) return true;
  if (text[pos] == 'Z') return pos + 1 == text.size();
  int oh = 0, om = 0;
  return (text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 && digits(text, pos + 1, 2, oh) &&
         text[pos + 3] == ':' && digits(text, pos + 4, 2, om) && oh <= 23 && om <= 59;
}

std::string pdf_timestamp(std::string_view text) {
  if (!is_iso_timestamp(text)) return {};
  std::string out(text.substr(0, 10));
  if (text.size() == 10) return out + "T00:00:00Z";
  out += text.substr(10, 6);  // "Thh:mm"
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    out += text.substr(pos, 3);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
  } else {
    out += ":00";
  }
  // No zone means UTC, as elsewhere in Cohort.
  out += pos == text.size() ? std::string("Z") : std::string(text.substr(pos));
  return out;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

}  // namespace cohort_documents::details
