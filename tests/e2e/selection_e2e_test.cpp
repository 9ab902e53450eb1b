// Review and selection in each 2025 programme, end to end: the programme instance assigns
// the programme's own reviewers (rules.assign_reviewers), participants count only their
// assigned reviewers' reviews, the shortlist round and the final round are scored with
// per-reviewer normalisation (rules.score), cut (rules.shortlist) and seated
// (rules.select); every outcome is explained and what could not hold is reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "e2e_support.hpp"

using namespace cohort;
using namespace cohort::e2e;

namespace {

const Scenario kSelectionScenarios[] = {
    {"glc-2025.json", 300, 1},
    {"cni-2025.json", 300, 1},
    {"ict-2025.json", 300, 1},
    {"ghe-2025.json", 300, 1},
    // Too few applicants for every country minimum: the shortfall must be reported.
    {"cni-2025.json", 90, 3},
};

/// A small call cannot meet every minimum.
bool small(const Scenario& s) { return s.applicants < 100; }

const char* const kRounds[] = {"shortlist", "final"};

std::string str(const Value& v) { return v.is_string() ? v.as_string() : ""; }

/// Institutions compare ignoring case and extra spaces, as the plugin does.
std::string folded(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::set<std::string> strings(const Value& list) {
  std::set<std::string> out;
  if (list.is_list())
    for (const auto& v : list.as_list())
      if (v.is_string()) out.insert(v.as_string());
  return out;
}

/// Why this reviewer may not review this application, or "" (the rules the docs state).
std::string conflict(const Value& reviewer, const std::string& id, const std::string& country,
                     const std::string& institution) {
  const auto declared = strings(reviewer["conflicts"]);
  if (declared.count(id)) return "declared the applicant";
  for (const auto& d : declared)
    if (!institution.empty() && folded(d) == folded(institution)) return "declared the institution";
  if (!institution.empty() && folded(str(reviewer["institution"])) == folded(institution)) return "same institution";
  if (!country.empty() && str(reviewer["country"]) == country) return "same country";
  return "";
}

/// One replay per programme, shared by the tests of this file.
struct Outcome {
  Value programme_file;
  Value programme;  ///< the programme instance's data
  std::map<std::string, runtime::InstanceView> participants;
  std::map<std::string, std::vector<std::string>> paths;
};

const Outcome& outcome(const Scenario& s) {
  static std::map<std::string, std::unique_ptr<Outcome>> cache;
  auto& slot = cache[scenario_name(s)];
  if (!slot) {
    const auto& g = generated(s);
    slot = std::make_unique<Outcome>();
    slot->programme_file = read_programme(s.file);
    Replay replay(s, g, 2);
    EXPECT_TRUE(replay.session) << (replay.open_errors.empty() ? "" : replay.open_errors.front());
    if (!replay.session) return *slot;
    if (auto v = replay.engine().instance(g.programme_id)) slot->programme = v->data;
    replay.engine().for_each_instance([&](const runtime::InstanceView& v) {
      if (v.definition == "participant") slot->participants.emplace(v.subject, v);
    });
    slot->paths = replay.recorder.paths();
  }
  return *slot;
}

class Selection : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    const auto& g = generated(GetParam());
    ASSERT_TRUE(g.ok) << g.error;
    const auto& o = outcome(GetParam());
    ASSERT_FALSE(o.participants.empty());
    ASSERT_TRUE(o.programme["review_rounds"].is_object()) << "the programme kept no review rounds";
  }
};

}  // namespace

TEST_P(Selection, OnlyAssignedReviewersWithoutAConflictAreCounted) {
  const auto& g = generated(GetParam());
  const auto& o = outcome(GetParam());
  std::map<std::string, const Value*> reviewers;
  for (const auto& r : o.programme_file["selection"]["reviewers"].as_list()) reviewers[r["id"].as_string()] = &r;

  // The generator sends some reviews nobody asked for and some declared conflicts.
  std::size_t unassigned_sent = 0, counted = 0, set_aside = 0;
  for (const auto& e : g.events) {
    if (e.type != "review.submitted") continue;
    const std::string round = str(e.data["round"]);
    const auto assigned = strings(o.programme["review_rounds"][round]["assignments"][e.subject]);
    if (!assigned.count(str(e.data["reviewer"]))) ++unassigned_sent;
  }
  EXPECT_GT(unassigned_sent, 0u) << "the simulation should send reviews by reviewers not assigned";

  for (const auto& [id, v] : o.participants) {
    SCOPED_TRACE(id);
    const std::string country = str(v.data["applicant"]["nationality"]);
    const std::string institution = str(v.data["applicant"]["employer"]);
    std::set<std::pair<std::string, std::string>> seen;  // (round, reviewer) counted
    if (v.data["reviews"].is_list())
      for (const auto& review : v.data["reviews"].as_list()) {
        const std::string round = str(review["round"]);
        const std::string reviewer = str(review["reviewer"]);
        ASSERT_TRUE(round == "shortlist" || round == "final") << to_json(review);
        EXPECT_TRUE(strings(o.programme["review_rounds"][round]["assignments"][id]).count(reviewer))
            << reviewer << " is not assigned to " << id << " in the " << round << " round, yet counted";
        EXPECT_NE(review["conflict_declared"], Value(true)) << to_json(review);
        ASSERT_TRUE(reviewers.count(reviewer)) << reviewer << " is not on the programme's committee";
        EXPECT_EQ(conflict(*reviewers[reviewer], id, country, institution), "") << reviewer;
        seen.insert({round, reviewer});
        ++counted;
      }
    if (v.data["conflicts"].is_list()) set_aside += v.data["conflicts"].as_list().size();
  }
  EXPECT_GT(counted, 0u);
  EXPECT_GT(set_aside, 0u) << "no review was set aside";
}

