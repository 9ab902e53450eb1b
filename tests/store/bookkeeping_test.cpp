// Snapshots, recorded call results and the outbox: what replay needs so it never runs a
// side effect twice, written in the same transaction as the events that caused it.

#include <gtest/gtest.h>

#include "store/event_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::external;
using testing::must_open;
using testing::ScratchDir;

TEST(Snapshots, LatestWinsSurvivesReopenAndOldOnesArePruned) {
  ScratchDir dir;
  {
    SqliteLogOptions options;
    options.keep_snapshots = 2;
    auto log = must_open(dir.log(), options);
    Snapshot snap;
    bool found = true;
    ASSERT_TRUE(log->latest_snapshot(snap, found).ok());
    EXPECT_FALSE(found);
    AppendResult r;
    ASSERT_TRUE(log->append_events({external("a"), external("b"), external("c")}, r).ok());
    std::string binary("state\0with\xff bytes", 17);
    ASSERT_TRUE(log->put_snapshot(1, "one").ok());
    ASSERT_TRUE(log->put_snapshot(3, binary).ok());
    ASSERT_TRUE(log->put_snapshot(2, "two").ok());
    ASSERT_TRUE(log->latest_snapshot(snap, found).ok());
    ASSERT_TRUE(found);
    EXPECT_EQ(snap.seq, 3);
    EXPECT_EQ(snap.blob, binary);
    EXPECT_GT(snap.created_at_ms, 0);
  }
  auto log = must_open(dir.log());
  Snapshot snap;
  bool found = false;
  ASSERT_TRUE(log->latest_snapshot(snap, found).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(snap.seq, 3);
  EXPECT_EQ(snap.blob.size(), 17u);
  // Replay after the snapshot gives only what it does not cover.
  std::vector<std::string> ids;
  ASSERT_TRUE(log->replay(snap.seq + 1, [&](LoggedEvent& e) {
                   ids.push_back(e.event.id);
                   return true;
                 }).ok());
  EXPECT_TRUE(ids.empty());
}

TEST(CallResults, RecordedResultIsFoundAfterRestartAndTheFirstOneWins) {
  ScratchDir dir;
  {
    auto log = must_open(dir.log());
    CallRecord ok{"app-1/1/1", "mail.send", true, R"({"message_id":"m-1"})", "", "", 0};
    ASSERT_TRUE(log->record_call_result(ok).ok());
    CallRecord failed{"app-1/2/1", "docs.render", false, "", "timeout", "no answer in 5s", 0};
    ASSERT_TRUE(log->record_call_result(failed).ok());
    // A replayed attempt that would record another result keeps the first.
    CallRecord again{"app-1/1/1", "mail.send", true, R"({"message_id":"m-2"})", "", "", 0};
    ASSERT_TRUE(log->record_call_result(again).ok());
  }
  auto log = must_open(dir.log());
  CallRecord got;
  bool found = false;
  ASSERT_TRUE(log->find_call_result("app-1/1/1", got, found).ok());
  ASSERT_TRUE(found);
  EXPECT_TRUE(got.ok);
  EXPECT_EQ(got.operation, "mail.send");
  EXPECT_EQ(got.result_json, R"({"message_id":"m-1"})");
  EXPECT_GT(got.recorded_at_ms, 0);

  ASSERT_TRUE(log->find_call_result("app-1/2/1", got, found).ok());
  ASSERT_TRUE(found);
  EXPECT_FALSE(got.ok);
  EXPECT_EQ(got.code, "timeout");
  EXPECT_EQ(got.message, "no answer in 5s");

  ASSERT_TRUE(log->find_call_result("app-1/3/1", got, found).ok());
  EXPECT_FALSE(found);
}

TEST(Outbox, EntriesCommitWithTheirTransitionAndAreSettledByTheirResult) {
  ScratchDir dir;
  {
    auto log = must_open(dir.log());
    // The transition's event and the calls it decided go in one batch.
    Batch step;
    step.events.push_back(external("admit-1", "app-1"));
    step.outbox.push_back({"app-1/1/1", "mail.send", R"({"to":"a@example.org"})", false, 0, ""});
    step.outbox.push_back({"app-1/2/1", "docs.render", R"({"doc":"letter"})", false, 0, ""});
    AppendResult r;
    ASSERT_TRUE(log->append(step, r).ok());

    std::vector<OutboxEntry> pending;
    ASSERT_TRUE(log->pending_outbox(pending).ok());
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].key, "app-1/1/1");
    EXPECT_EQ(pending[0].operation, "mail.send");
    EXPECT_EQ(pending[0].args_json, R"({"to":"a@example.org"})");
    EXPECT_EQ(pending[1].key, "app-1/2/1");

    // Enqueuing the same key again (a replay of the same step) changes nothing.
    Batch replayed;
    replayed.outbox.push_back({"app-1/1/1", "mail.send", R"({"to":"other"})", false, 0, ""});
    ASSERT_TRUE(log->append(replayed, r).ok());

    // A failed attempt is counted; the result event, the record and the settling of the
    // entry then commit together.
    Batch failure;
    failure.outbox_failures.push_back({"app-1/1/1", "smtp: connection refused"});
    ASSERT_TRUE(log->append(failure, r).ok());
    Batch settle;
    Event done = testing::make_event("app-1/1/1", "app-1", "mail.send.done");
    done.source = "cohort/plugin";
    settle.events.push_back({EventKind::CallResult, done});
    settle.call_results.push_back({"app-1/1/1", "mail.send", true, "{}", "", "", 0});
    settle.outbox_done.push_back("app-1/1/1");
    ASSERT_TRUE(log->append(settle, r).ok());
  }
  auto log = must_open(dir.log());
  std::vector<OutboxEntry> pending;
  ASSERT_TRUE(log->pending_outbox(pending).ok());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].key, "app-1/2/1");
  EXPECT_EQ(pending[0].attempts, 0);
  CallRecord rec;
  bool found = false;
  ASSERT_TRUE(log->find_call_result("app-1/1/1", rec, found).ok());
  EXPECT_TRUE(found);

  // record_call_result settles the entry with the same key by itself.
  ASSERT_TRUE(log->record_call_result({"app-1/2/1", "docs.render", false, "", "error", "bad", 0}).ok());
  ASSERT_TRUE(log->pending_outbox(pending).ok());
  EXPECT_TRUE(pending.empty());
}

TEST(Outbox, FailedAttemptsAreCountedWithTheLastError) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  Batch b;
  b.outbox.push_back({"k1", "webhook.post", "{}", false, 0, ""});
  AppendResult r;
  ASSERT_TRUE(log->append(b, r).ok());
  for (int i = 0; i < 3; ++i) {
    Batch f;
    f.outbox_failures.push_back({"k1", "HTTP 50" + std::to_string(i)});
    ASSERT_TRUE(log->append(f, r).ok());
  }
  std::vector<OutboxEntry> pending;
  ASSERT_TRUE(log->pending_outbox(pending, 10).ok());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempts, 3);
  EXPECT_EQ(pending[0].last_error, "HTTP 502");
}

}  // namespace
}  // namespace cohort::store
