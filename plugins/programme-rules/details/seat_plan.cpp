#include "details/seat_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "details/max_flow.hpp"

namespace cohort_rules::details {
namespace {

// Stands for "no maximum" inside the flow; far above any real count.
constexpr int kUnbounded = 1 << 24;

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string gender_label(const SeatModel& m, int g) {
  return "gender target " + m.genders[static_cast<std::size_t>(g)] + " (" +
         share_text(m.gender_share[static_cast<std::size_t>(g)], m.tolerance) + ")";
}

// Seat-by-seat order in which the minimums are raised: the group whose k-th best candidate
// ranks highest goes first, so that when not every minimum fits, every group's first place
// comes before anyone's second.
template <class GroupOf>
std::vector<std::vector<std::size_t>> positions_by_group(const std::vector<Cell>& cells, std::size_t groups,
                                                         GroupOf group_of) {
  std::vector<std::vector<std::size_t>> out(groups);
  for (std::size_t i = 0; i < cells.size(); ++i) out[static_cast<std::size_t>(group_of(cells[i]))].push_back(i);
  return out;
}

}  // namespace

int SeatModel::country_index(const std::string& country) const {
  auto it = std::lower_bound(countries.begin(), countries.end(), country);
  return it != countries.end() && *it == country ? static_cast<int>(it - countries.begin()) : -1;
}

int SeatModel::gender_index(const std::string& gender) const {
  for (std::size_t g = 0; g + 1 < genders.size(); ++g)
    if (genders[g] == gender) return static_cast<int>(g);
  return other_gender();
}

std::string share_text(double share, double tolerance) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g%% \xC2\xB1 %g%%", std::round(share * 1000.0) / 10.0,
                std::round(tolerance * 1000.0) / 10.0);
  return buf;
}

SeatCounts initial_counts(const SeatModel& model, const std::vector<Cell>& cells) {
  SeatCounts c;
  c.country.assign(model.countries.size(), 0);
  c.gender.assign(model.genders.size(), 0);
  c.pool.assign(model.countries.size(), std::vector<int>(model.genders.size(), 0));
  for (const auto& cell : cells) ++c.pool[static_cast<std::size_t>(cell.country)][static_cast<std::size_t>(cell.gender)];
  return c;
}

bool can_complete(const SeatModel& model, const SeatCounts& counts) {
  const int nc = static_cast<int>(model.countries.size());
  const int ng = static_cast<int>(model.genders.size());
  const int seats_left = model.seats - counts.filled;
  if (seats_left < 0) return false;

  // A circulation s -> country -> gender -> t -> s where s->country carries the country's
  // remaining need as a lower bound and its remaining room as capacity (genders likewise),
  // and t->s at most the seats left. Lower bounds are removed the usual way: a super source
  // and sink must be able to saturate them.
  const int s = 0, t = 1, first_country = 2, first_gender = 2 + nc, super_s = 2 + nc + ng, super_t = super_s + 1;
  MaxFlow flow(super_t + 1);
  std::vector<long long> excess(static_cast<std::size_t>(super_t + 1), 0);
  bool ok = true;
  auto bounded = [&](int from, int to, int low, int high) {
    if (low > high) {
      ok = false;
      return;
    }
    if (high > low) flow.add_edge(from, to, high - low);
    excess[static_cast<std::size_t>(to)] += low;
    excess[static_cast<std::size_t>(from)] -= low;
  };

  for (int c = 0; c < nc && ok; ++c) {
    const auto ci = static_cast<std::size_t>(c);
    int available = 0;
    for (int g = 0; g < ng; ++g) available += counts.pool[ci][static_cast<std::size_t>(g)];
    const int need = std::max(0, model.country_min[ci] - counts.country[ci]);
    const int room = model.country_max[ci] < 0 ? kUnbounded : model.country_max[ci] - counts.country[ci];
    bounded(s, first_country + c, need, std::min(room, available));
    for (int g = 0; g < ng; ++g)
      if (int n = counts.pool[ci][static_cast<std::size_t>(g)]; n > 0) flow.add_edge(first_country + c, first_gender + g, n);
  }
  for (int g = 0; g < ng && ok; ++g) {
    const auto gi = static_cast<std::size_t>(g);
    const int need = std::max(0, model.gender_min[gi] - counts.gender[gi]);
    const int room = model.gender_max[gi] < 0 ? kUnbounded : model.gender_max[gi] - counts.gender[gi];
    bounded(first_gender + g, t, need, room);
  }
  if (!ok) return false;
  flow.add_edge(t, s, seats_left);

  long long demand = 0;
  for (int v = 0; v < super_s; ++v) {
    const long long e = excess[static_cast<std::size_t>(v)];
    if (e > 0) {
      flow.add_edge(super_s, v, static_cast<int>(e));
      demand += e;
    } else if (e < 0) {
      flow.add_edge(v, super_t, static_cast<int>(-e));
    }
  }
  return flow.run(super_s, super_t) == demand;
}

