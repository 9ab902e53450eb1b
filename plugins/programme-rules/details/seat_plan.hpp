#pragma once
/// @file seat_plan.hpp
/// @brief The engine under select and shortlist: candidates grouped by (country, gender),
///        count bounds per country and per gender, a feasibility check (can the remaining
///        minimums still be met?) as a flow with lower bounds, the fair relaxation of
///        minimums that no selection can meet, and the best-first fill.

#include <map>
#include <string>
#include <vector>

#include "selection.hpp"

namespace cohort_rules::details {

/// @brief Bounds per country and per gender. The last gender group collects every gender
///        the target does not bound (and candidates without one).
struct SeatModel {
  int seats = 0;
  std::vector<std::string> countries;
  std::vector<int> country_min;
  std::vector<int> country_max;  ///< -1: none
  std::vector<std::string> genders;  ///< bounded genders, then "" (the unbounded group)
  std::vector<int> gender_min;
  std::vector<int> gender_max;       ///< -1: none
  std::vector<double> gender_share;  ///< for messages
  double tolerance = 0;

  int country_index(const std::string& country) const;
  int gender_index(const std::string& gender) const;  ///< unbounded group when not listed
  int other_gender() const { return static_cast<int>(genders.size()) - 1; }
};

/// @brief Where one ranked candidate falls in the model.
struct Cell {
  int country = 0;
  int gender = 0;
};

/// @brief Counts so far and the candidates still to be considered.
struct SeatCounts {
  std::vector<int> country;
  std::vector<int> gender;
  int filled = 0;
  std::vector<std::vector<int>> pool;  ///< [country][gender] candidates not yet considered
};

/// @brief Counts with nobody seated and every given candidate in the pool.
SeatCounts initial_counts(const SeatModel& model, const std::vector<Cell>& cells);

/// @brief True when some subset of the pool, added to the counts, meets every minimum
///        without passing any maximum or the seats.
bool can_complete(const SeatModel& model, const SeatCounts& counts);

/// @brief Per-gender bounds over `fillable` seats (see GenderTarget).
std::map<std::string, std::pair<int, int>> gender_bounds(const GenderTarget& target, int fillable);

/// @brief How many seats can be filled at all: min(seats, sum over countries of
///        min(candidates, max)).
int fillable_seats(const std::vector<Candidate>& ranked, const Quotas& quotas, int seats);

/// @brief Builds the model for ranked candidates; gender bounds given explicitly.
SeatModel build_model(const std::vector<Candidate>& ranked, const Quotas& quotas, int seats,
                      const std::map<std::string, std::pair<int, int>>& genders,
                      const std::optional<GenderTarget>& target);

/// @brief Cells of the ranked candidates.
std::vector<Cell> cells_of(const SeatModel& model, const std::vector<Candidate>& ranked);

/// @brief Lowers the model's minimums to what some selection can meet, and says why for each
///        one lowered. Order: impossible bounds (min above max), too few candidates, then the
///        minimums raised together one round at a time (countries first, then genders), each
///        round serving the group whose k-th best ranks highest first.
std::vector<Infeasibility> relax_minimums(SeatModel& model, const std::vector<Cell>& cells);

/// @brief Why a candidate was not seated.
enum class Skip { None, Seats, CountryMax, GenderMax, Reserved };

/// @brief One ranked candidate's fate in the fill.
struct Seat {
  bool taken = false;
  bool late = false;           ///< taken in the final pass that fills empty seats
  bool beyond_gender_max = false;
  Skip skip = Skip::None;
  std::string reserved_for;    ///< when skip is Reserved: the minimums that needed the seat
};

/// @brief The fill: best-first within the bounds; a candidate whose seat the remaining
///        minimums need is skipped. Then, while seats are empty, the skipped are taken in
///        rank order within the country maximums (and beyond a gender maximum unless `hard`).
std::vector<Seat> fill(const SeatModel& model, const std::vector<Cell>& cells, bool hard_gender);

/// @brief "50% ± 10%".
std::string share_text(double share, double tolerance);

}  // namespace cohort_rules::details
