#include "selection.hpp"

#include <algorithm>
#include <cmath>

#include "details/seat_plan.hpp"
#include "rules.hpp"

namespace cohort_rules {
namespace {

using details::Seat;
using details::SeatModel;
using details::Skip;

long long at_4_decimals(double v) { return std::llround(v * 10000.0); }

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

/// The candidates that count, best first: the latest entry per id, without the excluded;
/// those below the minimum score go to `below` (by id).
std::vector<Candidate> qualifying(const std::vector<Candidate>& all, const std::vector<std::string>& exclude,
                                  const std::optional<double>& min_score, std::vector<Candidate>& below) {
  std::map<std::string, Candidate> by_id;
  for (const auto& c : all)
    if (!contains(exclude, c.id)) by_id[c.id] = c;
  std::vector<Candidate> ranked;
  for (auto& [id, c] : by_id) {
    if (min_score && at_4_decimals(c.score) < at_4_decimals(*min_score))
      below.push_back(c);
    else
      ranked.push_back(c);
  }
  std::sort(ranked.begin(), ranked.end(), ranks_before);
  return ranked;
}

std::string rank_text(int rank, double score) {
  return "rank " + std::to_string(rank) + ", score " + format_score(score);
}

/// Why a selected candidate needed a minimum: the first minimum that a fill without any
/// minimum would have left short.
std::string minimum_served(const SeatModel& m, const std::vector<details::Cell>& cells, const std::vector<Seat>& free_fill,
                           const details::Cell& cell) {
  std::vector<int> country(m.countries.size(), 0), gender(m.genders.size(), 0);
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (free_fill[i].taken) {
      ++country[static_cast<std::size_t>(cells[i].country)];
      ++gender[static_cast<std::size_t>(cells[i].gender)];
    }
  const auto ci = static_cast<std::size_t>(cell.country), gi = static_cast<std::size_t>(cell.gender);
  if (m.country_min[ci] > 0 && country[ci] < m.country_min[ci]) return "quota min for " + m.countries[ci];
  if (gi + 1 < m.genders.size() && m.gender_min[gi] > 0 && gender[gi] < m.gender_min[gi])
    return "gender target " + m.genders[gi];
  return "quota and gender minimums";
}

void record_achieved(std::vector<Infeasibility>& list, const std::map<std::string, int>& by_country,
                     const std::map<std::string, int>& by_gender, int filled) {
  for (auto& inf : list) {
    if (inf.constraint.rfind("country", 0) == 0) {
      auto it = by_country.find(inf.subject);
      inf.achieved = it == by_country.end() ? 0 : it->second;
    } else if (inf.constraint.rfind("gender", 0) == 0) {
      auto it = by_gender.find(inf.subject);
      inf.achieved = it == by_gender.end() ? 0 : it->second;
    } else if (inf.constraint == "seats") {
      inf.achieved = filled;
    }
  }
}

std::map<std::string, std::pair<int, int>> final_gender_bounds(const Diversity& d, const std::vector<Candidate>& ranked,
                                                               const Quotas& quotas, int seats) {
  if (!d.gender) return {};
  return details::gender_bounds(*d.gender, details::fillable_seats(ranked, quotas, seats));
}

}  // namespace

bool ranks_before(const Candidate& a, const Candidate& b) {
  const long long sa = at_4_decimals(a.score), sb = at_4_decimals(b.score);
  if (sa != sb) return sa > sb;
  const long long ra = a.raw ? at_4_decimals(*a.raw) : sa, rb = b.raw ? at_4_decimals(*b.raw) : sb;
  if (ra != rb) return ra > rb;
  if (a.reviews != b.reviews) return a.reviews > b.reviews;
  return a.id < b.id;
}

SelectionResult select(const SelectionInput& input) {
  SelectionResult out;
  std::vector<Candidate> below;
  const std::vector<Candidate> ranked = qualifying(input.candidates, input.exclude, input.min_score, below);
  for (const auto& c : below) {
    out.rejected.push_back(c.id);
    out.explanations[c.id] =
        "rejected: score " + format_score(c.score) + " below the minimum " + format_score(*input.min_score);
  }

  const int seats = std::max(0, input.seats);
  SeatModel model = details::build_model(ranked, input.quotas, seats,
                                         final_gender_bounds(input.diversity, ranked, input.quotas, seats),
                                         input.diversity.gender);
  const auto cells = details::cells_of(model, ranked);
  out.infeasible = details::relax_minimums(model, cells);
  const bool hard = input.diversity.gender && input.diversity.gender->hard;
  const std::vector<Seat> seated = details::fill(model, cells, hard);

  // The same fill without minimums tells who owes the seat to one.
  SeatModel free_model = model;
  std::fill(free_model.country_min.begin(), free_model.country_min.end(), 0);
  std::fill(free_model.gender_min.begin(), free_model.gender_min.end(), 0);
  const std::vector<Seat> free_fill = details::fill(free_model, cells, true);

  std::map<std::string, int> by_country, by_gender, beyond;
  int filled = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (!seated[i].taken) continue;
    const auto& c = ranked[i];
    ++filled;
    ++by_country[c.country];
    ++by_gender[c.gender];
    if (seated[i].beyond_gender_max) ++beyond[c.gender];
    out.offered.push_back(c.id);
    out.holders.push_back({c.id, c.country, c.gender});
    std::string why = rank_text(static_cast<int>(i + 1), c.score) + ", offered";
    if (seated[i].beyond_gender_max)
      why += " (beyond the gender target " + c.gender + " maximum, to fill the seats)";
    else if (!free_fill[i].taken)
      why += " (" + minimum_served(model, cells, free_fill, cells[i]) + ")";
    out.explanations[c.id] = why;
  }

