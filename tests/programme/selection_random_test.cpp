// Seeded random programmes, hundreds of applicants each, run through the whole selection:
// reviewer assignment, a shortlist round, a final round, the constrained selection and a
// season of freed seats. Whatever the seed, the invariants a programme office relies on
// hold: no reviewer with a conflict, loads balanced, seats never exceeded, no quota or
// target broken unless reported, waitlist promotion keeping the quotas. On tiny
// programmes an exhaustive search confirms that a report of infeasibility is never false
// and that the seats go best-first.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <set>

#include "rules.hpp"

using namespace cohort_rules;

namespace {

/// Deterministic draws (std:: distributions differ between standard libraries).
class Draw {
 public:
  explicit Draw(unsigned seed) : rng_(seed) {}
  int below(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  double unit() { return static_cast<double>(rng_()) / 4294967296.0; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937 rng_;
};

std::string folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (!std::isspace(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// Written apart from the plugin's own check, from the rule as the programme states it.
bool conflicted(const Reviewer& r, const ApplicationInfo& a) {
  for (const auto& d : r.conflicts)
    if (d == a.id || folded(d) == folded(a.institution)) return true;
  return r.country == a.country || folded(r.institution) == folded(a.institution);
}

struct Programme {
  std::vector<ApplicationInfo> applications;
  std::map<std::string, double> quality;
  std::vector<Reviewer> reviewers;
  std::map<std::string, double> bias;
  int seats = 0;
  int k = 2;
  Quotas quotas;
  Diversity diversity;
  double min_score = 0;
  int waitlist_size = 0;
};

Programme make_programme(unsigned seed) {
  Draw d(seed);
  Programme p;
  std::vector<std::string> all = {"BO", "EG", "ET", "ID", "KE", "LA", "MY", "PK", "TH", "VN", "UZ", "NP"};
  for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[static_cast<std::size_t>(d.below(static_cast<int>(i)))]);
  const std::vector<std::string> countries(all.begin(), all.begin() + 6 + d.below(6));
  double total_weight = 0;
  for (std::size_t i = 0; i < countries.size(); ++i) total_weight += 1.0 / static_cast<double>(i + 1);

  const int applicants = 200 + d.below(300);
  for (int i = 0; i < applicants; ++i) {
    double pick = d.unit() * total_weight;
    std::size_t c = 0;
    while (c + 1 < countries.size() && (pick -= 1.0 / static_cast<double>(c + 1)) > 0) ++c;
    ApplicationInfo a;
    char id[32];
    std::snprintf(id, sizeof id, "P%u-A%04d", seed, i + 1);
    a.id = id;
    a.country = countries[c];
    a.institution = countries[c] + " Institute " + std::to_string(d.below(12));
    a.gender = d.chance(0.45) ? "female" : "male";
    p.quality[a.id] = (d.unit() + d.unit() + d.unit()) / 3.0 * 8.0 + 1.5;
    p.applications.push_back(a);
  }

  // Now and then a country with a single applicant and a minimum of two: never reachable.
  const bool rare = d.chance(0.5);
  if (rare) {
    ApplicationInfo a;
    a.id = "P" + std::to_string(seed) + "-RW";
    a.country = "RW";
    a.institution = "University of Rwanda";
    a.gender = "female";
    p.quality[a.id] = 7;
    p.applications.push_back(a);
  }

  const int reviewers = 8 + d.below(8);
  for (int r = 0; r < reviewers; ++r) {
    Reviewer rev;
    rev.id = "R" + std::to_string(r + 1);
    if (d.chance(0.6)) {
      rev.country = "CN";
      rev.institution = "Host University";
    } else {
      const auto& a = p.applications[static_cast<std::size_t>(d.below(applicants))];
      rev.country = a.country;
      rev.institution = d.chance(0.5) ? a.institution : a.country + " National Academy";
    }
    if (d.chance(0.3))
      for (int n = 1 + d.below(5); n > 0; --n) rev.conflicts.push_back(p.applications[static_cast<std::size_t>(d.below(applicants))].id);
    if (d.chance(0.2)) rev.conflicts.push_back(p.applications[static_cast<std::size_t>(d.below(applicants))].institution);
    p.bias[rev.id] = (d.unit() - 0.5) * 4.0;  // from harsh (-2) to lenient (+2)
    p.reviewers.push_back(rev);
  }
  p.k = 2 + d.below(2);
  // A few reviewers can take only part of the pile; now and then too little of it.
  const int fair = (applicants * p.k) / reviewers + 1;
  for (auto& rev : p.reviewers)
    if (d.chance(0.2)) rev.max_load = d.chance(0.3) ? fair / 2 : fair + d.below(fair);

  p.seats = 10 + d.below(21);
  for (const auto& cc : countries) {
    if (!d.chance(0.7)) continue;
    Quota q;
    q.min = d.below(3);
    q.max = q.min + 1 + d.below(3);
    if (d.chance(0.05)) q.max = q.min - 1;  // a mistake in the programme file: reported
    p.quotas[cc] = q;
  }
  if (d.chance(0.5)) p.quotas[countries.back()] = {3, 4};  // the least popular country
  if (rare) p.quotas["RW"] = {2, 3};
  if (d.chance(0.8)) {
    GenderTarget t;
    t.shares = {{"female", 0.5}, {"male", 0.5}};
    t.tolerance = 0.05 * (1 + d.below(6));
    t.hard = d.chance(0.3);
    p.diversity.gender = t;
  }
  p.min_score = 3.0 + d.below(3);
  p.waitlist_size = 5 + d.below(30);
  return p;
}

std::vector<Review> reviews_for(const Programme& p, const AssignmentResult& assigned, const std::string& round, Draw& d) {
  std::vector<Review> out;
  for (const auto& [app, reviewers] : assigned.by_application)
    for (const auto& rid : reviewers) {
      Review r;
      r.application = app;
      r.reviewer = rid;
      r.round = round;
      const double base = p.quality.at(app) + p.bias.at(rid);
      for (const char* criterion : {"relevance", "experience", "motivation"})
        r.criteria[criterion] = std::clamp(std::round((base + (d.unit() - 0.5) * 2.0) * 2.0) / 2.0, 0.0, 10.0);
      out.push_back(r);
    }
  // Reviews that must not count: by a reviewer not assigned, and one declaring a conflict.
  for (int n = 0; n < 5; ++n) {
    Review stray;
    stray.application = p.applications[static_cast<std::size_t>(d.below(static_cast<int>(p.applications.size())))].id;
    stray.reviewer = "R-unassigned";
    stray.score = 10;
    stray.round = round;
    out.push_back(stray);
  }
  if (!out.empty()) out.front().conflict_declared = true;
  return out;
}

void expect_assignment_sound(const Programme& p, const std::vector<ApplicationInfo>& apps, int k,
                             const AssignmentResult& r, unsigned seed) {
  std::map<std::string, const Reviewer*> reviewers;
  for (const auto& rev : p.reviewers) reviewers[rev.id] = &rev;
  std::map<std::string, int> load;
  for (const auto& a : apps) {
    const auto& list = r.by_application.at(a.id);
    int possible = 0;
    for (const auto& rev : p.reviewers) possible += conflicted(rev, a) ? 0 : 1;
    bool any_cap = false;
    for (const auto& rev : p.reviewers) any_cap = any_cap || rev.max_load.has_value();
    if (!any_cap) {
      EXPECT_EQ(static_cast<int>(list.size()), std::min(k, possible)) << "seed " << seed << " " << a.id;
    }
    EXPECT_LE(static_cast<int>(list.size()), k);
    EXPECT_EQ(std::set<std::string>(list.begin(), list.end()).size(), list.size());
    for (const auto& rid : list) {
      EXPECT_FALSE(conflicted(*reviewers.at(rid), a)) << "seed " << seed << ": " << rid << " reviews " << a.id;
      ++load[rid];
    }
  }
  for (const auto& rev : p.reviewers) {
    EXPECT_EQ(load[rev.id], r.loads.at(rev.id));
    if (rev.max_load) {
      EXPECT_LE(load[rev.id], *rev.max_load) << "seed " << seed;
    }
  }
  // Balanced: no application could move from a reviewer to one with two fewer.
  std::map<std::string, const ApplicationInfo*> app_by_id;
  for (const auto& a : apps) app_by_id[a.id] = &a;
  for (const auto& from : p.reviewers)
    for (const auto& to : p.reviewers) {
      if (load[from.id] < load[to.id] + 2 || (to.max_load && load[to.id] >= *to.max_load)) continue;
      for (const auto& app : r.by_reviewer.count(from.id) ? r.by_reviewer.at(from.id) : std::vector<std::string>{}) {
        const auto& has = r.by_application.at(app);
        const bool movable = !conflicted(to, *app_by_id.at(app)) && std::find(has.begin(), has.end(), to.id) == has.end();
        EXPECT_FALSE(movable) << "seed " << seed << ": " << app << " could move from " << from.id << " (" << load[from.id]
                              << ") to " << to.id << " (" << load[to.id] << ")";
      }
    }
  if (r.complete) {
    EXPECT_TRUE(r.shortfalls.empty());
  }
}

bool reported(const std::vector<Infeasibility>& list, const std::string& prefix, const std::string& subject) {
  return std::any_of(list.begin(), list.end(), [&](const Infeasibility& i) {
    return i.constraint.rfind(prefix, 0) == 0 && i.subject == subject;
  });
}

int fillable(const std::vector<Candidate>& qualifying, const Quotas& quotas, int seats) {
  std::map<std::string, int> n;
  for (const auto& c : qualifying) ++n[c.country];
  int total = 0;
  for (const auto& [cc, count] : n) {
    auto q = quotas.find(cc);
    total += q == quotas.end() || q->second.max < 0 ? count : std::min(count, q->second.max);
  }
  return std::min(seats, total);
}

std::pair<int, int> gender_range(const GenderTarget& t, const std::string& g, int f) {
  const double share = t.shares.at(g);
  return {std::max(0, static_cast<int>(std::ceil((share - t.tolerance) * f - 1e-9))),
          std::min(f, static_cast<int>(std::floor((share + t.tolerance) * f + 1e-9)))};
}

void expect_selection_sound(const SelectionInput& in, const SelectionResult& r, unsigned seed) {
  std::map<std::string, Candidate> by_id;
  for (const auto& c : in.candidates) by_id[c.id] = c;
  std::vector<Candidate> qualifying;
  for (const auto& [id, c] : by_id)
    if (!in.min_score || c.score >= *in.min_score - 1e-9) qualifying.push_back(c);

  // Everyone decided exactly once, with a reason.
  std::set<std::string> seen;
  for (const auto& id : r.offered) EXPECT_TRUE(seen.insert(id).second) << id;
  for (const auto& w : r.waitlist) EXPECT_TRUE(seen.insert(w.id).second) << w.id;
  for (const auto& id : r.rejected) EXPECT_TRUE(seen.insert(id).second) << id;
  EXPECT_EQ(seen.size(), by_id.size()) << "seed " << seed;
  for (const auto& [id, c] : by_id) {
    ASSERT_TRUE(r.explanations.count(id)) << id;
    const std::string& why = r.explanations.at(id);
    if (std::find(r.offered.begin(), r.offered.end(), id) != r.offered.end())
      EXPECT_NE(why.find("offered"), std::string::npos) << why;
    else if (std::find(r.rejected.begin(), r.rejected.end(), id) != r.rejected.end())
      EXPECT_EQ(why.rfind("rejected: ", 0), 0u) << why;
    else
      EXPECT_NE(why.find("waitlist position"), std::string::npos) << why;
  }

  // Seats never exceeded; quotas and targets hold unless reported.
  EXPECT_LE(static_cast<int>(r.offered.size()), in.seats) << "seed " << seed;
  if (static_cast<int>(r.offered.size()) < in.seats) {
    EXPECT_TRUE(reported(r.infeasible, "seats", "")) << "seed " << seed;
  }
  std::map<std::string, int> country, gender, available;
  for (const auto& id : r.offered) {
    ++country[by_id[id].country];
    ++gender[by_id[id].gender];
  }
  for (const auto& c : qualifying) ++available[c.country];
  for (const auto& [cc, q] : in.quotas) {
    if (q.max >= 0) {
      EXPECT_LE(country[cc], q.max) << "seed " << seed << ": " << cc << " above its maximum";
    }
    if (country[cc] < q.min) {
      EXPECT_TRUE(reported(r.infeasible, "country", cc)) << "seed " << seed << ": " << cc << " below its minimum, unreported";
      // "only n qualifying" is said only when true.
      for (const auto& i : r.infeasible) {
        if (i.subject == cc && i.reason.find("only ") != std::string::npos) {
          EXPECT_LT(available[cc], q.min) << i.reason;
        }
      }
    }
  }
  if (in.diversity.gender) {
    const auto& t = *in.diversity.gender;
    const int f = fillable(qualifying, in.quotas, in.seats);
    for (const auto& [g, share] : t.shares) {
      const auto [low, high] = gender_range(t, g, f);
      if (gender[g] < low) {
        EXPECT_TRUE(reported(r.infeasible, "gender", g)) << "seed " << seed << ": " << g << " below";
      }
      if (gender[g] > high) {
        EXPECT_FALSE(t.hard) << "seed " << seed << ": a hard gender target passed";
        EXPECT_TRUE(reported(r.infeasible, "gender_max", g)) << "seed " << seed << ": " << g << " above, unreported";
      }
    }
  }

  // Best first: nobody waits "because the seats are filled" behind someone worse.
  std::map<std::string, int> rank;
  std::vector<Candidate> ranked = qualifying;
  std::sort(ranked.begin(), ranked.end(), ranks_before);
  for (std::size_t i = 0; i < ranked.size(); ++i) rank[ranked[i].id] = static_cast<int>(i + 1);
  for (const auto& w : r.waitlist) {
    EXPECT_EQ(w.rank, rank[w.id]);
    if (r.explanations.at(w.id).find("seats filled") == std::string::npos) continue;
    for (const auto& id : r.offered) EXPECT_LT(rank[id], w.rank) << "seed " << seed << ": " << id << " offered behind " << w.id;
  }
  for (std::size_t i = 1; i < r.waitlist.size(); ++i) EXPECT_LT(r.waitlist[i - 1].rank, r.waitlist[i].rank);
  if (in.waitlist_size) {
    EXPECT_LE(static_cast<int>(r.waitlist.size()), *in.waitlist_size);
  }
}

void simulate_replacements(const SelectionInput& sel, const SelectionResult& r, unsigned seed, Draw& d) {
  ReplaceInput in;
  in.seats = sel.seats;
  in.quotas = sel.quotas;
  in.diversity = sel.diversity;
  in.holders = r.holders;
  in.waitlist = r.waitlist;
  std::vector<Holder> holders = r.holders;
  std::vector<WaitlistEntry> waitlist = r.waitlist;
  std::vector<std::string> departed;
  for (int step = 0; step < 3 * sel.seats && !holders.empty(); ++step) {
    if (!waitlist.empty() && d.chance(0.2)) {  // someone leaves the waitlist
      departed.push_back(waitlist[static_cast<std::size_t>(d.below(static_cast<int>(waitlist.size())))].id);
    }
    const Holder freed = holders[static_cast<std::size_t>(d.below(static_cast<int>(holders.size())))];
    in.holders = holders;
    in.waitlist = waitlist;
    in.exclude = departed;
    in.freed_id = freed.id;
    in.freed_country = freed.country;
    const auto out = replace(in);

    std::map<std::string, int> before;  // after the departure, before any replacement
    for (const auto& h : holders)
      if (h.id != freed.id) ++before[h.country];
    std::set<std::string> deficit;
    for (const auto& [cc, q] : sel.quotas)
      if (before[cc] < q.min && (q.max < 0 || before[cc] < q.max)) deficit.insert(cc);
    bool deficit_waits = false;
    for (const auto& w : waitlist)
      if (deficit.count(w.country) && std::find(departed.begin(), departed.end(), w.id) == departed.end()) deficit_waits = true;

    EXPECT_LE(static_cast<int>(out.holders.size()), sel.seats) << "seed " << seed;
    std::map<std::string, int> after;
    for (const auto& h : out.holders) ++after[h.country];
    for (const auto& [cc, q] : sel.quotas)
      if (q.max >= 0) {
        EXPECT_LE(after[cc], std::max(q.max, before[cc])) << "seed " << seed << ": replacement passed " << cc;
      }
    if (out.offer) {
      EXPECT_EQ(std::find(departed.begin(), departed.end(), out.offer->id), departed.end()) << "offered to someone who left";
      EXPECT_TRUE(std::any_of(waitlist.begin(), waitlist.end(), [&](auto& w) { return w.id == out.offer->id; }));
      if (deficit_waits) {
        EXPECT_TRUE(deficit.count(out.offer->country)) << "seed " << seed << ": " << out.reason;
      }
      EXPECT_FALSE(out.reason.empty());
      if (in.diversity.gender && in.diversity.gender->hard) {
        if (in.diversity.gender->shares.count(out.offer->gender)) {
          const int high = gender_range(*in.diversity.gender, out.offer->gender, sel.seats).second;
          int same = 0;
          for (const auto& h : out.holders) same += h.gender == out.offer->gender ? 1 : 0;
          EXPECT_LE(same, high) << "seed " << seed;
        }
      }
    } else if (!out.waitlist.empty() && static_cast<int>(out.holders.size()) < sel.seats) {
      EXPECT_NE(out.reason.find("at its maximum"), std::string::npos) << out.reason;
    }
    holders = out.holders;
    waitlist = out.waitlist;
  }
}

}  // namespace

TEST(SelectionRandomProgrammes, InvariantsHoldForEverySeed) {
  for (unsigned seed = 1; seed <= 24; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Programme p = make_programme(seed);
    Draw d(seed * 7919u);
    const std::map<std::string, double> weights = {{"relevance", 0.4}, {"experience", 0.3}, {"motivation", 0.3}};

    // Round 1: everyone, K reviewers each.
    AssignmentInput a1;
    a1.applications = p.applications;
    a1.reviewers = p.reviewers;
    a1.per_application = p.k;
    const auto first = assign_reviewers(a1);
    expect_assignment_sound(p, p.applications, p.k, first, seed);

    ScoringInput s1;
    s1.reviews = reviews_for(p, first, "shortlist", d);
    s1.weights = weights;
    s1.applications = p.applications;
    s1.reviewers = p.reviewers;
    s1.assignments = first.by_application;
    s1.round = "shortlist";
    const auto scored1 = score_round(s1);
    for (const auto& c : scored1.ranked) {
      EXPECT_GE(c.score, 0);
      EXPECT_LE(c.score, 10);
      EXPECT_LE(c.reviews, p.k);
    }
    for (std::size_t i = 1; i < scored1.ranked.size(); ++i)
      EXPECT_TRUE(ranks_before(scored1.ranked[i - 1], scored1.ranked[i]));
    EXPECT_FALSE(scored1.set_aside.empty());  // the stray reviews

    // The shortlist keeps the minimums reachable.
    ShortlistInput sl;
    sl.candidates = scored1.ranked;
    sl.size = 2 * p.seats;
    sl.seats = p.seats;
    sl.quotas = p.quotas;
    sl.diversity = p.diversity;
    const auto shortlisted = shortlist(sl);
    EXPECT_LE(static_cast<int>(shortlisted.shortlisted.size()), sl.size);
    std::map<std::string, int> on_list, in_pool;
    for (const auto& c : shortlisted.shortlisted) ++on_list[c.country];
    for (const auto& c : scored1.ranked) ++in_pool[c.country];
    for (const auto& [cc, q] : p.quotas) {
      if (on_list[cc] < std::min(q.min, in_pool[cc])) {
        EXPECT_TRUE(reported(shortlisted.infeasible, "country", cc)) << cc << " short on the shortlist";
      }
    }

    // Round 2: the shortlist, one more reviewer each.
    AssignmentInput a2;
    for (const auto& c : shortlisted.shortlisted)
      a2.applications.push_back(*std::find_if(p.applications.begin(), p.applications.end(), [&](auto& a) { return a.id == c.id; }));
    a2.reviewers = p.reviewers;
    a2.per_application = p.k + 1;
    const auto second = assign_reviewers(a2);
    expect_assignment_sound(p, a2.applications, p.k + 1, second, seed);
    ScoringInput s2 = s1;
    s2.reviews = reviews_for(p, second, "final", d);
    s2.reviews.insert(s2.reviews.end(), s1.reviews.begin(), s1.reviews.end());  // round 1 reviews must not count
    s2.applications = a2.applications;
    s2.assignments = second.by_application;
    s2.round = "final";
    const auto scored2 = score_round(s2);
    for (const auto& c : scored2.ranked) EXPECT_LE(c.reviews, p.k + 1);

    // The seats.
    SelectionInput sel;
    sel.candidates = scored2.ranked;
    sel.seats = p.seats;
    sel.quotas = p.quotas;
    sel.diversity = p.diversity;
    sel.min_score = p.min_score;
    sel.waitlist_size = p.waitlist_size;
    const auto result = select(sel);
    expect_selection_sound(sel, result, seed);

    simulate_replacements(sel, result, seed, d);
  }
}

// Tiny programmes against every subset: when some selection meets every quota and target,
// none is reported and the seats go to the best such selection (the first candidates in
// rank order that can all be kept); when none does, something is reported.
TEST(SelectionRandomProgrammes, ReportsInfeasibilityExactlyWhenNoSelectionCouldMeetEverything) {
  Draw d(4242);
  int feasible_cases = 0, infeasible_cases = 0;
  for (int trial = 0; trial < 400; ++trial) {
    SelectionInput in;
    in.seats = 2 + d.below(3);
    const std::vector<std::string> countries = {"AA", "BB", "CC"};
    const int n = 5 + d.below(5);
    for (int i = 0; i < n; ++i) {
      Candidate c;
      c.id = "c" + std::to_string(i);
      c.country = countries[static_cast<std::size_t>(d.below(3))];
      c.gender = d.chance(0.4) ? "female" : (d.chance(0.9) ? "male" : "");
      c.score = d.below(20) / 2.0;
      in.candidates.push_back(c);
    }
    for (const auto& cc : countries)
      if (d.chance(0.6)) in.quotas[cc] = {d.below(3), 1 + d.below(3)};
    if (d.chance(0.6)) {
      GenderTarget t;
      t.shares = {{"female", 0.5}, {"male", 0.5}};
      t.tolerance = 0.1 * d.below(4);
      t.hard = true;  // a soft target may pass a maximum on purpose (and says so)
      in.diversity.gender = t;
    }
    in.min_score = d.chance(0.5) ? std::optional<double>(2.0) : std::nullopt;
    const auto r = select(in);

    std::vector<Candidate> ranked;
    for (const auto& c : in.candidates)
      if (!in.min_score || c.score >= *in.min_score) ranked.push_back(c);
    std::sort(ranked.begin(), ranked.end(), ranks_before);
    const int f = fillable(ranked, in.quotas, in.seats);
    auto meets_everything = [&](unsigned mask) {
      std::map<std::string, int> country, gender;
      int size = 0;
      for (std::size_t i = 0; i < ranked.size(); ++i)
        if (mask & (1u << i)) {
          ++size;
          ++country[ranked[i].country];
          ++gender[ranked[i].gender];
        }
      if (size > in.seats) return false;
      for (const auto& [cc, q] : in.quotas)
        if (country[cc] < q.min || country[cc] > q.max) return false;
      if (in.diversity.gender)
        for (const auto& [g, share] : in.diversity.gender->shares) {
          const auto [low, high] = gender_range(*in.diversity.gender, g, f);
          if (gender[g] < low || gender[g] > high) return false;
        }
      return true;
    };
    // Lexicographically best: compare masks with rank 1 as the most significant bit.
    auto reversed = [&](unsigned mask) {
      unsigned out = 0;
      for (std::size_t i = 0; i < ranked.size(); ++i)
        if (mask & (1u << i)) out |= 1u << (ranked.size() - 1 - i);
      return out;
    };
    std::optional<unsigned> best;
    for (unsigned mask = 0; mask < (1u << ranked.size()); ++mask)
      if (meets_everything(mask) && (!best || reversed(mask) > reversed(*best))) best = mask;

    std::vector<Infeasibility> real;
    for (const auto& i : r.infeasible)
      if (i.constraint != "seats") real.push_back(i);
    if (best) {
      ++feasible_cases;
      EXPECT_TRUE(real.empty()) << "trial " << trial << ": " << real.front().reason;
      std::vector<std::string> expected;
      for (std::size_t i = 0; i < ranked.size(); ++i)
        if (*best & (1u << i)) expected.push_back(ranked[i].id);
      EXPECT_EQ(r.offered, expected) << "trial " << trial;
    } else {
      ++infeasible_cases;
      EXPECT_FALSE(real.empty()) << "trial " << trial << ": infeasible yet nothing reported";
    }
  }
  // Both kinds of programme were exercised.
  EXPECT_GT(feasible_cases, 50);
  EXPECT_GT(infeasible_cases, 50);
}
