#include "scoring.hpp"

#include <algorithm>
#include <cmath>

#include "rules.hpp"

namespace cohort_rules {
namespace {

double four_decimals(double v) { return std::round(v * 10000.0) / 10000.0; }

struct Counted {
  std::string application;
  std::string reviewer;
  double score = 0;
  double adjusted = 0;
};

}  // namespace

std::optional<double> rubric_score(const Review& review, const std::map<std::string, double>& weights) {
  double total = 0, weight = 0;
  for (const auto& [name, w] : weights) {
    auto it = review.criteria.find(name);
    if (it == review.criteria.end() || w <= 0) continue;
    total += w * it->second;
    weight += w;
  }
  if (weight > 0) return total / weight;
  return review.score;
}

ScoringResult score_round(const ScoringInput& in) {
  ScoringResult out;
  std::map<std::string, const ApplicationInfo*> apps;
  for (const auto& a : in.applications) apps[a.id] = &a;
  std::map<std::string, const Reviewer*> reviewers;
  for (const auto& r : in.reviewers) reviewers.emplace(r.id, &r);

  // The latest review per (application, reviewer) counts: a reviewer may revise.
  std::map<std::pair<std::string, std::string>, const Review*> latest;
  for (const auto& r : in.reviews) {
    if (!in.round.empty() && !r.round.empty() && r.round != in.round) continue;
    latest[{r.application, r.reviewer}] = &r;
  }

  std::vector<Counted> counted;
  for (const auto& [key, review] : latest) {
    const auto& [app_id, reviewer_id] = key;
    auto set_aside = [&](std::string why) { out.set_aside.push_back({app_id, reviewer_id, std::move(why)}); };
    auto app = apps.find(app_id);
    if (!apps.empty() && app == apps.end()) {
      set_aside("not an application of this round");
      continue;
    }
    if (!in.assignments.empty()) {
      auto assigned = in.assignments.find(app_id);
      if (assigned == in.assignments.end() ||
          std::find(assigned->second.begin(), assigned->second.end(), reviewer_id) == assigned->second.end()) {
        set_aside("reviewer not assigned to this application");
        continue;
      }
    }
    if (review->conflict_declared) {
      set_aside("declared a conflict of interest");
      continue;
    }
    if (app != apps.end()) {
      // The programme's reviewer list is authoritative; a review's own country and
      // institution serve for reviewers it does not list.
      Reviewer who;
      if (auto r = reviewers.find(reviewer_id); r != reviewers.end()) {
        who = *r->second;
      } else {
        who.id = reviewer_id;
        who.country = review->reviewer_country;
        who.institution = review->reviewer_institution;
      }
      if (auto why = conflict_of(who, *app->second, in.rules)) {
        set_aside("conflict of interest: " + *why);
        continue;
      }
    }
    auto s = rubric_score(*review, in.weights);
    if (!s) {
      set_aside("neither rubric criteria nor a score");
      continue;
    }
    counted.push_back({app_id, reviewer_id, std::clamp(*s, in.scale_min, in.scale_max), 0});
  }

  // Per-reviewer and pool statistics (population standard deviation).
  std::map<std::string, ReviewerStats> stats;
  double pool_sum = 0;
  for (const auto& c : counted) {
    auto& st = stats[c.reviewer];
    st.id = c.reviewer;
    ++st.reviews;
    st.mean += c.score;
    pool_sum += c.score;
  }
  for (auto& [id, st] : stats) st.mean /= st.reviews;
  const double pool_mean = counted.empty() ? 0 : pool_sum / static_cast<double>(counted.size());
  double pool_var = 0;
  for (const auto& c : counted) {
    const double d = c.score - pool_mean;
    pool_var += d * d;
    const double dr = c.score - stats[c.reviewer].mean;
    stats[c.reviewer].sd += dr * dr;
  }
  const double pool_sd = counted.empty() ? 0 : std::sqrt(pool_var / static_cast<double>(counted.size()));
  for (auto& [id, st] : stats) {
    st.sd = std::sqrt(st.sd / st.reviews);
    st.adjusted = in.normalisation != Normalisation::None && st.reviews >= in.min_reviews_to_normalise;
  }
  out.pool_mean = four_decimals(pool_mean);
  out.pool_sd = four_decimals(pool_sd);

  for (auto& c : counted) {
    const ReviewerStats& st = stats[c.reviewer];
    double v = c.score;
    if (st.adjusted && in.normalisation == Normalisation::Mean) {
      v = pool_mean + (c.score - st.mean);
    } else if (st.adjusted) {
      // A reviewer without spread (everyone the same score) says nothing about the order.
      v = st.sd > 1e-12 ? pool_mean + pool_sd * (c.score - st.mean) / st.sd : pool_mean;
    }
    c.adjusted = std::clamp(v, in.scale_min, in.scale_max);
  }

  struct Sum {
    double adjusted = 0, raw = 0;
    int n = 0;
  };
  std::map<std::string, Sum> sums;
  for (const auto& c : counted) {
    auto& s = sums[c.application];
    s.adjusted += c.adjusted;
    s.raw += c.score;
    ++s.n;
  }
  for (const auto& [id, s] : sums) {
    Candidate cand;
    cand.id = id;
    if (auto a = apps.find(id); a != apps.end()) {
      cand.country = a->second->country;
      cand.gender = a->second->gender;
    }
    cand.score = four_decimals(s.adjusted / s.n);
    cand.raw = four_decimals(s.raw / s.n);
    cand.reviews = s.n;
    out.ranked.push_back(std::move(cand));
  }
  std::sort(out.ranked.begin(), out.ranked.end(), ranks_before);

  const std::string round = in.round.empty() ? "" : in.round + " round: ";
  const std::string of = " of " + std::to_string(out.ranked.size());
  for (std::size_t i = 0; i < out.ranked.size(); ++i) {
    const auto& c = out.ranked[i];
    std::string why = round + "rank " + std::to_string(i + 1) + of + ", score " + format_score(c.score) + " (" +
                      std::to_string(c.reviews) + (c.reviews == 1 ? " review" : " reviews");
    if (std::llround(c.score * 10000.0) != std::llround(*c.raw * 10000.0))
      why += ", " + format_score(*c.raw) + " before adjusting for reviewer severity";
    out.explanations[c.id] = why + ")";
  }
  for (const auto& a : in.applications)
    if (!sums.count(a.id)) {
      out.unscored.push_back(a.id);
      out.explanations[a.id] = round + "no review counted";
    }
  std::sort(out.unscored.begin(), out.unscored.end());
  out.unscored.erase(std::unique(out.unscored.begin(), out.unscored.end()), out.unscored.end());
  for (const auto& s : out.set_aside)
    if (!sums.count(s.application) && out.explanations.count(s.application))
      out.explanations[s.application] += "; set aside: " + s.reviewer + " (" + s.reason + ")";
  for (auto& [id, st] : stats) {
    st.mean = four_decimals(st.mean);
    st.sd = four_decimals(st.sd);
    out.reviewers.push_back(st);
  }
  return out;
}

}  // namespace cohort_rules
