#include "engine_fixture.hpp"

namespace cohort {
namespace {
using testing::at;
using testing::definition;
using testing::event;

const char* kOrder = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "submitted",
  "data": {"type": "object", "properties": {
    "applicant_id": {"type": "string"}, "age": {"type": "integer"}, "score": {"type": "number"},
    "notes": {"type": "array"}}},
  "states": {
    "submitted": {"on": {"checked": [
        {"if": "data.age >= 25", "target": "eligible", "do": [{"set": {"notes": "=append(data.notes ?? [], 'ok')"}}]},
        {"target": "ineligible"}]}},
    "eligible": {"on": {"scored": {"do": [{"set": {"score": "=event.score"}}]},
                        "decided": [{"if": "data.score >= 7", "target": "selected"}, {"target": "rejected"}]}},
    "selected": {"type": "final"},
    "rejected": {"type": "final"},
    "ineligible": {"type": "final"}
  }})json";

TEST(Transitions, GuardsAreTriedInOrderAndTheFirstThatHoldsIsTaken) {
  runtime::EngineOptions o;
  runtime::Engine engine(o);
  engine.add_definition(definition(kOrder));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.submit(event("applied", "A2", "2", "", R"({"age": 19})"));
  engine.submit(event("checked", "A1", "3"));
  engine.submit(event("checked", "A2", "4"));
  engine.drain();
  EXPECT_EQ(engine.instance("A1")->state, "eligible");
  EXPECT_EQ(engine.instance("A2")->state, "ineligible");
  EXPECT_TRUE(engine.instance("A2")->final);
}

TEST(Transitions, NewInstanceDataIsTheStartPayloadPlusTheCorrelationField) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.drain();
  auto v = engine.instance("A1");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->data["applicant_id"], Value("A1"));
  EXPECT_EQ(v->data["age"], Value(30));
  EXPECT_EQ(v->state, "submitted");
}

TEST(Transitions, ActionsWithoutTargetStayAndSetData) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.submit(event("checked", "A1", "2"));
  engine.submit(event("scored", "A1", "3", "", R"({"score": 8.5})"));
  engine.submit(event("decided", "A1", "4"));
  engine.drain();
  auto v = engine.instance("A1", true);
  EXPECT_EQ(v->state, "selected");
  EXPECT_EQ(v->data["score"], Value(8.5));
  EXPECT_EQ(v->data["notes"], Value(List{Value("ok")}));
}

TEST(Transitions, AnEventNoTransitionTakesIsRecordedAsIgnored) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.submit(event("decided", "A1", "2"));  // not handled in submitted
  engine.drain();
  auto v = engine.instance("A1", true);
  EXPECT_EQ(v->state, "submitted");
  bool ignored = false;
  for (const auto& h : v->history)
    if (h.kind == runtime::HistoryEntry::Kind::Ignored) {
      ignored = true;
      EXPECT_NE(h.detail.find("decided id=2"), std::string::npos) << h.detail;
      EXPECT_NE(h.detail.find("has no transition"), std::string::npos) << h.detail;
    }
  EXPECT_TRUE(ignored);
}

TEST(Correlation, AnEventForNoInstanceIsReportedNotDropped) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  auto r = engine.submit(event("checked", "NOBODY", "9"));
  EXPECT_EQ(r.status, runtime::SubmitStatus::NoInstance);
  EXPECT_NE(r.message.find("NOBODY"), std::string::npos);
  EXPECT_NE(r.message.find("'9'"), std::string::npos);
  EXPECT_EQ(engine.stats().rejected, 1u);
  EXPECT_EQ(engine.instance_count(), 0u);
}

TEST(Correlation, DuplicateIdsFromTheSameSourceAreAppliedOnce) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  engine.submit(event("applied", "A1", "1", "", R"({"age": 30})"));
  engine.submit(event("checked", "A1", "2"));
  auto dup = engine.submit(event("checked", "A1", "2"));
  EXPECT_EQ(dup.status, runtime::SubmitStatus::Duplicate);
  auto other_source = event("scored", "A1", "2", "", R"({"score": 9})");
  other_source.source = "elsewhere";  // same id, other source: a different event
  EXPECT_EQ(engine.submit(other_source).status, runtime::SubmitStatus::Accepted);
  engine.drain();
  EXPECT_EQ(engine.stats().duplicates, 1u);
  EXPECT_EQ(engine.stats().applied, 3u);
  EXPECT_EQ(engine.instance("A1")->data["score"], Value(9));
}

TEST(Correlation, InvalidEventsNameWhatIsMissing) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOrder));
  Event e;
  e.type = "applied";
  auto r = engine.submit(e);
  EXPECT_EQ(r.status, runtime::SubmitStatus::Invalid);
  EXPECT_NE(r.message.find("id, source, subject"), std::string::npos) << r.message;
}

TEST(Ordering, EventsForOneInstanceApplyInOrderWhateverTheThreads) {
  for (unsigned threads : {1u, 2u, 4u}) {
    runtime::EngineOptions o;
    o.threads = threads;
    o.partitions = 7;
    runtime::Engine engine(o);
    engine.add_definition(definition(kOrder));
    std::vector<Event> evs;
    for (int i = 0; i < 500; ++i) {
      auto s = "A" + std::to_string(i);
      evs.push_back(event("applied", s, s + "-1", "", i % 3 ? R"({"age": 40})" : R"({"age": 20})"));
      evs.push_back(event("checked", s, s + "-2"));
      evs.push_back(event("scored", s, s + "-3", "", i % 2 ? R"({"score": 9})" : R"({"score": 3})"));
      evs.push_back(event("decided", s, s + "-4"));
    }
    engine.submit_batch(std::move(evs));
    engine.drain();
    auto counts = engine.count_by_state("participant");
    // i%3==0 -> ineligible (167 of 500); others split by parity of i.
    EXPECT_EQ(counts["ineligible"], 167u) << threads;
    EXPECT_EQ(counts["selected"] + counts["rejected"], 333u) << threads;
    std::uint64_t selected = 0;
    for (int i = 0; i < 500; ++i)
      if (i % 3 && i % 2) ++selected;
    EXPECT_EQ(counts["selected"], selected) << threads;
  }
}

}  // namespace
}  // namespace cohort
