#include "letter.hpp"

#include <cctype>
#include <cstdio>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/text.hpp>

namespace cohort_visa {
namespace {

using cohort_plugin_common::days_from_civil;
using cohort_plugin_common::format_date;
using cohort_plugin_common::lower;
using cohort_plugin_common::parse_date_prefix;
using cohort_plugin_common::trim;

std::string normalise_gender(const std::string& g) {
  const std::string s = lower(trim(g));
  if (s == "m" || s == "male" || s == "man") return "male";
  if (s == "f" || s == "female" || s == "woman") return "female";
  if (s == "x" || s == "other" || s == "unspecified") return "unspecified";
  return trim(g);
}

// The run of digits at the end of an applicant id ("GLC-2025-A0042" -> 42).
std::optional<long long> trailing_number(const std::string& id) {
  std::size_t start = id.size();
  while (start > 0 && id[start - 1] >= '0' && id[start - 1] <= '9') --start;
  if (start == id.size() || id.size() - start > 12) return std::nullopt;
  return std::stoll(id.substr(start));
}

// The programme part of an applicant id ("GLC-2025-A0042" -> "GLC-2025").
std::string programme_of(const std::string& id) {
  const auto dash = id.rfind('-');
  return dash == std::string::npos ? std::string() : id.substr(0, dash);
}

}  // namespace

std::string letter_number(const std::string& prefix, long long sequence, int digits) {
  std::string p = prefix;
  while (!p.empty() && p.back() == '-') p.pop_back();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", digits, sequence);
  return (p.empty() ? std::string() : p + "-") + "L-" + buf;
}

Letter prepare_letter(const LetterRequest& r) {
  Letter l;
  auto missing = [&l](const char* field, const char* what) {
    l.missing.push_back(field);
    l.errors.push_back({field, "missing", std::string(what) + " is missing"});
  };
  auto invalid = [&l](const char* field, std::string code, std::string reason) {
    l.errors.push_back({field, std::move(code), std::move(reason)});
  };
  auto date = [&](const std::string& text, const char* field, const char* what, std::optional<CivilDate>& out) {
    if (trim(text).empty()) {
      missing(field, what);
      return;
    }
    out = parse_date_prefix(trim(text));
    if (!out) invalid(field, "invalid", std::string(what) + " '" + trim(text) + "' is not a date (YYYY-MM-DD)");
  };

  // The letter number: as given, else from a sequence, else from the applicant id.
  const std::string prefix = !trim(r.prefix).empty()         ? trim(r.prefix)
                             : !trim(r.programme_id).empty() ? trim(r.programme_id)
                                                             : programme_of(trim(r.applicant_id));
  if (!trim(r.letter_number).empty())
    l.number = trim(r.letter_number);
  else if (r.sequence && *r.sequence > 0)
    l.number = letter_number(prefix, *r.sequence, r.digits);
  else if (auto n = trailing_number(trim(r.applicant_id)))
    l.number = letter_number(prefix, *n, r.digits);
  else {
    l.missing.push_back("number");
    l.errors.push_back({"number", "missing",
                        "letter number is missing: give letter_number, a sequence, or an applicant_id ending in digits"});
  }

  l.full_name = trim(r.full_name);
  if (l.full_name.empty()) {
    l.full_name = trim(r.given_names);
    if (!trim(r.surname).empty()) l.full_name += (l.full_name.empty() ? "" : " ") + trim(r.surname);
  }
  if (l.full_name.empty()) missing("participant.full_name", "full name");
  l.gender = normalise_gender(r.gender);
  if (l.gender.empty()) missing("participant.gender", "gender");
  date(r.birth_date, "participant.birth_date", "date of birth", l.birth_date);
  const std::string nat = trim(r.nationality);
  if (nat.empty())
    missing("participant.nationality", "nationality");
  else if (nat.size() != 2 || !std::isupper(static_cast<unsigned char>(nat[0])) ||
           !std::isupper(static_cast<unsigned char>(nat[1])))
    invalid("participant.nationality", "invalid", "nationality '" + nat + "' is not an ISO 3166-1 alpha-2 code");

  if (trim(r.passport_number).empty()) missing("passport.number", "passport number");
  date(r.passport_expires, "passport.expires", "passport expiry date", l.passport_expires);

  if (trim(r.purpose).empty()) missing("purpose", "purpose of the visit");
  date(r.arrival, "arrival", "arrival date", l.arrival);
  date(r.departure, "departure", "departure date", l.departure);
  if (r.places.empty()) missing("places", "places to visit");
  if (trim(r.funding).empty()) missing("funding", "who pays for the visit");

  if (trim(r.institution.name).empty()) missing("institution.name", "inviting institution's name");
  if (trim(r.institution.address).empty()) missing("institution.address", "inviting institution's address");
  if (trim(r.institution.contact_name).empty() ||
      (trim(r.institution.contact_email).empty() && trim(r.institution.contact_phone).empty()))
    missing("institution.contact", "inviting institution's contact (a name and an email or phone)");

  if (l.arrival && l.departure) {
    if (*l.arrival > *l.departure)
      invalid("arrival", "after_departure",
              "arrival " + format_date(*l.arrival) + " is after departure " + format_date(*l.departure));
    else
      l.days = static_cast<int>(days_from_civil(*l.departure) - days_from_civil(*l.arrival)) + 1;
  }
  if (l.passport_expires && l.departure && *l.passport_expires <= *l.departure)
    invalid("passport.expires", "expires_before_departure",
            "the passport expires on " + format_date(*l.passport_expires) + ", before the departure on " +
                format_date(*l.departure));
  if (l.birth_date && l.arrival && *l.birth_date >= *l.arrival)
    invalid("participant.birth_date", "invalid", "date of birth " + format_date(*l.birth_date) + " is not before arrival");
  if (!trim(r.issued_on).empty() && !parse_date_prefix(trim(r.issued_on)))
    invalid("issued_on", "invalid", "issue date '" + trim(r.issued_on) + "' is not a date");

  l.valid = l.errors.empty();
  return l;
}

}  // namespace cohort_visa
