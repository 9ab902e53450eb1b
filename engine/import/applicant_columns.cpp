#include "import/applicant_columns.hpp"

#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <utility>

#include "import/details/country_codes.hpp"
#include "import/details/text.hpp"
#include "value/time.hpp"

namespace cohort::import {
namespace {

using details::ascii_lower;
using details::ascii_upper;
using details::collapse_spaces;
using details::trim;

struct Alias {
  const char* key;
  Field field;
};

// Header keys (after details::header_key) and the field each gives.
constexpr Alias kAliases[] = {
    {"id", Field::Id},
    {"applicant_id", Field::Id},
    {"name", Field::Name},
    {"full_name", Field::Name},
    {"applicant_name", Field::Name},
    {"email", Field::Email},
    {"e_mail", Field::Email},
    {"email_address", Field::Email},
    {"e_mail_address", Field::Email},
    {"nationality", Field::Nationality},
    {"country", Field::Nationality},
    {"country_code", Field::Nationality},
    {"citizenship", Field::Nationality},
    {"gender", Field::Gender},
    {"sex", Field::Gender},
    {"birth_date", Field::BirthDate},
    {"date_of_birth", Field::BirthDate},
    {"birthdate", Field::BirthDate},
    {"dob", Field::BirthDate},
    {"phone", Field::Phone},
    {"telephone", Field::Phone},
    {"phone_number", Field::Phone},
    {"mobile", Field::Phone},
    {"degree", Field::Degree},
    {"highest_degree", Field::Degree},
    {"field", Field::StudyField},
    {"field_of_study", Field::StudyField},
    {"discipline", Field::StudyField},
    {"years_experience", Field::YearsExperience},
    {"years_of_experience", Field::YearsExperience},
    {"experience_years", Field::YearsExperience},
    {"experience", Field::YearsExperience},
    {"employer", Field::Employer},
    {"organisation", Field::Employer},
    {"organization", Field::Employer},
    {"institution", Field::Employer},
    {"employer_type", Field::EmployerType},
    {"sector", Field::EmployerType},
    {"organisation_type", Field::EmployerType},
    {"organization_type", Field::EmployerType},
    {"position", Field::Position},
    {"job_title", Field::Position},
    {"documents", Field::Documents},
    {"languages", Field::Languages},
    {"language", Field::Languages},
    {"motivation", Field::Motivation},
    {"channel", Field::Channel},
    {"submitted_at", Field::SubmittedAt},
    {"submitted", Field::SubmittedAt},
    {"submission_date", Field::SubmittedAt},
};

constexpr const char* kNames[kFieldCount] = {
    "id",       "name",    "email",      "nationality",      "gender",        "birth_date",
    "phone",    "degree",  "field",      "years_experience", "employer",      "employer_type",
    "position", "documents", "languages", "motivation",      "channel",       "submitted_at"};

constexpr Field kRequired[] = {Field::Name, Field::Email, Field::Nationality};

// The ladder programme-rules compares against (secondary < diploma < bachelor < master < doctorate).
constexpr std::pair<const char*, const char*> kDegrees[] = {
    {"secondary", "secondary"}, {"diploma", "diploma"}, {"bachelor", "bachelor"}, {"bachelors", "bachelor"},
    {"master", "master"},       {"masters", "master"},  {"doctorate", "doctorate"}, {"phd", "doctorate"},
};

bool valid_email(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = e.substr(0, at), domain = e.substr(at + 1);
  if (local.size() > 64 || domain.size() > 253 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  for (char c : local)
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' ||
        c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\')
      return false;
  // Domain: dot-separated labels of letters, digits and inner hyphens, at least two labels.
  std::size_t labels = 0, start = 0;
  for (;;) {
    const auto dot = domain.find('.', start);
    const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
            static_cast<unsigned char>(c) >= 0x80))
        return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

// "passport; CV | degree certificate" -> ["passport", "cv", "degree_certificate"]
List split_list(std::string_view cell, bool underscores) {
  List out;
  std::string item;
  auto flush = [&] {
    std::string v = ascii_lower(collapse_spaces(item));
    if (underscores)
      for (char& c : v)
        if (c == ' ') c = '_';
    if (!v.empty()) out.emplace_back(std::move(v));
    item.clear();
  };
  for (char c : cell) {
    if (c == ';' || c == '|' || c == '\n') flush();
    else item += c;
  }
  flush();
  return out;
}

bool parse_years(std::string text, double& out) {
  if (text.find('.') == std::string::npos)
    for (char& c : text)
      if (c == ',') c = '.';  // a decimal comma, as some locales write it
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && out >= 0 && out <= 80;
}

}  // namespace

const char* field_name(Field f) { return kNames[static_cast<std::size_t>(f)]; }

bool ApplicantColumns::read_header(const CsvRecord& header, std::vector<std::string>& errors,
                                   std::vector<std::string>& warnings) {
  columns_ = {};
  width_ = header.fields.size();
  if (!header.error.empty()) {
    errors.push_back("the header row (row 1) is malformed: " + header.error);
    return false;
  }
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string key = details::header_key(header.fields[i]);
    if (key.empty()) continue;
    const Alias* alias = nullptr;
    for (const auto& a : kAliases)
      if (key == a.key) alias = &a;
    if (!alias) {
      warnings.push_back("column \"" + header.fields[i] + "\" (" + std::to_string(i + 1) +
                         ") is not an applicant field; ignored");
      continue;
    }
    auto& slot = columns_[static_cast<std::size_t>(alias->field)];
    if (slot) {
      errors.push_back("columns \"" + slot->header + "\" (" + std::to_string(slot->index + 1) + ") and \"" +
                       header.fields[i] + "\" (" + std::to_string(i + 1) + ") both give " + field_name(alias->field) +
                       "; keep one");
      continue;
    }
    slot = Column{i, header.fields[i]};
  }
  for (Field f : kRequired) {
    if (columns_[static_cast<std::size_t>(f)]) continue;
    std::string accepted;
    for (const auto& a : kAliases)
      if (a.field == f) accepted += std::string(accepted.empty() ? "" : ", ") + a.key;
    errors.push_back(std::string("the required column ") + field_name(f) + " is missing (a header named one of: " +
                     accepted + ")");
  }
  return errors.empty();
}

bool ApplicantColumns::read(const CsvRecord& record, const std::string& programme_id, ApplicantRow& out,
                            std::vector<RowProblem>& problems) const {
  const std::size_t before = problems.size();
  out = ApplicantRow{};
  out.row = record.row;
  out.line = record.line;
  auto problem = [&](std::optional<Column> col, std::string reason) {
    RowProblem p;
    p.row = record.row;
    p.line = record.line;
    if (col) {
      p.column = col->header;
      p.column_index = col->index + 1;
    }
    p.reason = std::move(reason);
    problems.push_back(std::move(p));
  };
  if (!record.error.empty()) {
    Column c{record.error_field ? record.error_field - 1 : 0, ""};
    if (c.index < width_)
      for (const auto& col : columns_)
        if (col && col->index == c.index) c.header = col->header;
    problem(c, record.error);
    return false;
  }
  for (std::size_t i = width_; i < record.fields.size(); ++i) {
    if (trim(record.fields[i]).empty()) continue;
    problem(std::nullopt, "the row has " + std::to_string(record.fields.size()) + " cells but the header has " +
                              std::to_string(width_) + " (a value with a comma must be in double quotes)");
    return false;
  }

  auto cell = [&](Field f) -> std::string {
    const auto& col = columns_[static_cast<std::size_t>(f)];
    if (!col || col->index >= record.fields.size()) return {};
    return trim(record.fields[col->index]);
  };
  auto col = [&](Field f) { return columns_[static_cast<std::size_t>(f)]; };

  Members profile;
  for (Field f : kRequired)
    if (cell(f).empty()) problem(col(f), std::string("the required value ") + field_name(f) + " is empty");

  if (const std::string name = collapse_spaces(cell(Field::Name)); !name.empty())
    profile.emplace_back("name", Value(name));

  if (const std::string email = cell(Field::Email); !email.empty()) {
    if (!valid_email(email)) {
      problem(col(Field::Email), "'" + email + "' is not an email address");
    } else {
      out.email = ascii_lower(email);
      profile.emplace_back("email", Value(email));
    }
  }

  if (const std::string country = cell(Field::Nationality); !country.empty()) {
    const std::string code = ascii_upper(country);
    if (!details::is_country_code(code))
      problem(col(Field::Nationality), "unknown country code '" + country +
                                           "': use the ISO 3166-1 alpha-2 code (KE, VN, BO, ...)");
    else
      profile.emplace_back("nationality", Value(code));
  }

  if (const std::string birth = cell(Field::BirthDate); !birth.empty()) {
    const auto t = birth.size() == 10 ? parse_iso_datetime(birth) : std::nullopt;
    if (!t || birth < "1900-01-01")
      problem(col(Field::BirthDate), "bad date '" + birth + "': write it as YYYY-MM-DD (1988-04-23)");
    else
      profile.emplace_back("birth_date", Value(birth));
  }

  if (const std::string when = cell(Field::SubmittedAt); !when.empty()) {
    out.submitted_at = parse_iso_datetime(when);
    if (!out.submitted_at)
      problem(col(Field::SubmittedAt),
              "bad date '" + when + "': write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+08:00 (no offset: UTC)");
  }

  if (const std::string gender = ascii_lower(cell(Field::Gender)); !gender.empty())
    profile.emplace_back("gender", Value(gender == "f" ? std::string("female") : gender == "m" ? std::string("male")
                                                                                                 : gender));

  if (const std::string degree = ascii_lower(cell(Field::Degree)); !degree.empty()) {
    const char* known = nullptr;
    for (const auto& [word, canonical] : kDegrees)
      if (degree == word) known = canonical;
    if (!known)
      problem(col(Field::Degree), "unknown degree '" + cell(Field::Degree) +
                                      "': one of secondary, diploma, bachelor, master, doctorate");
    else
      profile.emplace_back("degree", Value(known));
  }

  if (const std::string years = cell(Field::YearsExperience); !years.empty()) {
    double v = 0;
    if (!parse_years(years, v))
      problem(col(Field::YearsExperience), "'" + years + "' is not a number of years between 0 and 80");
    else
      profile.emplace_back("years_experience", Value(v));
  }

  if (const std::string id = cell(Field::Id); !id.empty()) {
    if (!valid_id(id))
      problem(col(Field::Id), "applicant id '" + id +
                                  "' may hold only letters, digits, '-', '_' and '.', at most 64, starting with a "
                                  "letter or digit");
    else
      out.id = id;
  } else if (!out.email.empty()) {
    out.id = applicant_id_for_email(programme_id, out.email);
  }

  for (auto [field, key] : {std::pair{Field::Phone, "phone"}, std::pair{Field::StudyField, "field"},
                            std::pair{Field::Employer, "employer"}, std::pair{Field::Position, "position"},
                            std::pair{Field::Motivation, "motivation"}}) {
    std::string v = field == Field::Motivation ? cell(field) : collapse_spaces(cell(field));
    if (field == Field::StudyField) v = ascii_lower(v);
    if (!v.empty()) profile.emplace_back(key, Value(std::move(v)));
  }
  if (std::string v = ascii_lower(collapse_spaces(cell(Field::EmployerType))); !v.empty())
    profile.emplace_back("employer_type", Value(std::move(v)));
  if (col(Field::Documents)) {
    List docs = split_list(cell(Field::Documents), true);
    if (!docs.empty()) profile.emplace_back("documents", Value(std::move(docs)));
  }
  if (col(Field::Languages)) {
    List langs = split_list(cell(Field::Languages), false);
    if (!langs.empty()) profile.emplace_back("languages", Value(std::move(langs)));
  }
  out.channel = ascii_lower(cell(Field::Channel));

  if (problems.size() != before) return false;
  out.profile = Value::object(std::move(profile));
  return true;
}

std::string applicant_id_for_email(const std::string& programme_id, const std::string& email) {
  const std::string key = ascii_lower(trim(email));
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[11];
  std::snprintf(hex, sizeof hex, "%02X%02X%02X%02X%02X", hash[0], hash[1], hash[2], hash[3], hash[4]);
  return programme_id + "-I" + hex;
}

}  // namespace cohort::import