std::map<std::string, std::pair<int, int>> gender_bounds(const GenderTarget& target, int fillable) {
  std::map<std::string, std::pair<int, int>> out;
  for (const auto& [gender, share] : target.shares) {
    // The small slack keeps 0.4 * 30 = 11.999999 from rounding the wrong way.
    const int low = std::max(0, static_cast<int>(std::ceil((share - target.tolerance) * fillable - 1e-9)));
    const int high = std::min(fillable, static_cast<int>(std::floor((share + target.tolerance) * fillable + 1e-9)));
    out[gender] = {low, std::max(0, high)};
  }
  return out;
}

int fillable_seats(const std::vector<Candidate>& ranked, const Quotas& quotas, int seats) {
  std::map<std::string, int> available;
  for (const auto& c : ranked) ++available[c.country];
  long long total = 0;
  for (const auto& [country, n] : available) {
    auto q = quotas.find(country);
    total += q == quotas.end() || q->second.max < 0 ? n : std::min(n, q->second.max);
  }
  return static_cast<int>(std::min<long long>(std::max(0, seats), total));
}

SeatModel build_model(const std::vector<Candidate>& ranked, const Quotas& quotas, int seats,
                      const std::map<std::string, std::pair<int, int>>& genders,
                      const std::optional<GenderTarget>& target) {
  SeatModel m;
  m.seats = std::max(0, seats);
  std::set<std::string> countries;
  for (const auto& [cc, q] : quotas) countries.insert(cc);
  for (const auto& c : ranked) countries.insert(c.country);
  m.countries.assign(countries.begin(), countries.end());
  for (const auto& cc : m.countries) {
    auto q = quotas.find(cc);
    m.country_min.push_back(q == quotas.end() ? 0 : std::max(0, q->second.min));
    m.country_max.push_back(q == quotas.end() || q->second.max < 0 ? -1 : q->second.max);
  }
  for (const auto& [gender, bounds] : genders) {
    m.genders.push_back(gender);
    m.gender_min.push_back(bounds.first);
    m.gender_max.push_back(bounds.second);
    double share = 0;
    if (target) {
      auto s = target->shares.find(gender);
      if (s != target->shares.end()) share = s->second;
    }
    m.gender_share.push_back(share);
  }
  m.tolerance = target ? target->tolerance : 0;
  m.genders.push_back("");  // everyone the target does not bound
  m.gender_min.push_back(0);
  m.gender_max.push_back(-1);
  m.gender_share.push_back(0);
  return m;
}

std::vector<Cell> cells_of(const SeatModel& model, const std::vector<Candidate>& ranked) {
  std::vector<Cell> cells;
  cells.reserve(ranked.size());
  for (const auto& c : ranked) cells.push_back({model.country_index(c.country), model.gender_index(c.gender)});
  return cells;
}

std::vector<Infeasibility> relax_minimums(SeatModel& m, const std::vector<Cell>& cells) {
  std::vector<Infeasibility> out;
  const std::size_t nc = m.countries.size(), ng = m.genders.size();
  const auto by_country = positions_by_group(cells, nc, [](const Cell& c) { return c.country; });
  const auto by_gender = positions_by_group(cells, ng, [](const Cell& c) { return c.gender; });

  std::vector<int> country_target(m.country_min), gender_target(m.gender_min);
  for (std::size_t c = 0; c < nc; ++c) {
    const std::string& cc = m.countries[c];
    if (m.country_max[c] >= 0 && country_target[c] > m.country_max[c]) {
      out.push_back({"country_bounds", cc, m.country_min[c], 0,
                     "quota for " + cc + ": min " + std::to_string(m.country_min[c]) + " is above max " +
                         std::to_string(m.country_max[c]) + "; at most " + std::to_string(m.country_max[c]) +
                         " seats are given"});
      country_target[c] = m.country_max[c];
    }
    const int available = static_cast<int>(by_country[c].size());
    if (country_target[c] > available) {
      out.push_back({"country_min", cc, m.country_min[c], 0,
                     "quota min for " + cc + " not met: only " +
                         plural(available, "qualifying candidate", "qualifying candidates") + " for a minimum of " +
                         std::to_string(m.country_min[c])});
      country_target[c] = available;
    }
  }
  for (std::size_t g = 0; g + 1 < ng; ++g) {
    const std::string& gender = m.genders[g];
    if (m.gender_max[g] >= 0 && gender_target[g] > m.gender_max[g]) {
      out.push_back({"gender_tolerance", gender, m.gender_min[g], 0,
                     gender_label(m, static_cast<int>(g)) + " cannot be met exactly with " +
                         plural(m.seats, "seat", "seats") + "; up to " + std::to_string(gender_target[g]) +
                         " seats are allowed"});
      m.gender_max[g] = gender_target[g];
    }
    const int available = static_cast<int>(by_gender[g].size());
    if (gender_target[g] > available) {
      out.push_back({"gender_min", gender, m.gender_min[g], 0,
                     gender_label(m, static_cast<int>(g)) + " not met: only " +
                         plural(available, "qualifying " + gender + " candidate", "qualifying " + gender + " candidates") +
                         " for a minimum of " + std::to_string(m.gender_min[g])});
      gender_target[g] = available;
    }
  }

  // Raise the minimums together, one seat per group per round, keeping the whole feasible.
  const std::vector<int> asked_country = m.country_min, asked_gender = m.gender_min;
  std::fill(m.country_min.begin(), m.country_min.end(), 0);
  std::fill(m.gender_min.begin(), m.gender_min.end(), 0);
  const SeatCounts empty = initial_counts(m, cells);
  long long country_total = 0;
  for (int v : country_target) country_total += v;

  auto raise = [&](std::vector<int>& mins, const std::vector<int>& targets,
                   const std::vector<std::vector<std::size_t>>& positions, auto&& report) {
    std::vector<bool> capped(mins.size(), false);
    const int rounds = targets.empty() ? 0 : *std::max_element(targets.begin(), targets.end());
    for (int k = 1; k <= rounds; ++k) {
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < mins.size(); ++i)
        if (!capped[i] && targets[i] >= k) order.push_back(i);
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return positions[a][static_cast<std::size_t>(k - 1)] < positions[b][static_cast<std::size_t>(k - 1)];
      });
      for (std::size_t i : order) {
        mins[i] = k;
        if (can_complete(m, empty)) continue;
        mins[i] = k - 1;
        capped[i] = true;
        report(i, k - 1);
      }
    }
  };

  raise(m.country_min, country_target, by_country, [&](std::size_t c, int reached) {
    const std::string& cc = m.countries[c];
    std::string why = country_total > m.seats
                          ? "the country minimums together ask for " + std::to_string(country_total) +
                                " seats, more than the " + std::to_string(m.seats)
                          : "it cannot be met together with the other quotas and the gender target within " +
                                plural(m.seats, "seat", "seats");
    out.push_back({"country_min", cc, asked_country[c], 0,
                   "quota min for " + cc + " not met: " + std::to_string(reached) + " of " +
                       std::to_string(asked_country[c]) + ", " + why});
  });
  raise(m.gender_min, gender_target, by_gender, [&](std::size_t g, int reached) {
    out.push_back({"gender_min", m.genders[g], asked_gender[g], 0,
                   gender_label(m, static_cast<int>(g)) + " not met: " + std::to_string(reached) + " of " +
                       std::to_string(asked_gender[g]) +
                       ", it cannot be met together with the country quotas within " +
                       plural(m.seats, "seat", "seats")});
  });
  return out;
}

