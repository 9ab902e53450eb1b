#include "engine_fixture.hpp"

namespace cohort {
namespace {
using testing::definition;
using testing::event;

const char* kParticipant = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "waiting",
  "states": {
    "waiting": {
      "entry": [{"emit": "candidate.joined", "to": "programme", "data": {"id": "=data.applicant_id", "country": "=data.country"}}],
      "on": {"offer.made": {"target": "offered"}, "call.closed": {"target": "closed"}}},
    "offered": {"on": {"offer.declined": {"target": "declined",
                         "do": [{"emit": "seat.freed", "data": {"country": "=data.country"}}]},
                       "call.closed": {}}},
    "declined": {"type": "final"},
    "closed": {"type": "final"}
  }})json";

const char* kProgramme = R"json({
  "id": "programme", "version": 1, "correlation": "programme_id",
  "start": ["programme.created"], "initial": "open",
  "states": {
    "open": {
      "on": {
        "candidate.joined": {"do": [{"set": {"candidates": "=append(data.candidates ?? [], event.id)"}}]},
        "select": {"target": "offering",
                   "do": [{"emit": "offer.made", "to": "=[data.candidates[0], data.candidates[1]]"}]}}},
    "offering": {
      "on": {
        "seat.freed": {"do": [
          {"set": {"freed": "=(data.freed ?? 0) + 1"}},
          {"emit": "offer.made", "to": "=data.candidates[2]"}]},
        "close": {"target": "closed", "do": [{"emit": "call.closed", "to": "participants"}]}}},
    "closed": {"type": "final"}
  }})json";

runtime::EngineOptions options() {
  runtime::EngineOptions o;
  o.programme = Value::object({{"id", Value("P1")}});
  return o;
}

TEST(Emits, ParticipantsReachTheProgrammeAndTheProgrammeReachesThem) {
  runtime::Engine engine(options());
  engine.add_definition(definition(kParticipant));
  engine.add_definition(definition(kProgramme));
  engine.submit(event("programme.created", "P1", "p0"));
  engine.drain();
  for (const char* s : {"A", "B", "C"})
    engine.submit(event("applied", s, std::string("e") + s, "", R"({"country": "VN"})"));
  engine.drain();
  auto p = engine.instance("P1");
  ASSERT_TRUE(p);
  // Emits are delivered in subject order whatever the threads did.
  EXPECT_EQ(p->data["candidates"], Value(List{Value("A"), Value("B"), Value("C")}));

  engine.submit(event("select", "P1", "s1"));
  engine.drain();
  EXPECT_EQ(engine.instance("A")->state, "offered");
  EXPECT_EQ(engine.instance("B")->state, "offered");
  EXPECT_EQ(engine.instance("C")->state, "waiting");

  // A declines: the seat goes back to the programme, which offers it to C.
  engine.submit(event("offer.declined", "A", "d1"));
  engine.drain();
  EXPECT_EQ(engine.instance("A")->state, "declined");
  EXPECT_EQ(engine.instance("P1")->data["freed"], Value(1));
  EXPECT_EQ(engine.instance("C")->state, "offered");

  // Broadcast to every participant: those that handle it move, the final one ignores it.
  engine.submit(event("close", "P1", "c1"));
  engine.drain();
  EXPECT_EQ(engine.instance("P1")->state, "closed");
  EXPECT_EQ(engine.instance("A")->state, "declined");
  EXPECT_EQ(engine.instance("B")->state, "offered");  // "call.closed": {} in offered: stays
  EXPECT_EQ(engine.stats().applied, 7u);  // created, 3 applications, select, decline, close
}

TEST(Emits, TheOutcomeDoesNotDependOnThreadsOrPartitions) {
  std::string reference;
  for (auto [threads, partitions] : {std::pair{1u, 1u}, {2u, 3u}, {4u, 256u}}) {
    auto o = options();
    o.threads = threads;
    o.partitions = partitions;
    runtime::Engine engine(o);
    engine.add_definition(definition(kParticipant));
    engine.add_definition(definition(kProgramme));
    engine.submit(event("programme.created", "P1", "p0"));
    for (int i = 0; i < 200; ++i) {
      auto s = "A" + std::to_string(1000 + i);
      engine.submit(event("applied", s, "e" + s, "", R"({"country": "VN"})"));
    }
    engine.drain();
    auto got = to_json(engine.instance("P1")->data);
    if (reference.empty()) reference = got;
    EXPECT_EQ(got, reference) << threads << " threads, " << partitions << " partitions";
  }
}

}  // namespace
}  // namespace cohort
