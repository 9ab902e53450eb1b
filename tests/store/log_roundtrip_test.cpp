// Appending and reading back: every field survives, seqs are in order, external events
// are deduplicated by (source, id) also across a restart, internal ones never are.

#include <gtest/gtest.h>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"
#include "store_support.hpp"
#include "value/json.hpp"

namespace cohort::store {
namespace {

using testing::all_events;
using testing::external;
using testing::make_event;
using testing::must_open;
using testing::ScratchDir;

TEST(EventLogRoundTrip, EveryFieldComesBackInSeqOrder) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  ASSERT_TRUE(log);

  Batch batch;
  batch.events.push_back(external("e-1"));
  Event no_time = make_event("e-2", "app-2", "document.uploaded");
  no_time.has_time = false;
  no_time.data = Value::object({{"files", Value(List{Value("cv.pdf"), Value(3.5), Value()})},
                                {"nested", Value::object({{"ok", Value(true)}})}});
  batch.events.push_back({EventKind::External, no_time});
  Event emitted = make_event("app-1/emit/1", "programme", "participant.admitted");
  emitted.source = "cohort/instance/app-1";
  // Timestamps inside data must come back as timestamps, not as ISO strings.
  emitted.data = Value::object({{"at", Value(Timestamp{1741000000123})},
                                {"list", Value(List{Value("x"), Value(Timestamp{5})})},
                                {"a/b~c", Value(Timestamp{42})},
                                {"plain", Value("2025-03-01T09:00:00Z")}});
  batch.events.push_back({EventKind::Emitted, emitted});
  batch.events.push_back({EventKind::Timer, make_event("timer-1", "app-1", "timer")});
  batch.events.push_back({EventKind::CallResult, make_event("app-1/1/1", "app-1", "mail.send.done")});

  AppendResult result;
  Status s = log->append(batch, result);
  ASSERT_TRUE(s.ok()) << s.to_string();
  ASSERT_EQ(result.events.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(result.events[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_FALSE(result.events[i].duplicate);
  }

  auto back = all_events(*log);
  ASSERT_EQ(back.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const Event& want = batch.events[i].event;
    const LoggedEvent& got = back[i];
    EXPECT_EQ(got.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(got.kind, batch.events[i].kind);
    EXPECT_EQ(got.event.id, want.id);
    EXPECT_EQ(got.event.source, want.source);
    EXPECT_EQ(got.event.type, want.type);
    EXPECT_EQ(got.event.type_id, event_type_id(want.type));
    EXPECT_EQ(got.event.subject, want.subject);
    EXPECT_EQ(got.event.has_time, want.has_time);
    if (want.has_time) {
      EXPECT_EQ(got.event.time.ms, want.time.ms);
    }
    EXPECT_EQ(got.event.data, want.data) << to_json(got.event.data);
  }
  EXPECT_TRUE(back[2].event.data["at"].is_time());
  EXPECT_EQ(back[2].event.data["at"].as_time().ms, 1741000000123);
  EXPECT_TRUE(back[2].event.data["list"].as_list()[1].is_time());
  EXPECT_TRUE(back[2].event.data["a/b~c"].is_time());
  EXPECT_TRUE(back[2].event.data["plain"].is_string());

  std::int64_t last = 0, n = 0;
  ASSERT_TRUE(log->last_seq(last).ok());
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(last, 5);
  EXPECT_EQ(n, 5);

  // Replay can start in the middle and stop early.
  auto tail = all_events(*log, 4);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].seq, 4);
  int seen = 0;
  ASSERT_TRUE(log->replay(1, [&](LoggedEvent&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);
}

TEST(EventLogRoundTrip, EventsSurviveReopenAndSeqsContinue) {
  ScratchDir dir;
  {
    auto log = must_open(dir.log());
    AppendResult r;
    ASSERT_TRUE(log->append_events({external("a"), external("b")}, r).ok());
  }
  auto log = must_open(dir.log());
  AppendResult r;
  ASSERT_TRUE(log->append_events({external("c")}, r).ok());
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].seq, 3);
  auto back = all_events(*log);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].event.id, "a");
  EXPECT_EQ(back[2].event.id, "c");
}