TEST_P(Selection, ReviewersAreAssignedWithoutConflictsAndEvenLoads) {
  const auto& o = outcome(GetParam());
  const Value& sel = o.programme_file["selection"];
  std::map<std::string, Value> application;  // id -> {country, institution} as listed
  for (const auto& a : o.programme["applications"].as_list()) application[a["id"].as_string()] = a;

  for (const char* round : kRounds) {
    SCOPED_TRACE(round);
    const Value& r = o.programme["review_rounds"][round];
    ASSERT_TRUE(r["assignments"].is_object()) << "no " << round << " round";
    std::int64_t k = sel["reviews_per_application"].as_int();
    for (const auto& spec : sel["rounds"].as_list())
      if (str(spec["id"]) == round && spec["reviews_per_application"].is_int()) k = spec["reviews_per_application"].as_int();
    EXPECT_EQ(r["complete"], Value(true)) << str(r["summary"]);

    std::map<std::string, std::int64_t> loads;
    for (const auto& rv : sel["reviewers"].as_list()) loads[rv["id"].as_string()] = 0;
    for (const auto& [app, ids] : r["assignments"].members()) {
      EXPECT_EQ(static_cast<std::int64_t>(ids.as_list().size()), k) << app;
      const Value& a = application[app];
      for (const auto& id : ids.as_list()) {
        ++loads[id.as_string()];
        for (const auto& rv : sel["reviewers"].as_list())
          if (rv["id"] == id) {
            EXPECT_EQ(conflict(rv, app, str(a["country"]), str(a["institution"])), "") << app << " reviewed by " << id.as_string();
          }
      }
    }
    // Loads as reported, within max_load, and even: any two reviewers below their
    // maximum differ by at most one.
    std::int64_t lo = INT64_MAX, hi = 0;
    for (const auto& rv : sel["reviewers"].as_list()) {
      const std::string id = rv["id"].as_string();
      EXPECT_EQ(r["loads"][id], Value(loads[id])) << id;
      if (rv["max_load"].is_int()) {
        EXPECT_LE(loads[id], rv["max_load"].as_int()) << id;
        if (loads[id] == rv["max_load"].as_int()) continue;
      }
      lo = std::min(lo, loads[id]);
      hi = std::max(hi, loads[id]);
    }
    EXPECT_LE(hi - lo, 1) << str(r["summary"]);
  }
  // The final round reviews exactly the shortlist (minus those who left).
  std::set<std::string> finalists;
  for (const auto& [app, ids] : o.programme["review_rounds"]["final"]["assignments"].members()) finalists.insert(app);
  const auto shortlisted = strings(o.programme["shortlist"]["shortlisted"]);
  for (const auto& f : finalists) EXPECT_TRUE(shortlisted.count(f)) << f << " reviewed in the final round without being shortlisted";
  const Value* size = nullptr;
  for (const auto& spec : sel["rounds"].as_list())
    if (spec["size"].is_int()) size = &spec["size"];
  ASSERT_NE(size, nullptr);
  EXPECT_LE(static_cast<std::int64_t>(shortlisted.size()), size->as_int());
}

