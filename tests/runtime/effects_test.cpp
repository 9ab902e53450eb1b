// Calls to operations with side effects (mail, other systems) are not made where a step
// decides them: the instance waits, the engine hands every such call of the round to the
// gateway at once (a durable gateway writes them to its outbox first), and the outcomes
// reach the instances in the next round.
#include "engine_fixture.hpp"

namespace cohort {
namespace {
using testing::at;
using testing::definition;
using testing::event;
using testing::ScriptedGateway;

const char* kOffer = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "offered",
  "states": {
    "offered": {
      "entry": [{"call": "mail.send", "with": {"to": "=data.applicant_id"},
                 "retry": {"attempts": 2, "backoff": "PT1M"}},
                {"call": "rules.check"}],
      "on": {"mail.send.done": {"target": "mailed", "do": [{"set": {"message_id": "=event.message_id"}}]},
             "rules.check.done": {"do": [{"set": {"checked": "=data.message_id ?? 'before the mail'"}}]},
             "note": {"do": [{"set": {"noted_before_mail": true}}]}}},
    "mailed": {
      "on": {"rules.check.done": {"do": [{"set": {"checked": "=data.message_id"}}]},
             "note": {"do": [{"set": {"noted": "=data.message_id"}}]},
             "close": {"target": "closed"}}},
    "closed": {"type": "final"}
  }})json";

runtime::EngineOptions with(ScriptedGateway& g, unsigned threads = 2) {
  runtime::EngineOptions o;
  o.plugins = &g;
  o.threads = threads;
  return o;
}

void mail_answers(ScriptedGateway& g) {
  g.effects = {"mail.send"};
  g.on("mail.send", [](const runtime::CallRequest& r) {
    return runtime::CallOutcome{true, R"({"message_id":"<)" + r.idempotency_key + R"(@test>"})", "", ""};
  });
  g.on("rules.check", [](const runtime::CallRequest&) { return runtime::CallOutcome{true, "{}", "", ""}; });
}

TEST(Effects, TheRoundsSideEffectsAreMadeTogetherInSubjectOrderAfterTheRound) {
  ScriptedGateway g;
  mail_answers(g);
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kOffer));
  for (const char* s : {"C", "A", "B"}) engine.submit(event("applied", s, std::string(s) + "-1"));
  engine.drain();
  ASSERT_EQ(g.performed.size(), 1u);
  EXPECT_EQ(g.performed[0], (std::vector<std::string>{"A/1/1", "B/1/1", "C/1/1"}));
  for (const char* s : {"A", "B", "C"}) {
    auto v = engine.instance(s);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->state, "mailed") << s;
    EXPECT_EQ(v->data["message_id"], Value("<" + std::string(s) + "/1/1@test>")) << s;
    // The call without side effects was made inline, but its result waited behind the
    // mail's: the instance takes its calls' results in the order it made the calls.
    EXPECT_EQ(v->data["checked"], Value("<" + std::string(s) + "/1/1@test>")) << s;
    EXPECT_FALSE(v->blocked) << s;
  }
  EXPECT_EQ(engine.stats().calls, 6u);
}

const char* kTwoMails = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "offered",
  "states": {
    "offered": {
      "entry": [{"call": "mail.send", "with": {"kind": "offer"}}, {"call": "mail.send", "with": {"kind": "visa"}}],
      "on": {"mail.send.done": [{"if": "data.first == null", "do": [{"set": {"first": "=event.message_id"}}]},
                                {"target": "mailed", "do": [{"set": {"second": "=event.message_id"}}]}]}},
    "mailed": {"type": "final"}
  }})json";

TEST(Effects, TwoSideEffectsOfOneStepComeBackInTheOrderTheyWereMade) {
  ScriptedGateway g;
  mail_answers(g);
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kTwoMails));
  engine.submit(event("applied", "A", "A-1"));
  engine.drain();
  ASSERT_EQ(g.performed, (std::vector<std::vector<std::string>>{{"A/1/1", "A/2/1"}}));
  auto v = engine.instance("A");
  EXPECT_EQ(v->state, "mailed");
  EXPECT_EQ(v->data["first"], Value("<A/1/1@test>"));
  EXPECT_EQ(v->data["second"], Value("<A/2/1@test>"));
}

const char* kCheckThenMail = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "offered",
  "states": {
    "offered": {
      "entry": [{"call": "rules.check", "retry": {"attempts": 2, "backoff": "PT1M"}}, {"call": "mail.send"}],
      "on": {"rules.check.done": {"do": [{"set": {"checked": "=data.message_id ?? 'before the mail'"}}]},
             "mail.send.done": {"target": "mailed", "do": [{"set": {"message_id": "=event.message_id"}}]}}},
    "mailed": {"type": "final"}
  }})json";

TEST(Effects, ACallMadeAtOnceBeforeTheMailHasItsResultAppliedFirst) {
  ScriptedGateway g;
  mail_answers(g);
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kCheckThenMail));
  engine.submit(event("applied", "A", "A-1"));
  engine.drain();
  auto v = engine.instance("A");
  EXPECT_EQ(v->state, "mailed");
  EXPECT_EQ(v->data["checked"], Value("before the mail"));
}