TEST(EventLogRoundTrip, ExternalDuplicatesAreRefusedAlsoAfterRestart) {
  ScratchDir dir;
  {
    auto log = must_open(dir.log());
    AppendResult r;
    // The second "x" in the same batch is already a duplicate of the first.
    ASSERT_TRUE(log->append_events({external("x"), external("y"), external("x")}, r).ok());
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_FALSE(r.events[0].duplicate);
    EXPECT_FALSE(r.events[1].duplicate);
    EXPECT_TRUE(r.events[2].duplicate);
    EXPECT_EQ(r.events[2].seq, r.events[0].seq);
  }
  auto log = must_open(dir.log());
  AppendResult r;
  Event other_source = make_event("x");
  other_source.source = "another/source";
  ASSERT_TRUE(log->append_events({external("x"), external("z"),
                                  {EventKind::External, other_source}},
                                 r)
                  .ok());
  EXPECT_TRUE(r.events[0].duplicate);
  EXPECT_EQ(r.events[0].seq, 1);
  EXPECT_FALSE(r.events[1].duplicate);
  EXPECT_FALSE(r.events[2].duplicate) << "the same id from another source is another event";
  std::int64_t n = 0;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 4);
  EXPECT_EQ(log->stats().duplicates, 1u);
}

TEST(EventLogRoundTrip, InternalEventsAreNeverDeduplicated) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  AppendResult r;
  ASSERT_TRUE(log->append_events({{EventKind::Timer, make_event("t")},
                                  {EventKind::Timer, make_event("t")},
                                  {EventKind::Emitted, make_event("t")},
                                  {EventKind::External, make_event("t")}},
                                 r)
                  .ok());
  for (const auto& a : r.events) EXPECT_FALSE(a.duplicate);
  std::int64_t n = 0;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 4);
}

TEST(EventLogRoundTrip, ExternalEventWithoutIdIsRefusedAndNothingIsWritten) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  Batch batch;
  batch.events.push_back(external("ok-1"));
  Event bad = make_event("");
  batch.events.push_back({EventKind::External, bad});
  batch.outbox.push_back({"k", "mail.send", "{}", false, 0, ""});
  AppendResult r;
  Status s = log->append(batch, r);
  EXPECT_EQ(s.code, Code::Invalid);
  EXPECT_NE(s.message.find("no id"), std::string::npos) << s.message;
  EXPECT_TRUE(r.events.empty());
  std::int64_t n = -1;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 0);
  std::vector<OutboxEntry> pending;
  ASSERT_TRUE(log->pending_outbox(pending).ok());
  EXPECT_TRUE(pending.empty());
}

TEST(EventLogRoundTrip, InMemoryLogBehavesTheSame) {
  auto log = must_open(":memory:");
  AppendResult r;
  ASSERT_TRUE(log->append_events({external("m1"), external("m2"), external("m1")}, r).ok());
  EXPECT_TRUE(r.events[2].duplicate);
  auto back = all_events(*log);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].event.id, "m2");
  EXPECT_EQ(log->location(), ":memory:");
}

TEST(EventLogRoundTrip, ReadOnlyOpenReadsButRefusesWrites) {
  ScratchDir dir;
  auto writer = must_open(dir.log());
  AppendResult r;
  ASSERT_TRUE(writer->append_events({external("w1")}, r).ok());

  // While the writer is open, a read-only view sees what it acknowledged.
  SqliteLogOptions ro;
  ro.read_only = true;
  auto reader = must_open(dir.log(), ro);
  ASSERT_TRUE(reader);
  ASSERT_EQ(all_events(*reader).size(), 1u);
  Status s = reader->append_events({external("w2")}, r);
  EXPECT_EQ(s.code, Code::ReadOnly);

  Status missing;
  auto none = open_sqlite_log(dir.file("nowhere.db"), ro, missing);
  EXPECT_EQ(none, nullptr);
  EXPECT_EQ(missing.code, Code::CannotOpen);
  EXPECT_NE(missing.message.find("nowhere.db"), std::string::npos);
}

TEST(EventLogRoundTrip, DataDirectoryIsCreatedAndTheFileIsNamedCohortDb) {
  ScratchDir dir;
  const std::string data_dir = dir.file("nested/data");
  const std::string path = log_path_in(data_dir);
  EXPECT_EQ(path, data_dir + "/cohort.db");
  auto log = must_open(path);
  ASSERT_TRUE(log);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(log->location(), path);
  EXPECT_TRUE(log->check_integrity().ok());
}

}  // namespace
}  // namespace cohort::store
