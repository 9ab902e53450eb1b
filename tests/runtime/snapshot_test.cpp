// An engine restored from a snapshot (stored in binary form, as the event log stores it)
// continues exactly as the engine it was taken from: states, data, histories, armed
// timers and the memory of events already applied.
#include "engine_fixture.hpp"
#include "value/binary.hpp"

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
    "note": {"type": "string"},
    "reminded": {"type": "integer"}}},
  "states": {
    "offered": {
      "entry": [{"set": {"reminded": 0}}],
      "after": [
        {"delay": "P2D", "do": [{"set": {"reminded": "=data.reminded + 1"}}]},
        {"at": "data.expires_at", "target": "offer_expired"}],
      "on": {"offer.accepted": {"target": "accepted", "do": [{"set": {"note": "=event.data.note"}}]}}},
    "accepted": {"type": "final"},
    "offer_expired": {"type": "final"}
  }})json";

struct Pair {
  std::shared_ptr<const model::Definition> def = definition(kOffer);
  runtime::Engine original{runtime::EngineOptions{}};
  runtime::Engine restored{runtime::EngineOptions{}};

  Pair() {
    original.add_definition(def);
    restored.add_definition(def);
    original.feed({event("offer.made", "A1", "1", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})"),
                   event("offer.made", "A2", "2", "2025-01-01T00:00:00Z", R"({"expires_at": "2025-01-10T00:00:00Z"})"),
                   event("offer.accepted", "A1", "3", "2025-01-05T00:00:00Z", R"({"note": "Nguyễn: free text"})")});
  }

  /// Snapshot, through the binary form, into `restored`.
  bool carry(std::string& error) {
    std::string why;
    Value snap = original.snapshot(why);
    EXPECT_FALSE(snap.is_null()) << why;
    std::string bytes;
    append_binary(snap, bytes);
    Value back;
    if (!parse_binary(bytes, back, error)) return false;
    return restored.restore(back, [&](const std::string& hash) { return hash == def->hash ? def : nullptr; }, error);
  }
};

void expect_same(const runtime::Engine& a, const runtime::Engine& b, const std::string& subject) {
  auto x = a.instance(subject, true), y = b.instance(subject, true);
  ASSERT_TRUE(x && y) << subject;
  EXPECT_EQ(x->state, y->state) << subject;
  EXPECT_EQ(to_json(x->data), to_json(y->data)) << subject;
  ASSERT_EQ(x->history.size(), y->history.size()) << subject;
  for (std::size_t i = 0; i < x->history.size(); ++i) {
    EXPECT_EQ(x->history[i].time, y->history[i].time) << subject << " #" << i;
    EXPECT_EQ(x->history[i].kind, y->history[i].kind) << subject << " #" << i;
    EXPECT_EQ(x->history[i].detail, y->history[i].detail) << subject << " #" << i;
  }
}

TEST(Snapshot, ARestoredEngineContinuesExactlyAsTheOriginal) {
  Pair p;
  std::string error;
  ASSERT_TRUE(p.carry(error)) << error;
  EXPECT_EQ(p.restored.now(), p.original.now());
  for (const char* s : {"A1", "A2"}) expect_same(p.original, p.restored, s);
  EXPECT_FALSE(p.restored.instance("A1", true)->history.empty());

  // The same future for both: the armed timers fire alike, an event already applied is
  // still a duplicate, a new one is applied.
  for (runtime::Engine* e : {&p.original, &p.restored}) {
    auto r = e->feed({event("offer.made", "A2", "2", "2025-01-06T00:00:00Z"),
                      event("offer.made", "A3", "4", "2025-01-06T00:00:00Z", R"({"expires_at": "2025-03-01T00:00:00Z"})")});
    EXPECT_EQ(r[0].status, runtime::SubmitStatus::Duplicate);
    EXPECT_EQ(r[1].status, runtime::SubmitStatus::Accepted);
    e->advance_to(at("2025-01-20T00:00:00Z"));
  }
  EXPECT_EQ(p.restored.instance("A2")->state, "offer_expired");
  for (const char* s : {"A1", "A2", "A3"}) expect_same(p.original, p.restored, s);
}

TEST(Snapshot, ADamagedHistoryIsRefusedNotGuessed) {
  Pair p;
  std::string why, error;
  Value snap = p.original.snapshot(why);
  ASSERT_TRUE(snap["instances"].is_list());
  // Cut the first instance's history bytes short.
  List rows = snap["instances"].as_list();
  List first = rows[0].as_list();
  const std::string bytes = first[8].as_string();
  ASSERT_GT(bytes.size(), 3u);
  first[8] = Value(bytes.substr(0, bytes.size() - 2));
  rows[0] = Value(std::move(first));
  snap.set("instances", Value(std::move(rows)));
  EXPECT_FALSE(p.restored.restore(snap, [&](const std::string&) { return p.def; }, error));
  EXPECT_NE(error.find("unreadable history"), std::string::npos) << error;
}

TEST(Snapshot, AVersionThatIsNotLoadedIsNamed) {
  Pair p;
  std::string why, error;
  Value snap = p.original.snapshot(why);
  EXPECT_FALSE(p.restored.restore(snap, [](const std::string&) { return nullptr; }, error));
  EXPECT_NE(error.find(p.def->hash.substr(0, 12)), std::string::npos) << error;
  EXPECT_EQ(p.restored.instance_count(), 0u);
}

}  // namespace
}  // namespace cohort