  std::vector<WaitlistEntry> waiting;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (seated[i].taken) continue;
    const auto& c = ranked[i];
    const int rank = static_cast<int>(i + 1);
    if (input.waitlist_size && static_cast<int>(waiting.size()) >= *input.waitlist_size) {
      out.rejected.push_back(c.id);
      out.explanations[c.id] = "rejected: " + rank_text(rank, c.score) + ", the waitlist is full";
      continue;
    }
    waiting.push_back({c.id, c.country, c.score, rank, c.gender});
    std::string why;
    const auto& cell = cells[i];
    switch (seated[i].skip) {
      case Skip::CountryMax:
        why = "country quota " + c.country + " max " +
              std::to_string(model.country_max[static_cast<std::size_t>(cell.country)]) + " reached";
        break;
      case Skip::GenderMax:
        why = "gender target " + c.gender + " max " +
              std::to_string(model.gender_max[static_cast<std::size_t>(cell.gender)]) + " of " +
              std::to_string(seats) + " reached";
        break;
      case Skip::Reserved:
        why = "seat reserved for " + seated[i].reserved_for;
        break;
      default:
        why = "all " + std::to_string(seats) + " seats filled";
    }
    out.explanations[c.id] = "waitlisted: " + rank_text(rank, c.score) + ", " + why;
  }
  for (std::size_t pos = 0; pos < waiting.size(); ++pos)
    out.explanations[waiting[pos].id] += ", waitlist position " + std::to_string(pos + 1);
  out.waitlist = std::move(waiting);
  std::sort(out.rejected.begin(), out.rejected.end());

  for (const auto& [gender, n] : beyond) {
    const int g = model.gender_index(gender);
    const int max = model.gender_max[static_cast<std::size_t>(g)];
    out.infeasible.push_back({"gender_max", gender, max, 0,
                              "gender target " + gender + " (" +
                                  details::share_text(model.gender_share[static_cast<std::size_t>(g)], model.tolerance) +
                                  "): at most " + std::to_string(max) + " of " + std::to_string(seats) +
                                  " seats, exceeded to fill the seats: not enough qualifying candidates of the "
                                  "other genders"});
  }
  if (filled < seats) {
    int held_by_gender = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) held_by_gender += !seated[i].taken && seated[i].skip == Skip::GenderMax;
    const int fillable = details::fillable_seats(ranked, input.quotas, seats);
    std::string why;
    if (static_cast<int>(ranked.size()) < seats)
      why = "only " + std::to_string(ranked.size()) + " qualifying candidates";
    else if (fillable < seats)
      why = "the country quota maximums allow only " + std::to_string(fillable) +
            " seats for the qualifying candidates' countries";
    else
      why = std::to_string(held_by_gender) + " qualifying candidates are held back by a gender target maximum";
    out.infeasible.push_back({"seats", "", seats, 0,
                              std::to_string(filled) + " of " + std::to_string(seats) + " seats filled: " + why});
  }
  record_achieved(out.infeasible, by_country, by_gender, filled);
  for (const auto& inf : out.infeasible) out.unmet.push_back(inf.reason);
  return out;
}

