#include "mrz.hpp"

#include <algorithm>

#include <cohort_plugin_common/iso_time.hpp>

#include "details/transliterate.hpp"

namespace cohort_visa {
namespace {

using cohort_plugin_common::add_months;
using cohort_plugin_common::format_date;
using cohort_plugin_common::is_valid;
using cohort_plugin_common::parse_date_prefix;

bool is_mrz_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

std::string strip_fillers(std::string_view s) {
  while (!s.empty() && s.back() == '<') s.remove_suffix(1);
  while (!s.empty() && s.front() == '<') s.remove_prefix(1);
  return std::string(s);
}

std::vector<std::string> split_fillers(std::string_view s) {
  std::vector<std::string> out;
  std::string token;
  for (char c : s) {
    if (c == '<') {
      if (!token.empty()) out.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  if (!token.empty()) out.push_back(std::move(token));
  return out;
}

std::string join(const std::vector<std::string>& tokens, const char* sep = " ") {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : sep) + t;
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string letters_and_digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::optional<CivilDate> yymmdd(std::string_view raw, int century) {
  if (raw.size() != 6 || !std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  CivilDate d{century + (raw[0] - '0') * 10 + (raw[1] - '0'), (raw[2] - '0') * 10 + (raw[3] - '0'),
              (raw[4] - '0') * 10 + (raw[5] - '0')};
  if (!is_valid(d)) return std::nullopt;
  return d;
}

// YYMMDD of a typed YYYY-MM-DD date, for comparing without deciding a century.
std::string typed_yymmdd(const CivilDate& d) {
  const std::string s = format_date(d);
  return s.substr(2, 2) + s.substr(5, 2) + s.substr(8, 2);
}

std::string pretty_yymmdd(std::string_view raw) {
  if (raw.size() != 6) return std::string(raw);
  return std::string(raw.substr(0, 2)) + "-" + std::string(raw.substr(2, 2)) + "-" + std::string(raw.substr(4, 2));
}

void add_check(Td3& m, const char* field, std::string data, char found, bool filler_allowed) {
  CheckDigit c;
  c.field = field;
  c.data = std::move(data);
  c.found = found;
  c.expected = mrz_check_digit(c.data);
  // An empty optional-data field may carry '<' instead of 0 as its check digit.
  const bool all_fillers = std::all_of(c.data.begin(), c.data.end(), [](char ch) { return ch == '<'; });
  if (c.expected < 0)
    c.ok = false;
  else if (found == '<')
    c.ok = filler_allowed && all_fillers;
  else
    c.ok = found >= '0' && found <= '9' && found - '0' == c.expected;
  if (!c.ok) {
    std::string label = c.field;
    std::replace(label.begin(), label.end(), '_', ' ');
    std::string reason;
    if (c.expected < 0)
      reason = "the " + label + " field '" + c.data + "' has characters outside A-Z, 0-9 and <";
    else if (c.field == "composite")
      reason = "the composite check digit (over document number, dates and optional data) is " +
               std::to_string(c.expected) + " but the MRZ has '" + std::string(1, found) + "'";
    else
      reason = "check digit of the " + label + " is " + std::to_string(c.expected) + " but the MRZ has '" +
               std::string(1, found) + "'";
    m.problems.push_back({c.field, "check_digit", reason});
  }
  m.check_digits.push_back(std::move(c));
}

// Is each MRZ token equal to the typed one (the last MRZ token may be a truncated prefix)?
bool tokens_match(const std::vector<std::string>& mrz, const std::vector<std::string>& typed, bool truncated) {
  if (!truncated) return mrz == typed;
  if (mrz.empty() || mrz.size() > typed.size()) return false;
  for (std::size_t i = 0; i + 1 < mrz.size(); ++i)
    if (mrz[i] != typed[i]) return false;
  return typed[mrz.size() - 1].rfind(mrz.back(), 0) == 0;
}

// Word order free: every MRZ token matched by a distinct typed token, and nothing left over
// unless the MRZ name may have been truncated.
bool tokens_match_any_order(std::vector<std::string> mrz, std::vector<std::string> typed, bool truncated) {
  if (!truncated && mrz.size() != typed.size()) return false;
  for (std::size_t i = 0; i < mrz.size(); ++i) {
    const bool last = i + 1 == mrz.size();
    auto it = std::find(typed.begin(), typed.end(), mrz[i]);
    if (it == typed.end() && truncated && last)
      it = std::find_if(typed.begin(), typed.end(), [&](const std::string& t) { return t.rfind(mrz[i], 0) == 0; });
    if (it == typed.end()) return false;
    typed.erase(it);
  }
  return true;
}

std::string normalise_sex(const std::string& typed) {
  const std::string s = upper(trim(typed));
  if (s == "M" || s == "MALE" || s == "MAN") return "M";
  if (s == "F" || s == "FEMALE" || s == "WOMAN") return "F";
  if (s == "X" || s == "<" || s == "OTHER" || s == "UNSPECIFIED" || s == "NON-BINARY" || s == "DIVERSE") return "X";
  return {};
}

// The typed country as ISO alpha-2 when it can be read as alpha-2 or ICAO alpha-3.
std::string typed_alpha2(const std::string& typed) {
  const std::string s = upper(trim(typed));
  if (s.size() == 2) return s;
  if (auto c = icao_country(s)) return c->alpha2;
  return {};
}

void compare_country(std::vector<Mismatch>& out, const char* field, const std::string& mrz_code,
                     const std::string& typed) {
  if (trim(typed).empty() || upper(trim(typed)) == mrz_code) return;
  const auto mrz = icao_country(mrz_code);
  const std::string want = typed_alpha2(typed);
  const std::string have = mrz ? mrz->alpha2 : "";
  if (!want.empty() && want == have) return;
  std::string mrz_words = mrz_code + (mrz ? " (" + mrz->name + (have.empty() ? "" : ", " + have) + ")" : "");
  std::string reason = std::string(field) == "nationality" ? "nationality" : "issuing country";
  if (!mrz)
    reason += ": the MRZ code " + mrz_code + " is not an ICAO code";
  else if (have.empty())
    reason += ": the MRZ says " + mrz_words + ", which names no country, but " + trim(typed) + " was typed";
  else
    reason += ": the MRZ says " + mrz_words + " but " + trim(typed) + " was typed";
  out.push_back({field, mrz_code, trim(typed), reason});
}

void compare_date(std::vector<Mismatch>& out, const char* field, const char* words, const std::string& raw,
                  const std::optional<CivilDate>& full, const std::string& typed) {
  if (trim(typed).empty()) return;
  const auto t = parse_date_prefix(trim(typed));
  const std::string shown = full ? format_date(*full) : pretty_yymmdd(raw);
  if (!t) {
    out.push_back({field, shown, trim(typed), std::string(words) + ": typed '" + trim(typed) + "' is not a date"});
    return;
  }
  if (typed_yymmdd(*t) == raw && (!full || *full == *t)) return;
  out.push_back({field, shown, format_date(*t),
                 std::string(words) + ": the MRZ says " + shown + " but " + format_date(*t) + " was typed"});
}

}  // namespace

int mrz_check_digit(std::string_view field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    else if (c == '<') v = 0;
    else return -1;
    sum += v * kWeights[i % 3];
  }
  return sum % 10;
}

Td3 parse_td3(std::string_view text) {
  Td3 m;
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (c == '\n') {
      if (!trim(current).empty()) lines.push_back(upper(trim(current)));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!trim(current).empty()) lines.push_back(upper(trim(current)));
  if (lines.size() == 1 && lines[0].size() == 88) lines = {lines[0].substr(0, 44), lines[0].substr(44)};
  if (lines.size() != 2) {
    m.problems.push_back({"mrz", "format", "a passport MRZ (TD3) has two lines of 44 characters; got " +
                                               std::to_string(lines.size()) + " line" + (lines.size() == 1 ? "" : "s")});
    return m;
  }
  m.line1 = lines[0];
  m.line2 = lines[1];
  bool lengths_ok = true;
  for (int i = 0; i < 2; ++i) {
    const std::string& line = i == 0 ? m.line1 : m.line2;
    if (line.size() != 44) {
      m.problems.push_back({"mrz", "format", "line " + std::to_string(i + 1) + " has " + std::to_string(line.size()) +
                                                 " characters; a passport MRZ line has 44"});
      lengths_ok = false;
    }
  }
  if (!lengths_ok) return m;
  for (int i = 0; i < 2; ++i) {
    const std::string& line = i == 0 ? m.line1 : m.line2;
    for (std::size_t p = 0; p < line.size(); ++p)
      if (!is_mrz_char(line[p])) {
        m.problems.push_back({"mrz", "format", "line " + std::to_string(i + 1) + ", position " + std::to_string(p + 1) +
                                                   ": '" + line[p] + "' is not an MRZ character (A-Z, 0-9, <)"});
        break;
      }
  }

  const std::string_view l1 = m.line1, l2 = m.line2;
  m.document_code = strip_fillers(l1.substr(0, 2));
  if (l1[0] != 'P')
    m.problems.push_back({"document_code", "format",
                          "line 1 starts with '" + std::string(l1.substr(0, 2)) + "'; a passport's starts with P"});
  m.issuing_state = strip_fillers(l1.substr(2, 3));
  const std::string_view name = l1.substr(5, 39);
  const auto split = name.find("<<");
  const std::string_view primary = split == std::string_view::npos ? name : name.substr(0, split);
  const std::string_view secondary = split == std::string_view::npos ? std::string_view{} : name.substr(split + 2);
  m.surname_tokens = split_fillers(primary);
  m.given_tokens = split_fillers(secondary);
  m.surname = join(m.surname_tokens);
  m.given_names = join(m.given_tokens);
  m.name_may_be_truncated = name.back() != '<';

  m.document_number = strip_fillers(l2.substr(0, 9));
  m.nationality = strip_fillers(l2.substr(10, 3));
  m.birth_date_raw = std::string(l2.substr(13, 6));
  m.sex = l2[20] == '<' ? "X" : std::string(1, l2[20]);
  m.expiry_raw = std::string(l2.substr(21, 6));
  m.optional_data = strip_fillers(l2.substr(28, 14));

  add_check(m, "document_number", std::string(l2.substr(0, 9)), l2[9], false);
  add_check(m, "birth_date", m.birth_date_raw, l2[19], false);
  add_check(m, "expiry", m.expiry_raw, l2[27], false);
  add_check(m, "optional_data", std::string(l2.substr(28, 14)), l2[42], true);
  add_check(m, "composite",
            std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) + std::string(l2.substr(21, 22)), l2[43],
            false);

  if (m.sex != "M" && m.sex != "F" && m.sex != "X")
    m.problems.push_back({"sex", "format", "sex '" + m.sex + "' is not M, F or <"});
  if (!icao_country(m.issuing_state))
    m.problems.push_back({"issuing_state", "unknown_code", "issuing state '" + m.issuing_state + "' is not an ICAO code"});
  if (!icao_country(m.nationality))
    m.problems.push_back({"nationality", "unknown_code", "nationality '" + m.nationality + "' is not an ICAO code"});
  resolve_centuries(m, std::nullopt);
  if (!m.birth_date)
    m.problems.push_back({"birth_date", "invalid_date", "birth date " + m.birth_date_raw + " is not a date (YYMMDD)"});
  if (!m.expiry)
    m.problems.push_back({"expiry", "invalid_date", "expiry date " + m.expiry_raw + " is not a date (YYMMDD)"});
  return m;
}

void resolve_centuries(Td3& m, const std::optional<CivilDate>& typed_birth) {
  m.expiry = yymmdd(m.expiry_raw, 2000);
  if (typed_birth && typed_yymmdd(*typed_birth) == m.birth_date_raw) {
    m.birth_date = *typed_birth;
    return;
  }
  m.birth_date = yymmdd(m.birth_date_raw, 2000);
  if (!m.birth_date) {
    m.birth_date = yymmdd(m.birth_date_raw, 1900);  // 29 February of a year only the 1900s have
    return;
  }
  if (!m.expiry || add_months(*m.birth_date, 12) > *m.expiry) m.birth_date = yymmdd(m.birth_date_raw, 1900);
}

std::vector<Mismatch> compare(const Td3& mrz, const TypedPassport& t) {
  std::vector<Mismatch> out;
  const std::string mrz_name = mrz.surname + (mrz.given_names.empty() ? "" : ", " + mrz.given_names);

  if (!trim(t.surname).empty() || !trim(t.given_names).empty()) {
    const auto sur = details::to_mrz_name(t.surname);
    const auto given = details::to_mrz_name(t.given_names);
    const bool trunc = mrz.name_may_be_truncated;
    // Truncation shortens the end of the field: the given names, or the surname when there are none.
    const bool ok_plain = mrz.given_tokens.empty()
                              ? tokens_match(mrz.surname_tokens, sur.plain, trunc) && given.plain.empty()
                              : mrz.surname_tokens == sur.plain && tokens_match(mrz.given_tokens, given.plain, trunc);
    const bool ok_expanded =
        mrz.given_tokens.empty()
            ? tokens_match(mrz.surname_tokens, sur.expanded, trunc) && given.expanded.empty()
            : mrz.surname_tokens == sur.expanded && tokens_match(mrz.given_tokens, given.expanded, trunc);
    if (!ok_plain && !ok_expanded) {
      const std::string typed = trim(t.surname) + ", " + trim(t.given_names);
      out.push_back({"name", mrz_name, typed, "name: the MRZ says " + mrz_name + " but " + typed + " was typed"});
    }
  } else if (!trim(t.full_name).empty()) {
    const auto full = details::to_mrz_name(t.full_name);
    std::vector<std::string> all = mrz.surname_tokens;
    all.insert(all.end(), mrz.given_tokens.begin(), mrz.given_tokens.end());
    if (!tokens_match_any_order(all, full.plain, mrz.name_may_be_truncated) &&
        !tokens_match_any_order(all, full.expanded, mrz.name_may_be_truncated))
      out.push_back({"name", mrz_name, trim(t.full_name),
                     "name: the MRZ says " + mrz_name + " but " + trim(t.full_name) + " was typed"});
  }

  if (!trim(t.number).empty() && letters_and_digits(t.number) != mrz.document_number)
    out.push_back({"number", mrz.document_number, trim(t.number),
                   "passport number: the MRZ says " + mrz.document_number + " but " + trim(t.number) + " was typed"});

  compare_country(out, "nationality", mrz.nationality, t.nationality);

  Td3 dated = mrz;
  resolve_centuries(dated, parse_date_prefix(trim(t.birth_date)));
  compare_date(out, "birth_date", "date of birth", mrz.birth_date_raw, dated.birth_date, t.birth_date);

  if (!trim(t.sex).empty()) {
    const std::string s = normalise_sex(t.sex);
    if (s != mrz.sex)
      out.push_back({"sex", mrz.sex, trim(t.sex),
                     s.empty() ? "sex: typed '" + trim(t.sex) + "' is not M, F or X (the MRZ says " + mrz.sex + ")"
                               : "sex: the MRZ says " + mrz.sex + " but " + s + " was typed"});
  }

  compare_date(out, "expires", "expiry date", mrz.expiry_raw, mrz.expiry, t.expires);
  compare_country(out, "issuing_country", mrz.issuing_state, t.issuing_country);
  return out;
}

}  // namespace cohort_visa
