#include "engine_fixture.hpp"
#include <set>

namespace cohort {
namespace {
using testing::at;
using testing::definition;
using testing::event;
using testing::ScriptedGateway;

const char* kChecked = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "submitted",
  "states": {
    "submitted": {
      "entry": [{"call": "rules.check", "with": {"age": "=data.age", "fixed": "yes"},
                 "retry": {"attempts": 3, "backoff": "PT1M", "multiplier": 2}}],
      "on": {"rules.check.done": [{"if": "event.eligible", "target": "eligible"}, {"target": "ineligible"}],
             "note": {}}},
    "eligible": {"type": "final"},
    "ineligible": {"type": "final"}
  }})json";

const char* kWithErrorPath = R"json({
  "id": "participant", "version": 1,
  "start": ["applied"], "initial": "submitted",
  "states": {
    "submitted": {
      "entry": [{"call": "rules.check", "on_error": "manual_review"}],
      "on": {"rules.check.done": {"target": "done"}}},
    "manual_review": {"on": {"reviewed": {"target": "done"}}},
    "done": {"type": "final"}
  }})json";

runtime::EngineOptions with(ScriptedGateway& g) {
  runtime::EngineOptions o;
  o.plugins = &g;
  return o;
}

TEST(Calls, ResultsComeBackAsEventsAndArgsAreRendered) {
  ScriptedGateway g;
  g.on("rules.check", [](const runtime::CallRequest& r) {
    bool eligible = r.args_json.find("\"age\":30") != std::string::npos;
    return runtime::CallOutcome{true, eligible ? R"({"eligible":true})" : R"({"eligible":false})", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kChecked));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.submit(event("applied", "A2", "2", "", R"({"age": 20})"));
  engine.drain();
  EXPECT_EQ(engine.instance("A1")->state, "eligible");
  EXPECT_EQ(engine.instance("A2")->state, "ineligible");
  EXPECT_EQ(engine.stats().calls, 2u);
  std::sort(g.keys.begin(), g.keys.end());
  EXPECT_EQ(g.keys, (std::vector<std::string>{"A1/1/1", "A2/1/1"}));
  EXPECT_NE(g.args[0].find("\"fixed\":\"yes\""), std::string::npos);
}

TEST(Calls, AFailedAttemptIsRetriedAfterItsBackoffInVirtualTimeWithANewKey) {
  ScriptedGateway g;
  std::atomic<int> attempts{0};
  g.on("rules.check", [&](const runtime::CallRequest&) {
    if (++attempts < 3) return runtime::CallOutcome{false, "", "error", "registry unavailable"};
    return runtime::CallOutcome{true, R"({"eligible":true})", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kChecked));
  engine.feed({event("applied", "A1", "1", "2025-01-01T00:00:00Z", R"({"age": 30})"),
               event("note", "A1", "2", "2025-01-01T00:00:30Z")});
  // Blocked on the retry: the later event waits in the inbox, in order.
  EXPECT_EQ(engine.instance("A1")->state, "submitted");
  engine.advance_to(at("2025-01-01T00:01:00Z"));  // second attempt (backoff 1 min): fails
  EXPECT_EQ(attempts.load(), 2);
  EXPECT_EQ(engine.instance("A1")->state, "submitted");
  engine.advance_to(at("2025-01-01T00:03:00Z"));  // third attempt (2 min later): succeeds
  EXPECT_EQ(attempts.load(), 3);
  EXPECT_EQ(engine.instance("A1")->state, "eligible");
  EXPECT_EQ(g.keys, (std::vector<std::string>{"A1/1/1", "A1/1/2", "A1/1/3"}));
  auto v = engine.instance("A1", true);
  int results = 0;
  for (const auto& h : v->history)
    if (h.kind == runtime::HistoryEntry::Kind::CallResult) {
      ++results;
      if (results < 3) {
        EXPECT_NE(h.detail.find("registry unavailable"), std::string::npos) << h.detail;
      }
    }
  EXPECT_EQ(results, 3);
}

TEST(Calls, AfterTheLastAttemptTheInstanceIsParkedInIncidentAndCanBeRetried) {
  ScriptedGateway g;
  std::atomic<bool> healthy{false};
  g.on("rules.check", [&](const runtime::CallRequest&) {
    if (!healthy) return runtime::CallOutcome{false, "", "timeout", "deadline of 5000 ms exceeded"};
    return runtime::CallOutcome{true, R"({"eligible":false})", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kChecked));
  engine.feed({event("applied", "A1", "1", "2025-01-01T00:00:00Z", R"({"age": 30})")});
  engine.advance_to(at("2025-01-02T00:00:00Z"));
  EXPECT_EQ(engine.instance("A1")->state, "incident");
  EXPECT_EQ(engine.count_by_state("participant")["incident"], 1u);
  // An event arriving meanwhile is kept, not lost.
  engine.submit(event("note", "A1", "2"));
  engine.drain();
  healthy = true;
  const std::size_t failed_attempts = g.keys.size();
  ASSERT_TRUE(engine.retry_incident("A1"));
  EXPECT_EQ(engine.instance("A1")->state, "ineligible");
  EXPECT_FALSE(engine.retry_incident("A1"));
  // The retry is a new attempt with its own idempotency key: a durable run, which answers
  // a known key from its log, would otherwise hand back the first attempt's failure.
  ASSERT_EQ(g.keys.size(), failed_attempts + 1);
  EXPECT_EQ(g.keys.back(), "A1/1/" + std::to_string(failed_attempts + 1));
  EXPECT_EQ(std::set<std::string>(g.keys.begin(), g.keys.end()).size(), g.keys.size());
}

TEST(Calls, OnErrorNamesTheStateAfterTheLastFailure) {
  ScriptedGateway g;
  g.on("rules.check", [](const runtime::CallRequest&) {
    return runtime::CallOutcome{false, "", "error", "boom"};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kWithErrorPath));
  engine.submit(event("applied", "A1", "1"));
  engine.drain();
  EXPECT_EQ(engine.instance("A1")->state, "manual_review");
}

TEST(Calls, WithoutAPluginHostEveryCallFails) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kWithErrorPath));
  engine.submit(event("applied", "A1", "1"));
  engine.drain();
  EXPECT_EQ(engine.instance("A1")->state, "manual_review");
  EXPECT_EQ(engine.stats().call_failures, 1u);
}