TEST(Effects, AMailMadeWhileAnotherCallWaitsForItsRetryWaitsWithIt) {
  ScriptedGateway g;
  mail_answers(g);
  std::atomic<int> checks{0};
  g.on("rules.check", [&](const runtime::CallRequest&) {
    if (++checks == 1) return runtime::CallOutcome{false, "", "unavailable", "registry busy"};
    return runtime::CallOutcome{true, "{}", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kCheckThenMail));
  engine.feed({event("applied", "A", "A-1", "2025-01-01T00:00:00Z")});
  // The mail went out at the round's end, but the check waits for its retry: the
  // instance takes neither result yet, as if both calls had been made where it made them.
  EXPECT_EQ(g.performed.size(), 1u);
  EXPECT_EQ(engine.instance("A")->state, "offered");
  EXPECT_TRUE(engine.instance("A")->blocked);
  engine.advance_to(at("2025-01-01T00:01:00Z"));
  auto v = engine.instance("A");
  EXPECT_EQ(v->state, "mailed");
  EXPECT_EQ(v->data["checked"], Value("before the mail"));
  EXPECT_EQ(g.performed.size(), 1u);  // the mail was not made again
}

TEST(Effects, AnEventArrivingWhileTheMailIsOutWaitsForItsResult) {
  ScriptedGateway g;
  mail_answers(g);
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kOffer));
  engine.feed({event("applied", "A", "A-1", "2025-01-01T00:00:00Z"), event("note", "A", "A-2", "2025-01-01T00:00:00Z")});
  auto v = engine.instance("A", true);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, "mailed");
  EXPECT_EQ(v->data["noted"], Value("<A/1/1@test>"));
  EXPECT_TRUE(v->data["noted_before_mail"].is_null());
  // The history reads in the order things happened to the instance: the check answered at
  // once, the mail after the round; their results were applied in call order, then the note.
  std::vector<std::string> kinds;
  for (const auto& h : v->history)
    if (h.kind == runtime::HistoryEntry::Kind::CallResult || h.kind == runtime::HistoryEntry::Kind::Event)
      kinds.push_back(h.detail.substr(0, h.detail.find(' ')));
  EXPECT_EQ(kinds, (std::vector<std::string>{"applied", "rules.check", "mail.send", "mail.send.done",
                                             "rules.check.done", "note"}));
}

TEST(Effects, AFailedSideEffectIsRetriedAfterItsBackoffWithANewKey) {
  ScriptedGateway g;
  mail_answers(g);
  std::atomic<int> tries{0};
  g.on("mail.send", [&](const runtime::CallRequest& r) {
    if (++tries == 1) return runtime::CallOutcome{false, "", "unavailable", "SMTP server busy"};
    return runtime::CallOutcome{true, R"({"message_id":"<)" + r.idempotency_key + R"(@test>"})", "", ""};
  });
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kOffer));
  engine.feed({event("applied", "A", "A-1", "2025-01-01T00:00:00Z")});
  EXPECT_EQ(engine.instance("A")->state, "offered");
  EXPECT_TRUE(engine.instance("A")->blocked);
  engine.advance_to(at("2025-01-01T00:01:00Z"));
  EXPECT_EQ(engine.instance("A")->state, "mailed");
  EXPECT_EQ(g.performed, (std::vector<std::vector<std::string>>{{"A/1/1"}, {"A/1/2"}}));
  EXPECT_EQ(engine.instance("A")->data["message_id"], Value("<A/1/2@test>"));
  EXPECT_EQ(engine.stats().call_failures, 1u);
}

TEST(Effects, WithoutSideEffectsACallIsMadeWhereTheStepDecidesIt) {
  ScriptedGateway g;
  mail_answers(g);
  g.effects.clear();
  runtime::Engine engine(with(g));
  engine.add_definition(definition(kOffer));
  engine.submit(event("applied", "A", "A-1"));
  engine.drain();
  EXPECT_TRUE(g.performed.empty());
  EXPECT_EQ(engine.instance("A")->state, "mailed");
  EXPECT_EQ(g.keys, (std::vector<std::string>{"A/1/1", "A/2/1"}));
}

TEST(Effects, OutcomesAndBatchesDoNotDependOnThreads) {
  auto run = [](unsigned threads) {
    ScriptedGateway g;
    mail_answers(g);
    runtime::Engine engine(with(g, threads));
    engine.add_definition(definition(kOffer));
    std::vector<Event> events;
    for (int i = 0; i < 40; ++i) {
      const std::string s = "P" + std::to_string(i % 20);
      events.push_back(event(i < 20 ? "applied" : "note", s, s + "-" + std::to_string(i),
                             "2025-01-01T00:00:" + std::string(i < 30 ? "00" : "30") + "Z"));
    }
    engine.feed(std::move(events));
    std::string all;
    engine.for_each_instance([&](const runtime::InstanceView& v) {
      all += v.subject + " " + v.state + " " + to_json(v.data) + "\n";
      const auto full = engine.instance(v.subject, true);
      for (const auto& h : full->history) all += "  " + h.detail + "\n";
    });
    for (const auto& batch : g.performed) {
      all += "batch:";
      for (const auto& k : batch) all += " " + k;
      all += "\n";
    }
    return all;
  };
  const std::string one = run(1);
  EXPECT_NE(one.find("batch: P0/1/1 P1/1/1"), std::string::npos) << one;
  EXPECT_EQ(run(4), one);
}

}  // namespace
}  // namespace cohort