ShortlistResult shortlist(const ShortlistInput& input) {
  ShortlistResult out;
  std::vector<Candidate> below;
  const std::vector<Candidate> ranked = qualifying(input.candidates, input.exclude, input.min_score, below);

  // The shortlist keeps the final minimums reachable, and never more of a country than the
  // final seats could take in proportion to the shortlist (more would be reviewed for nothing).
  const int size = std::max(0, input.size);
  const int seats = input.seats > 0 ? input.seats : size;
  Quotas quotas = input.quotas;
  for (auto& [cc, q] : quotas)
    if (q.max >= 0 && seats > 0) q.max = static_cast<int>(std::ceil(static_cast<double>(q.max) * size / seats - 1e-9));
  std::map<std::string, std::pair<int, int>> genders = final_gender_bounds(input.diversity, ranked, input.quotas, seats);
  for (auto& [gender, bounds] : genders) bounds.second = -1;
  SeatModel model = details::build_model(ranked, quotas, size, genders, input.diversity.gender);
  const auto cells = details::cells_of(model, ranked);
  out.infeasible = details::relax_minimums(model, cells);
  const std::vector<Seat> seated = details::fill(model, cells, true);
  SeatModel free_model = model;
  std::fill(free_model.country_min.begin(), free_model.country_min.end(), 0);
  std::fill(free_model.gender_min.begin(), free_model.gender_min.end(), 0);
  const std::vector<Seat> free_fill = details::fill(free_model, cells, true);

  std::map<std::string, int> by_country, by_gender;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto& c = ranked[i];
    const std::string rank = rank_text(static_cast<int>(i + 1), c.score);
    if (seated[i].taken) {
      out.shortlisted.push_back(c);
      ++by_country[c.country];
      ++by_gender[c.gender];
      out.explanations[c.id] = "shortlisted: " + rank +
                               (free_fill[i].taken ? "" : " (" + minimum_served(model, cells, free_fill, cells[i]) + ")");
      continue;
    }
    out.not_shortlisted.push_back(c.id);
    std::string why;
    switch (seated[i].skip) {
      case Skip::CountryMax:
        why = std::to_string(model.country_max[static_cast<std::size_t>(cells[i].country)]) + " from " + c.country +
              " already shortlisted, more than its quota max could ever take";
        break;
      case Skip::Reserved:
        why = "place reserved for " + seated[i].reserved_for;
        break;
      default:
        why = "the shortlist of " + std::to_string(size) + " is full";
    }
    out.explanations[c.id] = "not shortlisted: " + rank + ", " + why;
  }
  for (const auto& c : below) {
    out.not_shortlisted.push_back(c.id);
    out.explanations[c.id] =
        "not shortlisted: score " + format_score(c.score) + " below the minimum " + format_score(*input.min_score);
  }
  record_achieved(out.infeasible, by_country, by_gender, static_cast<int>(out.shortlisted.size()));
  for (const auto& inf : out.infeasible) out.unmet.push_back(inf.reason);
  return out;
}

}  // namespace cohort_rules
