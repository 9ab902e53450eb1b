#include "rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/text.hpp>

namespace cohort_rules {
namespace {

using cohort_plugin_common::join;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string format_years(double y) {
  char buf[32];
  if (std::floor(y) == y)
    std::snprintf(buf, sizeof buf, "%.0f", y);
  else
    std::snprintf(buf, sizeof buf, "%.1f", y);
  return buf;
}

}  // namespace

std::optional<CivilDate> parse_date(const std::string& text) { return cohort_plugin_common::parse_date_prefix(text); }

std::optional<std::int64_t> parse_instant_ms(const std::string& text) {
  const auto instant = cohort_plugin_common::parse_instant_or_utc(text);
  if (!instant) return std::nullopt;
  return instant->unix_ms;
}

int degree_rank(const std::string& degree) {
  static const char* const kOrder[] = {"secondary", "diploma", "bachelor", "master", "doctorate"};
  for (int i = 0; i < 5; ++i)
    if (degree == kOrder[i]) return i;
  return -1;
}

EligibilityResult check_eligibility(const Applicant& a, const Eligibility& rules) {
  EligibilityResult r;
  auto fail = [&r](std::string rule, std::string reason) {
    r.failed.push_back({std::move(rule), std::move(reason)});
  };

  if (!rules.countries.empty() && !contains(rules.countries, a.nationality)) {
    fail("nationality", a.nationality.empty()
                            ? "nationality not given"
                            : "nationality " + a.nationality + " is not in the list of eligible countries (" +
                                  join(rules.countries) + ")");
  }

  if (rules.age_min || rules.age_max) {
    auto birth = parse_date(a.birth_date);
    auto ref = parse_date(rules.reference_date);
    if (!birth) {
      fail("age", a.birth_date.empty() ? "birth date not given" : "birth date '" + a.birth_date + "' is not a date");
    } else if (!ref) {
      fail("age", "the programme's reference date '" + rules.reference_date + "' is not a date");
    } else {
      r.age = age_on(*birth, *ref);
      const bool too_young = rules.age_min && *r.age < *rules.age_min;
      const bool too_old = rules.age_max && *r.age > *rules.age_max;
      if (too_young || too_old) {
        std::string range = rules.age_min && rules.age_max
                                ? std::to_string(*rules.age_min) + "-" + std::to_string(*rules.age_max)
                                : rules.age_min ? "at least " + std::to_string(*rules.age_min)
                                                : "at most " + std::to_string(*rules.age_max);
        fail("age", "age " + std::to_string(*r.age) + " on " + rules.reference_date + " is outside " + range);
      }
    }
  }

  if (!rules.min_degree.empty()) {
    const int need = degree_rank(rules.min_degree);
    const int have = degree_rank(a.degree);
    if (have < 0)
      fail("degree", a.degree.empty() ? "degree not given" : "degree '" + a.degree + "' is not recognised");
    else if (have < need)
      fail("degree", "degree " + a.degree + " is below the minimum " + rules.min_degree);
  }

  if (rules.min_experience_years) {
    if (!a.years_experience)
      fail("experience", "years of experience not given");
    else if (*a.years_experience < *rules.min_experience_years)
      fail("experience", format_years(*a.years_experience) + " years of experience, at least " +
                             format_years(*rules.min_experience_years) + " required");
  }

  std::vector<std::string> missing;
  for (const auto& doc : rules.required_documents)
    if (!contains(a.documents, doc)) missing.push_back(doc);
  if (!missing.empty()) fail("documents", "required documents missing: " + join(missing));

  if (!rules.languages_any.empty()) {
    bool any = false;
    for (const auto& l : rules.languages_any) any = any || contains(a.languages, l);
    if (!any) fail("language", "speaks none of the course languages (" + join(rules.languages_any) + ")");
  }

  r.eligible = r.failed.empty();
  return r;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

AttendanceResult attendance(const AttendanceInput& in) {
  AttendanceResult out;
  std::map<std::string, double> weights = {{"present", 1.0}, {"late", 1.0}, {"excused", 0.0}, {"absent", 0.0}};
  for (const auto& [k, v] : in.status_weights) weights[k] = v;

  std::map<std::string, double> best;  // session -> best status weight seen
  std::set<std::string> known;
  for (const auto& s : in.sessions) known.insert(s.id);
  for (const auto& c : in.checkins) {
    if (!known.count(c.session)) {
      if (!contains(out.unknown, c.session)) out.unknown.push_back(c.session);
      continue;
    }
    auto w = weights.find(c.status);
    const double value = w == weights.end() ? 0.0 : w->second;
    auto [it, inserted] = best.emplace(c.session, value);
    if (!inserted) it->second = std::max(it->second, value);
  }
  for (const auto& s : in.sessions) {
    out.total_weight += s.weight;
    auto it = best.find(s.id);
    if (it == best.end()) {
      out.missed.push_back(s.id);
      continue;
    }
    out.attended_weight += s.weight * it->second;
  }
  out.rate = out.total_weight > 0 ? out.attended_weight / out.total_weight : 0.0;
  // Compare with a little slack so that 0.8 computed as 0.79999999 still meets 0.8.
  out.met = out.total_weight > 0 && out.rate + 1e-9 >= in.threshold;
  char buf[160];
  std::snprintf(buf, sizeof buf, "attended %.1f%% of the weighted sessions (%s of %s), threshold %.0f%%",
                out.rate * 100.0, format_years(out.attended_weight).c_str(),
                format_years(out.total_weight).c_str(), in.threshold * 100.0);
  out.reason = buf;
  return out;
}

std::string certificate_number(const std::string& prefix, long long sequence, int digits) {
  std::string n = std::to_string(sequence < 0 ? 0 : sequence);
  if (static_cast<int>(n.size()) < digits) n.insert(0, static_cast<std::size_t>(digits) - n.size(), '0');
  return prefix + n;
}

}  // namespace cohort_rules