TEST(Calls, AppliedEventsArePublishedToPlugins) {
  ScriptedGateway g;
  g.on("rules.check", [](const runtime::CallRequest&) { return runtime::CallOutcome{true, "{}", "", ""}; });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kChecked));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.drain();
  EXPECT_EQ(g.published.load(), 1);  // the external event; call results are not re-published
}

TEST(Calls, EventsAPluginEmitsJoinBetweenRoundsAtTheClock) {
  ScriptedGateway g;
  g.on("rules.check", [&](const runtime::CallRequest& r) {
    // The plugin answers, and also starts another instance of its own accord (once).
    if (r.subject != "A1") return runtime::CallOutcome{true, R"({"eligible":false})", "", ""};
    auto e = event("applied", std::string(r.subject) + "-sibling", "plugin-" + std::string(r.subject), "",
                   R"({"age": 40})");
    e.source = "plugin";
    g.emit(std::move(e));
    return runtime::CallOutcome{true, R"({"eligible":true})", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kChecked));
  engine.feed({event("applied", "A1", "1", "2025-01-01T00:00:00Z", R"({"age": 30})")});
  ASSERT_TRUE(engine.instance("A1-sibling"));
  EXPECT_EQ(engine.instance("A1-sibling")->state, "ineligible");
  EXPECT_EQ(engine.instance("A1")->state, "eligible");
  auto h = engine.instance("A1-sibling", true)->history;
  EXPECT_EQ(h.front().time, at("2025-01-01T00:00:00Z"));
}

}  // namespace
}  // namespace cohort
