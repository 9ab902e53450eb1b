#include "programme/details/population.hpp"

#include <algorithm>
#include <cstdio>

#include "programme/details/names.hpp"
#include "value/time.hpp"

namespace cohort::programme::details {
namespace {

std::vector<std::string> strings(const Value& list) {
  std::vector<std::string> out;
  if (list.is_list())
    for (const auto& v : list.as_list())
      if (v.is_string()) out.push_back(v.as_string());
  return out;
}

std::string ascii_lower(std::string s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::string civil_string(std::int64_t days) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

const std::vector<std::string> kEmployerTypes = {"government", "university", "state enterprise", "private company",
                                                 "research institute", "hospital", "ngo"};
const std::vector<std::string> kWithdrawStages = {"draft", "under_review", "waitlisted", "offered", "accepted",
                                                  "visa_granted", "attending"};
const std::vector<std::string> kOptionalDocuments = {"motivation_letter", "language_certificate", "employer_nomination"};

}  // namespace

std::vector<SimApplicant> make_population(const Value& programme, int count, std::uint64_t seed) {
  const std::string pid = programme["id"].is_string() ? programme["id"].as_string() : "PROGRAMME";
  std::vector<std::string> eligible = strings(programme["countries"]);
  if (eligible.empty()) eligible = {"KE"};
  std::vector<std::string> others;
  for (const auto& cc : known_countries())
    if (std::find(eligible.begin(), eligible.end(), cc) == eligible.end()) others.push_back(cc);
  const Value& rules = programme["eligibility"];
  std::vector<std::string> allowed_employers = strings(rules["employer_types"]);
  if (allowed_employers.empty()) allowed_employers = kEmployerTypes;
  std::vector<std::string> not_allowed_employers;
  for (const auto& t : kEmployerTypes)
    if (std::find(allowed_employers.begin(), allowed_employers.end(), t) == allowed_employers.end())
      not_allowed_employers.push_back(t);
  std::vector<std::string> required = strings(rules["required_documents"]);
  std::vector<std::string> fields = strings(rules["fields"]);
  if (fields.empty()) fields = {"engineering"};
  const std::string min_degree = rules["min_degree"].is_string() ? rules["min_degree"].as_string() : "bachelor";
  const double min_exp = rules["min_experience_years"].is_number() ? rules["min_experience_years"].as_number() : 0;
  const std::int64_t age_min = rules["age"]["min"].is_int() ? rules["age"]["min"].as_int() : 25;
  const std::int64_t age_max = rules["age"]["max"].is_int() ? rules["age"]["max"].as_int() : 50;
  auto ref = parse_iso_datetime(rules["reference_date"].is_string() ? rules["reference_date"].as_string() : "");
  const std::int64_t ref_days = ref ? ref->ms / 86400000 : days_from_civil(2025, 1, 1);

  // Some countries send many more applications than others: a fixed weight per country.
  Random popularity(stream_seed(seed, pid + "/countries"));
  std::vector<double> weights;
  for (std::size_t i = 0; i < eligible.size(); ++i) weights.push_back(popularity.uniform(0.3, 2.5));

  std::vector<SimApplicant> out;
  out.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 1; i <= count; ++i) {
    char id[64];
    std::snprintf(id, sizeof id, "%s-A%04d", pid.c_str(), i);
    SimApplicant a;
    a.id = id;
    a.rng = Random(stream_seed(seed, a.id));
    Random& r = a.rng;

    a.country = (others.empty() || r.chance(0.92)) ? eligible[r.weighted(weights)] : r.pick(others);
    const CountryNames& names = names_for(a.country);
    a.gender = r.chance(0.46) ? "female" : "male";
    const std::string given = r.pick(a.gender == "female" ? names.female : names.male);
    const std::string family = r.pick(names.family);
    const std::string name = names.family_first ? family + " " + given : given + " " + family;
    a.given_name = given;
    a.family_name = family;

    // Ages cluster in the 30s; a few fall outside the range on the reference date.
    std::int64_t age;
    const double roll = r.uniform();
    if (roll < 0.03) age = r.range(age_min - 4, age_min - 1);
    else if (roll < 0.06) age = r.range(age_max + 1, age_max + 5);
    else age = std::clamp<std::int64_t>(static_cast<std::int64_t>(r.normal(36, 6)), age_min, age_max);
    const std::int64_t birth_days = ref_days - age * 365 - r.range(1, 360);

    static const std::vector<std::string> degrees = {"secondary", "diploma", "bachelor", "master", "doctorate"};
    std::string degree = degrees[r.weighted({0.01, 0.03, 0.47, 0.37, 0.12})];
    if (min_degree == "doctorate" && degree == "master" && r.chance(0.5)) degree = "doctorate";

    // Most have the experience the call asks for; a few apply without it.
    double experience = std::clamp(r.normal(static_cast<double>(age - 24) * 0.8, 3.0), min_exp,
                                   std::max(min_exp, static_cast<double>(age - 21)));
    if (r.chance(0.04)) experience = std::max(0.0, min_exp - r.uniform(0.5, 2.0));
    experience = static_cast<double>(static_cast<int>(experience * 2)) / 2.0;  // half years

    List documents;
    for (const auto& d : required)
      if (!r.chance(0.02)) documents.emplace_back(d);
    for (const auto& d : kOptionalDocuments)
      if (r.chance(0.4) && std::find(required.begin(), required.end(), d) == required.end()) documents.emplace_back(d);

    List languages;
    languages.emplace_back(names.language);
    if (names.language != "en" && r.chance(0.98)) languages.emplace_back("en");
    if (names.language != "fr" && r.chance(0.08)) languages.emplace_back("fr");

    // Most employers are of a type the call accepts; a few are not, so the rule gets exercised.
    const std::string employer_type = r.chance(0.95) || not_allowed_employers.empty() ? r.pick(allowed_employers)
                                                                                       : r.pick(not_allowed_employers);
    const std::string field = r.pick(fields);
    a.profile = Value::object({
        {"name", Value(name)},
        {"gender", Value(a.gender)},
        {"birth_date", Value(civil_string(birth_days))},
        {"nationality", Value(a.country)},
        {"email", Value(ascii_lower(given) + "." + ascii_lower(family) + std::to_string(i) + "@mail.example.org")},
        {"degree", Value(degree)},
        {"field", Value(field)},
        {"years_experience", Value(experience)},
        {"employer_type", Value(employer_type)},
        {"employer", Value(a.country + " " + field + " " + employer_type)},
        {"documents", Value(std::move(documents))},
        {"languages", Value(std::move(languages))},
    });

    a.quality = std::clamp(r.normal(6.6, 1.4), 1.0, 9.8);
    a.submits = !r.chance(0.05);
    a.submits_late = a.submits && r.chance(0.03);
    a.gets_extension = a.submits_late && r.chance(0.5);
    a.reviewed = !r.chance(0.02);
    const double answer = r.uniform();
    a.answer = answer < 0.80 ? OfferAnswer::Accept : answer < 0.90 ? OfferAnswer::Decline : OfferAnswer::Silent;
    a.short_passport = r.chance(0.04);
    a.visa_refused = r.chance(0.08);
    a.no_show = r.chance(0.02);
    a.attendance = r.chance(0.12) ? r.uniform(0.45, 0.8) : r.uniform(0.9, 1.0);
    if (r.chance(0.04)) a.withdraw_in = r.pick(kWithdrawStages);
    a.revoked = r.chance(0.03);
    a.passport_typo = r.chance(0.05);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace cohort::programme::details