TEST_P(Selection, QuotasAndTheGenderTargetHoldOrAreReported) {
  const auto& o = outcome(GetParam());
  const Value& prog = o.programme_file;
  const Value& sel = o.programme["selection"];
  ASSERT_TRUE(sel["report"].is_string()) << to_json(sel);
  const auto unmet = sel["unmet"].is_list() ? sel["unmet"].as_list() : List{};
  auto reported = [&](const std::string& what) {
    return std::any_of(unmet.begin(), unmet.end(), [&](const Value& u) { return str(u).find(what) != std::string::npos; });
  };
  EXPECT_EQ(sel["feasible"], Value(unmet.empty()));
  if (small(GetParam())) {
    EXPECT_FALSE(unmet.empty()) << "a call this small should miss some minimum: " << sel["report"].as_string();
  }
  EXPECT_EQ(sel["infeasible"].as_list().size(), unmet.size());

  std::map<std::string, std::int64_t> by_country, by_gender;
  const auto offered = sel["offered"].as_list();
  for (const auto& id : offered) {
    const auto& v = o.participants.at(id.as_string());
    ++by_country[str(v.data["applicant"]["nationality"])];
    ++by_gender[str(v.data["applicant"]["gender"])];
  }
  const std::int64_t seats = prog["seats"].as_int();
  EXPECT_LE(static_cast<std::int64_t>(offered.size()), seats);
  if (static_cast<std::int64_t>(offered.size()) < seats) {
    EXPECT_TRUE(reported("seats filled")) << sel["report"].as_string();
  }
  for (const auto& [cc, q] : prog["quotas"].members()) {
    if (q["max"].is_int()) {
      EXPECT_LE(by_country[cc], q["max"].as_int()) << cc;
    }
    if (q["min"].is_int() && by_country[cc] < q["min"].as_int()) {
      EXPECT_TRUE(reported("quota min for " + cc)) << cc << ": " << by_country[cc] << " of " << q["min"].as_int()
                                                    << " offered and not reported: " << sel["report"].as_string();
    }
  }
  const Value& gender = prog["selection"]["diversity"]["gender"];
  const double tolerance = gender["tolerance"].as_number();
  const auto filled = static_cast<double>(offered.size());
  for (const auto& [g, share] : gender["shares"].members()) {
    const auto lo = static_cast<std::int64_t>(std::ceil((share.as_number() - tolerance) * filled - 1e-9));
    const auto hi = static_cast<std::int64_t>(std::floor((share.as_number() + tolerance) * filled + 1e-9));
    if (by_gender[g] < lo || by_gender[g] > hi) {
      EXPECT_TRUE(reported("gender target " + g)) << g << ": " << by_gender[g] << " of " << offered.size();
    }
  }
  // The office's ledger agrees with the offers it made.
  ASSERT_TRUE(sel["holders_by_gender"].is_object());
  std::int64_t gendered = 0;
  for (const auto& [g, n] : sel["holders_by_gender"].members()) gendered += n.as_int();
  EXPECT_EQ(gendered, static_cast<std::int64_t>(offered.size()));
}

TEST_P(Selection, EveryDecisionIsExplained) {
  const auto& o = outcome(GetParam());
  const Value& shortlist = o.programme["shortlist"];
  const Value& sel = o.programme["selection"];
  const auto not_shortlisted = strings(shortlist["not_shortlisted"]);
  const auto shortlisted = strings(shortlist["shortlisted"]);
  const auto final_rejected = strings(sel["rejected"]);
  const auto waitlisted = strings(sel["waitlist"]);
  const auto offered = strings(sel["offered"]);
  for (const auto& id : shortlisted) EXPECT_TRUE(shortlist["explanations"][id].is_string()) << id;
  for (const auto& id : not_shortlisted) EXPECT_TRUE(shortlist["explanations"][id].is_string()) << id;
  for (const auto* ids : {&final_rejected, &waitlisted, &offered})
    for (const auto& id : *ids) EXPECT_TRUE(sel["explanations"][id].is_string()) << id;
  EXPECT_FALSE(offered.empty());
  EXPECT_FALSE(not_shortlisted.empty()) << "the shortlist round should cut somebody";

  std::size_t explained = 0;
  for (const auto& [id, v] : o.participants) {
    SCOPED_TRACE(id + " in " + v.state);
    const auto& path = o.paths.at(id);
    const bool reviewed = std::find(path.begin(), path.end(), "eligible") != path.end();
    if (!reviewed) continue;
    const std::string decision = str(v.data["decision"]);
    if (v.state == "rejected" || v.state == "shortlisted" || v.state == "waitlisted" || v.state == "offered") {
      EXPECT_FALSE(decision.empty()) << "no explanation";
      ++explained;
    }
    if (v.state != "rejected") continue;
    // Where the explanation comes from: the round that ended the application.
    if (not_shortlisted.count(id)) {
      EXPECT_EQ(decision, str(shortlist["explanations"][id]));
      EXPECT_EQ(decision.rfind("not shortlisted", 0), 0u) << decision;
    } else if (final_rejected.count(id)) {
      EXPECT_EQ(decision, str(sel["explanations"][id]));
    } else if (!shortlisted.count(id)) {
      EXPECT_EQ(decision.rfind("not selected: no review", 0), 0u) << decision;
    }
  }
  EXPECT_GT(explained, 0u);
}

INSTANTIATE_TEST_SUITE_P(Programmes2025, Selection, ::testing::ValuesIn(kSelectionScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& info) {
                           return info.param.file.substr(0, 3) + (small(info.param) ? "_small" : "");
                         });
