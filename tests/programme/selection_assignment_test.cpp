// Reviewer assignment: nobody reviews an application they have a conflict with, every
// application gets its K reviewers when it can (and a readable reason when it cannot), and
// the loads are as even as the conflicts allow: checked by hand on small cases and against
// an exhaustive search on many tiny ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <random>

#include "rules.hpp"

using namespace cohort_rules;

namespace {

Reviewer reviewer(const std::string& id, const std::string& country, const std::string& institution,
                  std::vector<std::string> conflicts = {}, std::optional<int> max_load = std::nullopt) {
  Reviewer r;
  r.id = id;
  r.country = country;
  r.institution = institution;
  r.conflicts = std::move(conflicts);
  r.max_load = max_load;
  return r;
}

ApplicationInfo application(const std::string& id, const std::string& country, const std::string& institution) {
  return {id, country, institution};
}

}  // namespace

TEST(ConflictOfInterest, DeclaredAndDetectedConflictsAreRecognised) {
  auto r = reviewer("R3", "KE", "University of Nairobi", {"GLC-2025-A0007", "Kenyatta University"});
  EXPECT_EQ(*conflict_of(r, application("GLC-2025-A0007", "VN", "Hanoi University")),
            "declared a conflict with GLC-2025-A0007");
  EXPECT_EQ(*conflict_of(r, application("a2", "UG", "  kenyatta   UNIVERSITY ")),
            "declared a conflict with   kenyatta   UNIVERSITY ");
  EXPECT_EQ(*conflict_of(r, application("a3", "UG", "university of nairobi")), "same institution (university of nairobi)");
  EXPECT_EQ(*conflict_of(r, application("a4", "KE", "Moi University")), "same country (KE)");
  EXPECT_FALSE(conflict_of(r, application("a5", "BO", "UMSA")).has_value());
  ConflictRules declared_only;
  declared_only.same_country = false;
  declared_only.same_institution = false;
  EXPECT_FALSE(conflict_of(r, application("a4", "KE", "University of Nairobi"), declared_only).has_value());
}

// R3 (Kenya) conflicts with a1 (same institution), a2 (declared) and a4 (same country): it
// can review only a3. R4 (Vietnam) cannot review a2. 4 applications x 2 reviews = 8:
// R3 takes 1, the other 7 go 3/2/2 over R1, R2, R4.
TEST(Assignment, NoConflictsEveryoneServedLoadsAsEvenAsConflictsAllow) {
  AssignmentInput in;
  in.per_application = 2;
  in.reviewers = {reviewer("R1", "CN", "Host University"), reviewer("R2", "CN", "Host University"),
                  reviewer("R3", "KE", "Nairobi U", {"a2"}), reviewer("R4", "VN", "Hanoi U")};
  in.applications = {application("a1", "KE", "Nairobi U"), application("a2", "VN", "Hanoi Poly"),
                     application("a3", "BO", "La Paz U"), application("a4", "KE", "Kenyatta U")};
  auto r = assign_reviewers(in);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.by_application["a2"], (std::vector<std::string>{"R1", "R2"}));
  for (const auto& [app, reviewers] : r.by_application) {
    EXPECT_EQ(reviewers.size(), 2u) << app;
    for (const auto& rid : reviewers) {
      const auto& rev = *std::find_if(in.reviewers.begin(), in.reviewers.end(), [&](auto& x) { return x.id == rid; });
      const auto& a = *std::find_if(in.applications.begin(), in.applications.end(), [&](auto& x) { return x.id == app; });
      EXPECT_FALSE(conflict_of(rev, a).has_value()) << app << " " << rid;
    }
  }
  EXPECT_EQ(r.loads["R3"], 1);
  EXPECT_EQ(r.by_reviewer["R3"], (std::vector<std::string>{"a3"}));
  EXPECT_EQ(r.min_load, 1);
  EXPECT_EQ(r.max_load, 3);
  EXPECT_EQ(r.conflicts_avoided, 4);
  EXPECT_EQ(r.summary,
            "4 applications, 2 reviewers each, 4 reviewers: loads 1-3; 4 conflicts of interest avoided; loads differ by "
            "more than one because of conflicts or load limits: R3 (1 applications without a conflict); every "
            "application has its reviewers");
}

TEST(Assignment, WithoutConflictsLoadsDifferByAtMostOne) {
  AssignmentInput in;
  in.per_application = 3;
  for (int i = 0; i < 7; ++i) in.reviewers.push_back(reviewer("R" + std::to_string(i), "CN", "Host"));
  for (int i = 0; i < 101; ++i) in.applications.push_back(application("A" + std::to_string(1000 + i), "KE", "X"));
  auto r = assign_reviewers(in);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.min_load, 43);  // 303 reviews over 7 reviewers
  EXPECT_EQ(r.max_load, 44);
}

TEST(Assignment, AnApplicationWithTooFewPossibleReviewersIsReported) {
  AssignmentInput in;
  in.per_application = 3;
  in.reviewers = {reviewer("R1", "CN", "Host"), reviewer("R2", "KE", "Moi U"), reviewer("R3", "KE", "Egerton U", {}, 5)};
  in.applications = {application("a1", "KE", "Nairobi U")};
  auto r = assign_reviewers(in);
  EXPECT_FALSE(r.complete);
  ASSERT_EQ(r.shortfalls.size(), 1u);
  EXPECT_EQ(r.shortfalls[0].assigned, 1);
  EXPECT_EQ(r.shortfalls[0].needed, 3);
  EXPECT_EQ(r.shortfalls[0].reason,
            "a1 (KE): 1 of 3 reviewers assigned; 2 of 3 reviewers have a conflict of interest (R2: same country (KE); "
            "R3: same country (KE))");
  EXPECT_NE(r.summary.find("1 applications lack reviewers"), std::string::npos);
}