std::vector<Seat> fill(const SeatModel& m, const std::vector<Cell>& cells, bool hard_gender) {
  std::vector<Seat> seats(cells.size());
  SeatCounts counts = initial_counts(m, cells);
  auto take = [&](const Cell& cell, int delta) {
    counts.country[static_cast<std::size_t>(cell.country)] += delta;
    counts.gender[static_cast<std::size_t>(cell.gender)] += delta;
    counts.filled += delta;
  };
  auto at_max = [&](int max, int count) { return max >= 0 && count >= max; };

  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    const auto ci = static_cast<std::size_t>(cell.country), gi = static_cast<std::size_t>(cell.gender);
    --counts.pool[ci][gi];
    Seat& seat = seats[i];
    if (counts.filled >= m.seats) {
      seat.skip = Skip::Seats;
    } else if (at_max(m.country_max[ci], counts.country[ci])) {
      seat.skip = Skip::CountryMax;
    } else if (at_max(m.gender_max[gi], counts.gender[gi])) {
      seat.skip = Skip::GenderMax;
    } else {
      take(cell, +1);
      if (can_complete(m, counts)) {
        seat.taken = true;
        continue;
      }
      take(cell, -1);
      seat.skip = Skip::Reserved;
      std::string needs;
      auto add = [&needs](const std::string& what) { needs += (needs.empty() ? "" : " and ") + what; };
      for (std::size_t c = 0; c < m.countries.size(); ++c)
        if (c != ci && counts.country[c] < m.country_min[c]) add("the quota min for " + m.countries[c]);
      for (std::size_t g = 0; g + 1 < m.genders.size(); ++g)
        if (g != gi && counts.gender[g] < m.gender_min[g]) add("the " + gender_label(m, static_cast<int>(g)));
      seat.reserved_for = needs.empty() ? "the remaining minimums" : needs;
    }
  }

  // Every minimum is met now (the fill kept them reachable and the pool is empty), so any
  // seat still empty can go to the skipped, best first: within every maximum, then (when
  // the gender target is not hard) beyond a gender maximum rather than leave it empty.
  for (int pass = 0; pass < (hard_gender ? 1 : 2); ++pass) {
    for (std::size_t i = 0; i < cells.size() && counts.filled < m.seats; ++i) {
      Seat& seat = seats[i];
      if (seat.taken) continue;
      const auto ci = static_cast<std::size_t>(cells[i].country), gi = static_cast<std::size_t>(cells[i].gender);
      if (at_max(m.country_max[ci], counts.country[ci])) continue;
      const bool beyond = at_max(m.gender_max[gi], counts.gender[gi]);
      if (beyond && pass == 0) continue;
      take(cells[i], +1);
      seat.taken = true;
      seat.late = true;
      seat.beyond_gender_max = beyond;
    }
  }
  return seats;
}

}  // namespace cohort_rules::details
