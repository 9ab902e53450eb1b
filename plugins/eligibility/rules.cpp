#include "rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/text.hpp>

namespace cohort_eligibility {
namespace {

using cohort_plugin_common::format_date;
using cohort_plugin_common::join;
using cohort_plugin_common::lower;
using cohort_plugin_common::parse_date;
using cohort_plugin_common::trim;
using cohort_plugin_common::upper;

// "Private_Company", "private-company" and "private company" are one employer type.
std::string word_key(const std::string& s) {
  std::string out;
  for (char c : lower(trim(s))) {
    if (c == '_' || c == '-') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& key, std::string (*norm)(const std::string&)) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return norm(s) == key; });
}

std::string id_key(const std::string& s) { return lower(trim(s)); }
std::string code_key(const std::string& s) { return upper(trim(s)); }

std::string years(double y) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::floor(y) == y ? "%.0f" : "%.1f", y);
  return std::string(buf) + (y == 1 ? " year" : " years");
}

bool is_country_code(const std::string& s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// Position on the scale, after aliases; -1 when unknown.
int degree_rank(const std::string& degree, const Settings& settings) {
  std::string key = lower(trim(degree));
  if (auto it = settings.degree_aliases.find(key); it != settings.degree_aliases.end()) key = lower(it->second);
  for (std::size_t i = 0; i < settings.degree_scale.size(); ++i)
    if (lower(settings.degree_scale[i]) == key) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::string document_label(const std::string& id, const Settings& settings) {
  if (auto it = settings.document_labels.find(id); it != settings.document_labels.end()) return it->second;
  static const std::map<std::string, std::string> kLabels = {
      {"passport", "passport scan"},
      {"cv", "CV"},
      {"degree_certificate", "degree certificate"},
      {"recommendation_letter", "recommendation letter"},
      {"health_certificate", "health form"},
      {"medical_license", "medical licence"},
      {"motivation_letter", "motivation letter"},
      {"language_certificate", "language certificate"},
      {"employer_nomination", "nomination letter"},
  };
  if (auto it = kLabels.find(id); it != kLabels.end()) return it->second;
  std::string label = id;
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string validate_rules(const Rules& rules, const Settings& settings) {
  if ((rules.age_min || rules.age_max) && !rules.reference_date)
    return "eligibility.reference_date (YYYY-MM-DD) is required when an age range is given";
  if (rules.age_min && rules.age_max && *rules.age_min > *rules.age_max)
    return "eligibility.age.min (" + std::to_string(*rules.age_min) + ") is above eligibility.age.max (" +
           std::to_string(*rules.age_max) + ")";
  if (!rules.min_degree.empty() && degree_rank(rules.min_degree, settings) < 0)
    return "eligibility.min_degree '" + rules.min_degree + "' is not on the degree scale (" +
           join(settings.degree_scale) + ")";
  for (const auto& c : rules.countries)
    if (!is_country_code(code_key(c))) return "countries: '" + c + "' is not an ISO 3166-1 alpha-2 code";
  return {};
}

Verdict check(const Applicant& a, const Rules& rules, const Settings& settings) {
  Verdict v;
  auto fail = [&v](std::string rule, std::string code, std::string reason, std::vector<std::string> items = {}) {
    v.failed.push_back({std::move(rule), std::move(code), std::move(reason), std::move(items)});
  };

  if (!rules.countries.empty()) {
    const std::string nat = code_key(a.nationality);
    if (nat.empty())
      fail("nationality", "nationality.missing", "nationality not given");
    else if (!is_country_code(nat))
      fail("nationality", "nationality.invalid",
           "nationality '" + a.nationality + "' is not a two-letter country code (ISO 3166-1 alpha-2)");
    else if (!contains(rules.countries, nat, code_key))
      fail("nationality", "nationality.not_allowed",
           "nationality " + nat + " is not one of the eligible countries (" + join(rules.countries) + ")");
    else
      v.passed.push_back("nationality");
  }

  if ((rules.age_min || rules.age_max) && rules.reference_date) {
    const std::string ref = format_date(*rules.reference_date);
    const auto birth = parse_date(trim(a.birth_date));
    if (trim(a.birth_date).empty()) {
      fail("age", "age.missing", "date of birth not given");
    } else if (!birth) {
      fail("age", "age.invalid_birth_date", "date of birth '" + a.birth_date + "' is not a date (YYYY-MM-DD)");
    } else if (*birth > *rules.reference_date) {
      fail("age", "age.birth_after_reference",
           "date of birth " + format_date(*birth) + " is after the reference date " + ref);
    } else {
      v.age = age_on(*birth, *rules.reference_date);
      if (rules.age_min && *v.age < *rules.age_min)
        fail("age", "age.too_young",
             "aged " + std::to_string(*v.age) + " on " + ref + ", the minimum age is " + std::to_string(*rules.age_min));
      else if (rules.age_max && *v.age > *rules.age_max)
        fail("age", "age.too_old",
             "aged " + std::to_string(*v.age) + " on " + ref + ", the maximum age is " + std::to_string(*rules.age_max));
      else
        v.passed.push_back("age");
    }
  }

  if (!rules.min_degree.empty()) {
    const int need = degree_rank(rules.min_degree, settings);
    const int have = degree_rank(a.degree, settings);
    if (trim(a.degree).empty())
      fail("degree", "degree.missing", "highest degree not given");
    else if (have < 0)
      fail("degree", "degree.unknown",
           "degree '" + a.degree + "' is not one of " + join(settings.degree_scale));
    else if (have < need)
      fail("degree", "degree.below_minimum",
           "highest degree " + settings.degree_scale[static_cast<std::size_t>(have)] + " is below the minimum, " +
               settings.degree_scale[static_cast<std::size_t>(need)]);
    else
      v.passed.push_back("degree");
  }

  if (rules.min_experience_years) {
    if (!a.years_experience)
      fail("experience", "experience.missing", "years of professional experience not given");
    else if (*a.years_experience < *rules.min_experience_years)
      fail("experience", "experience.below_minimum",
           years(*a.years_experience) + " of professional experience, at least " +
               years(*rules.min_experience_years) + " required");
    else
      v.passed.push_back("experience");
  }

  if (!rules.employer_types.empty()) {
    const std::string type = word_key(a.employer_type);
    if (type.empty())
      fail("employer_type", "employer_type.missing", "type of employer not given");
    else if (!contains(rules.employer_types, type, word_key))
      fail("employer_type", "employer_type.not_allowed",
           "employer type '" + a.employer_type + "' is not accepted (accepted: " + join(rules.employer_types) + ")");
    else
      v.passed.push_back("employer_type");
  }

  if (!rules.required_documents.empty()) {
    std::vector<std::string> missing, labels;
    for (const auto& doc : rules.required_documents)
      if (!contains(a.documents, id_key(doc), id_key)) {
        missing.push_back(doc);
        labels.push_back(document_label(doc, settings));
      }
    if (!missing.empty())
      fail("documents", "documents.missing",
           std::string(missing.size() == 1 ? "required document missing: " : "required documents missing: ") +
               join(labels),
           missing);
    else
      v.passed.push_back("documents");
  }

  if (!rules.languages_any.empty()) {
    bool any = false;
    for (const auto& l : rules.languages_any) any = any || contains(a.languages, id_key(l), id_key);
    if (!any)
      fail("language", "language.none", "speaks none of the course languages (" + join(rules.languages_any) + ")");
    else
      v.passed.push_back("language");
  }

  v.eligible = v.failed.empty();
  return v;
}

std::string summary(const Verdict& verdict) {
  if (verdict.failed.empty()) return "eligible";
  std::vector<std::string> reasons;
  for (const auto& f : verdict.failed) reasons.push_back(f.reason);
  return "not eligible: " + join(reasons, "; ");
}

}  // namespace cohort_eligibility
