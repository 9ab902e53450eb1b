#include "summary.hpp"

#include <algorithm>
#include <set>

#include "check_in.hpp"
#include "details/text.hpp"

namespace cohort_attendance {
namespace {

// Rates compare with a little slack so 0.8 of 20 is 16 whatever the binary rounding says.
constexpr double kEpsilon = 1e-9;

bool below(std::optional<double> rate, double threshold) { return rate && *rate < threshold - kEpsilon; }

}  // namespace

const char* warning_name(Warning w) {
  switch (w) {
    case Warning::None: return "none";
    case Warning::AtRisk: return "at_risk";
    case Warning::CannotReach: return "cannot_reach";
  }
  return "none";
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::InProgress: return "in_progress";
    case Outcome::Completed: return "completed";
    case Outcome::Incomplete: return "incomplete";
  }
  return "in_progress";
}

std::optional<double> Share::rate() const {
  if (counted <= kEpsilon) return std::nullopt;
  return attended / counted;
}

Summary summarise(const Schedule& schedule, const std::vector<Record>& records, std::int64_t at_ms, bool final) {
  const Policy& policy = schedule.policy;
  Summary s;
  s.at_ms = at_ms;
  s.final = final;
  s.threshold = policy.threshold;

  double best = 0, best_total = 0;  // the most still attainable
  double heaviest = -1;
  for (const auto& session : schedule.sessions) {
    SessionState st;
    st.id = session.id;
    st.weight = session.weight;
    st.status = effective_status(records, session.id, &st.method);
    st.ended = final || session.ends_ms <= at_ms;
    st.counted = !(st.status == Status::Excused && policy.excused_rule == ExcusedRule::Excluded);
    st.credit = st.status && st.counted ? session.weight * policy.weight_of(*st.status) : 0;

    if (st.counted) {
      s.overall.counted += session.weight;
      s.overall.attended += st.credit;
    }
    if (st.ended) {
      ++s.sessions_ended;
      if (st.counted) {
        s.to_date.counted += session.weight;
        s.to_date.attended += st.credit;
      }
      if (!st.status || *st.status == Status::Absent) s.missed.push_back(session.id);
    } else {
      ++s.sessions_remaining;
      if (!s.next_review_ms || session.ends_ms < *s.next_review_ms) s.next_review_ms = session.ends_ms;
    }

    // Best case: an open session nobody has recorded yet is attended; what is recorded stands.
    if (!st.ended && !st.status) {
      best += session.weight * policy.present;
      best_total += session.weight;
      if (session.weight > heaviest) {
        heaviest = session.weight;
        s.heaviest_open = session.id;
      }
    } else if (st.counted) {
      best += st.credit;
      best_total += session.weight;
    }
    s.sessions.push_back(std::move(st));
  }
  std::set<std::string> unknown;
  for (const auto& r : records)
    if (!schedule.find(r.session)) unknown.insert(r.session);
  s.unknown.assign(unknown.begin(), unknown.end());

  if (best_total > kEpsilon) {
    s.max_rate = best / best_total;
    s.max_rate_after_absence =
        heaviest >= 0 ? (best - heaviest * policy.present + heaviest * policy.absent) / best_total : *s.max_rate;
  }
  const auto rate = s.overall.rate();
  s.met = rate && !below(rate, policy.threshold);
  const bool finished = s.sessions_remaining == 0;
  const std::string threshold = details::percent(policy.threshold);

  if (finished) {
    s.outcome = s.met ? Outcome::Completed : Outcome::Incomplete;
    if (!rate) {
      s.reason = "no session counts towards attendance (every session was excused)";
    } else {
      s.reason = "attended " + details::percent(*rate) + " of the weighted sessions (" +
                 details::weight(s.overall.attended) + " of " + details::weight(s.overall.counted) + ")";
      if (s.met)
        s.reason += ", meeting the threshold of " + threshold;
      else
        s.reason += ", below the threshold of " + threshold;
      if (!s.met && !s.missed.empty()) s.reason += "; missed " + details::join(s.missed);
    }
    return s;
  }

  s.reason = std::to_string(s.sessions_ended) + " of " + std::to_string(schedule.sessions.size()) + " sessions over";
  if (auto to_date = s.to_date.rate())
    s.reason += ", " + details::percent(*to_date) + " attended to date (" + details::weight(s.to_date.attended) +
                " of " + details::weight(s.to_date.counted) + ")";
  if (below(s.max_rate, policy.threshold)) {
    s.warning = Warning::CannotReach;
    s.warning_reason = "cannot reach the threshold of " + threshold + " any more: at most " +
                       details::percent(*s.max_rate) + " even attending " +
                       (s.sessions_remaining == 1 ? std::string("the one remaining session")
                                                  : "all " + std::to_string(s.sessions_remaining) + " remaining sessions");
  } else if (below(s.to_date.rate(), policy.threshold)) {
    s.warning = Warning::AtRisk;
    s.warning_reason = "at risk: " + details::percent(*s.to_date.rate()) + " attended to date (" +
                       details::weight(s.to_date.attended) + " of " + details::weight(s.to_date.counted) +
                       "), below the threshold of " + threshold;
  } else if (!s.heaviest_open.empty() && below(s.max_rate_after_absence, policy.threshold)) {
    s.warning = Warning::AtRisk;
    s.warning_reason = "at risk: missing one more session (" + s.heaviest_open + ", weight " +
                       details::weight(heaviest) + ") would leave at most " +
                       details::percent(*s.max_rate_after_absence) + ", below the threshold of " + threshold;
  }
  return s;
}

}  // namespace cohort_attendance
