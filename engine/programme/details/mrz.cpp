#include "programme/details/mrz.hpp"

#include <map>
#include <string_view>

namespace cohort::programme::details {
namespace {

// Alpha-2 to ICAO (ISO alpha-3) for the countries the generator draws applicants from.
const std::map<std::string, std::string, std::less<>>& icao_codes() {
  static const std::map<std::string, std::string, std::less<>> t = {
      {"BD", "BGD"}, {"BO", "BOL"}, {"BR", "BRA"}, {"DZ", "DZA"}, {"EC", "ECU"}, {"EG", "EGY"}, {"ET", "ETH"},
      {"FR", "FRA"}, {"GH", "GHA"}, {"ID", "IDN"}, {"IN", "IND"}, {"IR", "IRN"}, {"KE", "KEN"}, {"KH", "KHM"},
      {"KZ", "KAZ"}, {"LA", "LAO"}, {"LK", "LKA"}, {"MA", "MAR"}, {"MM", "MMR"}, {"MN", "MNG"}, {"MX", "MEX"},
      {"MY", "MYS"}, {"NG", "NGA"}, {"NP", "NPL"}, {"OM", "OMN"}, {"PE", "PER"}, {"PH", "PHL"}, {"PK", "PAK"},
      {"RW", "RWA"}, {"SA", "SAU"}, {"TH", "THA"}, {"TR", "TUR"}, {"TZ", "TZA"}, {"UG", "UGA"}, {"UZ", "UZB"},
      {"VN", "VNM"}, {"ZA", "ZAF"}, {"ZM", "ZMB"}, {"CN", "CHN"}, {"US", "USA"}, {"GB", "GBR"}, {"DE", "D<<"},
  };
  return t;
}

// Upper-case letters and digits stay; spaces, hyphens and anything else separate words.
std::string mrz_words(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    else if (c != '\'' && !out.empty() && out.back() != '<') out += '<';
  }
  while (!out.empty() && out.back() == '<') out.pop_back();
  return out;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() > width) s.resize(width);
  s.append(width - s.size(), '<');
  return s;
}

// YYYY-MM-DD -> YYMMDD.
std::string yymmdd(const std::string& date) {
  if (date.size() < 10) return "<<<<<<";
  return date.substr(2, 2) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace

int mrz_check_digit(const std::string& field) {
  static const int weights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int v = 0;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    sum += v * weights[i % 3];
  }
  return sum % 10;
}

std::vector<std::string> td3_mrz(const PassportData& p) {
  auto it = icao_codes().find(p.country);
  if (it == icao_codes().end()) return {};
  const std::string& state = it->second;
  const std::string line1 =
      padded("P<" + state + mrz_words(p.family_name) + "<<" + mrz_words(p.given_names), 44);

  const std::string number = padded(mrz_words(p.number), 9);
  const std::string birth = yymmdd(p.birth_date);
  const std::string expiry = yymmdd(p.expires);
  const std::string sex = p.sex == "female" ? "F" : p.sex == "male" ? "M" : "<";
  const std::string optional(14, '<');
  const std::string n_part = number + std::to_string(mrz_check_digit(number));
  const std::string b_part = birth + std::to_string(mrz_check_digit(birth));
  const std::string e_part = expiry + std::to_string(mrz_check_digit(expiry));
  const std::string o_part = optional + std::to_string(mrz_check_digit(optional));
  const std::string composite = std::to_string(mrz_check_digit(n_part + b_part + e_part + o_part));
  const std::string line2 = n_part + state + b_part + sex + e_part + o_part + composite;
  return {line1, line2};
}

}  // namespace cohort::programme::details
