#pragma once
/// @file selection.hpp
/// @brief Constrained selection: seats filled best-first under country quotas (min and max)
///        and a gender balance target, the shortlist cut between review rounds, and waitlist
///        replacement when a seat is freed. Plain C++ (no JSON, no SDK).
///
/// Every constraint that cannot hold is reported (Infeasibility), never silently broken.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cohort_rules {

/// @brief Seat bounds for one country.
struct Quota {
  int min = 0;
  int max = -1;  ///< -1: no maximum
};
/// @brief Quotas by country code; a country not listed has no bounds.
using Quotas = std::map<std::string, Quota>;

/// @brief Gender balance: each listed gender's share of the filled seats within share ± tolerance.
///
/// Bounds are counts over F = the seats that can be filled (seats, or fewer when there are
/// not enough qualifying candidates within the country maximums):
/// at least ceil((share - tolerance) * F), at most floor((share + tolerance) * F).
/// Candidates of a gender not listed (or not given) are not bounded.
struct GenderTarget {
  std::map<std::string, double> shares;  ///< e.g. {"female": 0.5, "male": 0.5}
  double tolerance = 0;
  /// When false (the default), seats that could only be filled beyond a gender's maximum
  /// are still filled, and the excess is reported; when true they stay empty.
  bool hard = false;
};

/// @brief Diversity targets; only gender for now.
struct Diversity {
  std::optional<GenderTarget> gender;
};

/// @brief A constraint that could not hold, and why (also given as `reason` text).
struct Infeasibility {
  /// country_min, country_bounds (min above max), gender_min, gender_max, gender_tolerance, seats
  std::string constraint;
  std::string subject;  ///< country code, gender, or "" for seats
  int required = 0;     ///< the bound asked for (a minimum, a maximum, or the seats)
  int achieved = 0;     ///< what the selection reached
  std::string reason;
};

/// @brief A reviewed candidate for selection.
struct Candidate {
  std::string id;
  std::string country;
  std::string gender;
  double score = 0;
  std::optional<double> raw = {};  ///< un-normalised mean review score (tie-break)
  int reviews = 0;                 ///< reviews counted (tie-break)
};

/// @brief Best first: higher score, higher raw score, more reviews, then smaller id.
///        Scores are compared at 4 decimals so that arithmetic noise never decides.
bool ranks_before(const Candidate& a, const Candidate& b);

/// @brief Selection input.
struct SelectionInput {
  std::vector<Candidate> candidates;  ///< a later entry with the same id replaces an earlier one
  int seats = 0;
  Quotas quotas;
  std::optional<double> min_score;   ///< below it: rejected
  std::optional<int> waitlist_size;  ///< beyond it: rejected; none: everyone else is waitlisted
  std::vector<std::string> exclude;  ///< ids that withdrew before selection: left out entirely
  Diversity diversity = {};
};

/// @brief A waitlisted candidate, in waitlist order.
struct WaitlistEntry {
  std::string id;
  std::string country;
  double score = 0;
  int rank = 0;  ///< overall rank among qualifying candidates (1 = best)
  std::string gender = {};
};

/// @brief A seat holder.
struct Holder {
  std::string id;
  std::string country;
  std::string gender = {};
};

/// @brief Selection outcome.
struct SelectionResult {
  std::vector<std::string> offered;    ///< in rank order
  std::vector<WaitlistEntry> waitlist; ///< in waitlist order (rank order)
  std::vector<std::string> rejected;   ///< in id order
  std::map<std::string, std::string> explanations;  ///< one line per candidate
  std::vector<std::string> unmet;      ///< every infeasibility's reason, as text
  std::vector<Holder> holders;         ///< the offered ones with their countries
  std::vector<Infeasibility> infeasible;
};

/// @brief Ranks the candidates (ranks_before), then fills the seats best-first: a candidate
///        is offered a seat unless the seats are full, their country or gender is at its
///        maximum, or taking them would leave the remaining minimums (country quotas, gender
///        target) unreachable. Minimums that no selection can meet are relaxed first, fairly
///        (round k serves every country's k-th best before anyone's (k+1)-th), and reported.
SelectionResult select(const SelectionInput& input);

/// @brief Shortlist input: the cut after a review round.
struct ShortlistInput {
  std::vector<Candidate> candidates;
  int size = 0;              ///< how many go on to the next round
  int seats = 0;             ///< the programme's seats (for the quota and gender minimums)
  Quotas quotas;
  std::optional<double> min_score;
  std::vector<std::string> exclude;
  Diversity diversity = {};
};

/// @brief Shortlist outcome.
struct ShortlistResult {
  std::vector<Candidate> shortlisted;        ///< in rank order
  std::vector<std::string> not_shortlisted;  ///< in rank order, then those below min_score by id
  std::map<std::string, std::string> explanations;
  std::vector<Infeasibility> infeasible;
  std::vector<std::string> unmet;
};

/// @brief The best `size` candidates, keeping every country's minimum and each gender's
///        minimum (as the final seats need them) on the shortlist, and at most
///        ceil(max * size / seats) per country, since more could never be offered a seat.
ShortlistResult shortlist(const ShortlistInput& input);

/// @brief Replacement input: a seat was freed, who on the waitlist gets it?
struct ReplaceInput {
  std::vector<WaitlistEntry> waitlist;  ///< in waitlist order
  std::vector<Holder> holders;          ///< current seat holders (may still include the freed one)
  Quotas quotas;
  std::string freed_id;                 ///< removed from holders when present
  std::string freed_country;
  std::optional<int> seats;             ///< when given, no offer while holders fill every seat
  std::vector<std::string> exclude;     ///< ids no longer available (left the waitlist)
  std::string date;                     ///< now (ISO date-time)
  std::string last_replacement;         ///< ISO date-time; empty: no limit
  Diversity diversity = {};             ///< gender bounds are counted over `seats`
};

/// @brief Replacement outcome.
struct ReplaceResult {
  std::optional<WaitlistEntry> offer;
  std::vector<WaitlistEntry> waitlist;  ///< what remains, in order
  std::vector<Holder> holders;          ///< after the freed one left and the offered one joined
  std::string reason;
  std::vector<std::string> unmet;       ///< minimums still not met after the replacement
};

/// @brief Picks the waitlisted candidate for a freed seat: never beyond a country maximum;
///        first one who restores a country minimum broken by the departure, then one within
///        the gender maximum, then one who restores a gender minimum, then waitlist order.
ReplaceResult replace(const ReplaceInput& input);

}  // namespace cohort_rules