TEST(Assignment, LoadLimitsAreKeptByMovingEarlierAssignments) {
  // b and c can only be reviewed by R1 and R2 respectively... unless a moves: a may go to
  // either, and each reviewer takes at most one application.
  AssignmentInput in;
  in.per_application = 1;
  in.reviewers = {reviewer("R1", "CN", "Host", {}, 1), reviewer("R2", "CN", "Host", {"c"}, 1),
                  reviewer("R3", "CN", "Host", {"a", "b"}, 1)};
  in.applications = {application("a", "KE", "U1"), application("b", "KE", "U2"), application("c", "KE", "U3")};
  auto r = assign_reviewers(in);
  EXPECT_TRUE(r.complete) << r.summary;
  EXPECT_EQ(r.max_load, 1);
  EXPECT_EQ(r.by_application["c"].size(), 1u);
}

TEST(Assignment, TheInputOrderDoesNotMatter) {
  AssignmentInput in;
  in.per_application = 2;
  in.reviewers = {reviewer("R1", "CN", "Host"), reviewer("R2", "KE", "Moi U"), reviewer("R3", "VN", "Hanoi U"),
                  reviewer("R4", "CN", "Host", {"a3"})};
  for (int i = 0; i < 12; ++i)
    in.applications.push_back(application("a" + std::to_string(i), i % 2 ? "KE" : "VN", "U" + std::to_string(i % 3)));
  auto a = assign_reviewers(in);
  std::reverse(in.reviewers.begin(), in.reviewers.end());
  std::reverse(in.applications.begin(), in.applications.end());
  auto b = assign_reviewers(in);
  EXPECT_EQ(a.by_application, b.by_application);
}

// Exhaustive search on tiny instances: the assignment reaches the most reviews possible,
// and among assignments that do, the lowest possible maximum load and the highest possible
// minimum load at the same time.
TEST(Assignment, MatchesAnExhaustiveSearchOnTinyInstances) {
  std::mt19937 rng(20250301);
  auto roll = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int trial = 0; trial < 300; ++trial) {
    const int nr = 2 + roll(3), na = 2 + roll(3), k = 1 + roll(2);
    AssignmentInput in;
    in.per_application = k;
    for (int i = 0; i < na; ++i)
      in.applications.push_back(application("a" + std::to_string(i), roll(3) == 0 ? "KE" : "VN", "U" + std::to_string(i)));
    for (int r = 0; r < nr; ++r) {
      std::vector<std::string> conflicts;
      for (int i = 0; i < na; ++i)
        if (roll(4) == 0) conflicts.push_back("a" + std::to_string(i));
      std::optional<int> cap;
      if (roll(3) == 0) cap = 1 + roll(3);
      in.reviewers.push_back(reviewer("R" + std::to_string(r), roll(4) == 0 ? "KE" : "CN", "Host", conflicts, cap));
    }
    const auto got = assign_reviewers(in);

    // Every subset of reviewers each application could get, then every combination.
    std::vector<std::vector<unsigned>> options(static_cast<std::size_t>(na));
    for (int i = 0; i < na; ++i)
      for (unsigned mask = 0; mask < (1u << nr); ++mask) {
        if (__builtin_popcount(mask) > k) continue;
        bool ok = true;
        for (int r = 0; r < nr && ok; ++r)
          if (mask & (1u << r)) ok = !conflict_of(in.reviewers[static_cast<std::size_t>(r)], in.applications[static_cast<std::size_t>(i)]);
        if (ok) options[static_cast<std::size_t>(i)].push_back(mask);
      }
    int best_total = -1, best_max = INT_MAX, best_min = -1;
    std::vector<int> load(static_cast<std::size_t>(nr), 0);
    std::function<void(int, int)> search = [&](int i, int total) {
      if (i == na) {
        const int hi = *std::max_element(load.begin(), load.end()), lo = *std::min_element(load.begin(), load.end());
        if (total > best_total) {
          best_total = total;
          best_max = hi;
          best_min = lo;
        } else if (total == best_total) {
          best_max = std::min(best_max, hi);
          best_min = std::max(best_min, lo);
        }
        return;
      }
      for (unsigned mask : options[static_cast<std::size_t>(i)]) {
        bool fits = true;
        for (int r = 0; r < nr; ++r)
          if (mask & (1u << r)) {
            const auto& cap = in.reviewers[static_cast<std::size_t>(r)].max_load;
            if (cap && load[static_cast<std::size_t>(r)] + 1 > *cap) fits = false;
          }
        if (!fits) continue;
        for (int r = 0; r < nr; ++r)
          if (mask & (1u << r)) ++load[static_cast<std::size_t>(r)];
        search(i + 1, total + __builtin_popcount(mask));
        for (int r = 0; r < nr; ++r)
          if (mask & (1u << r)) --load[static_cast<std::size_t>(r)];
      }
    };
    search(0, 0);

    int total = 0;
    for (const auto& [app, list] : got.by_application) total += static_cast<int>(list.size());
    ASSERT_EQ(total, best_total) << "trial " << trial;
    EXPECT_EQ(got.max_load, best_max) << "trial " << trial;
    EXPECT_EQ(got.min_load, best_min) << "trial " << trial;
  }
}
