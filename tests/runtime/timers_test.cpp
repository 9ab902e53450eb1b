#include "engine_fixture.hpp"

namespace cohort {
namespace {
using testing::at;
using testing::definition;
using testing::event;

const char* kOffer = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["offer.made"], "initial": "offered",
  "data": {"type": "object", "properties": {
    "applicant_id": {"type": "string"},
    "expires_at": {"type": "string", "format": "date-time"},
    "reminded": {"type": "integer"}}},
  "states": {
    "offered": {
      "entry": [{"set": {"reminded": 0}}],
      "after": [
        {"delay": "P2D", "do": [{"set": {"reminded": "=data.reminded + 1"}}]},
        {"at": "data.expires_at", "target": "offer_expired"}],
      "on": {"offer.accepted": {"target": "accepted"}}},
    "accepted": {"type": "final"},
    "offer_expired": {"type": "final"}
  }})json";

TEST(Timers, FireInVirtualTimeWhenTheClockPassesThem) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOffer));
  std::vector<Event> evs;
  evs.push_back(event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})"));
  evs.push_back(event("offer.made", "A2", "2", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})"));
  evs.push_back(event("offer.accepted", "A1", "3", "2025-01-05T00:00:00Z"));
  // A2 never answers; the clock passes its expiry only because of this later, unrelated event.
  evs.push_back(event("offer.made", "A3", "4", "2025-01-11T00:00:00Z", R"({"expires_at": "2025-02-01T00:00:00Z"})"));
  engine.feed(std::move(evs));
  EXPECT_EQ(engine.instance("A1")->state, "accepted");
  EXPECT_EQ(engine.instance("A2")->state, "offer_expired");
  EXPECT_EQ(engine.instance("A3")->state, "offered");
  // The 2-day reminder fired once for A1 (before it accepted) and for A2, and not again
  // after A2 left the state (its 4-day timer was not re-armed: delays fire once per entry).
  EXPECT_EQ(engine.instance("A1")->data["reminded"], Value(1));
  EXPECT_EQ(engine.instance("A2")->data["reminded"], Value(1));
}

TEST(Timers, AdvancingPastTheLastEventFiresWhatRemains) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOffer));
  engine.feed({event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})")});
  EXPECT_EQ(engine.instance("A1")->state, "offered");
  engine.advance_to(at("2025-01-09T23:59:59Z"));
  EXPECT_EQ(engine.instance("A1")->state, "offered");
  engine.advance_to(at("2025-01-10T00:00:00Z"));
  EXPECT_EQ(engine.instance("A1")->state, "offer_expired");
  EXPECT_EQ(engine.now(), at("2025-01-10T00:00:00Z"));
}

TEST(Timers, ATimerOfAStateThatWasLeftDoesNotFire) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOffer));
  engine.feed({event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})"),
               event("offer.accepted", "A1", "2", "2025-01-01T12:00:00Z")});
  engine.advance_to(at("2025-03-01T00:00:00Z"));
  auto v = engine.instance("A1", true);
  EXPECT_EQ(v->state, "accepted");
  EXPECT_EQ(v->data["reminded"], Value(0));
  for (const auto& h : v->history) EXPECT_NE(h.kind, runtime::HistoryEntry::Kind::Timer) << h.detail;
}

TEST(Timers, AnAtExpressionThatIsNoTimeLeavesTheTimerUnarmedAndSaysSo) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOffer));
  engine.feed({event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({})")});
  engine.advance_to(at("2026-01-01T00:00:00Z"));
  auto v = engine.instance("A1", true);
  EXPECT_EQ(v->state, "offered");
  bool said = false;
  for (const auto& h : v->history)
    if (h.kind == runtime::HistoryEntry::Kind::Timer && h.detail.find("not armed") != std::string::npos) said = true;
  EXPECT_TRUE(said);
}

TEST(Timers, HistoryCarriesVirtualTimestamps) {
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(definition(kOffer));
  engine.feed({event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})")});
  engine.advance_to(at("2025-02-01T00:00:00Z"));
  auto v = engine.instance("A1", true);
  ASSERT_FALSE(v->history.empty());
  EXPECT_EQ(v->history.front().time, at("2025-01-01T00:00:00Z"));
  EXPECT_EQ(v->history.back().time, at("2025-01-10T00:00:00Z"));
  EXPECT_EQ(v->history.back().detail, "offered -> offer_expired");
}

}  // namespace
}  // namespace cohort
