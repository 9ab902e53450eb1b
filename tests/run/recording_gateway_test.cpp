// The outbox side of RecordingGateway: a call with side effects is made only once its
// outbox entry is on disk. When the entry cannot be written, the call is not made and
// does not count as an attempt: the instance keeps waiting for it (no retry with a new
// key, no failure path), and the log failure is reported.
#include <gtest/gtest.h>

#include "../runtime/engine_fixture.hpp"
#include "run/recording_gateway.hpp"
#include "store/sqlite_log.hpp"

namespace cohort {
namespace {

/// A real (in-memory) log whose appends fail while `full` is set, like a full disk.
class FillingLog : public store::EventLog {
 public:
  FillingLog() {
    store::Status st;
    inner_ = store::open_sqlite_log(":memory:", {}, st);
    EXPECT_TRUE(inner_) << st.to_string();
  }
  bool full = false;
  store::Status append(const store::Batch& b, store::AppendResult& r) override {
    if (full) return {store::Code::DiskFull, "the disk is full (test)"};
    return inner_->append(b, r);
  }
  store::Status replay(std::int64_t from, const store::ReplayVisitor& v) override { return inner_->replay(from, v); }
  store::Status find_call_result(std::string_view k, store::CallRecord& o, bool& f) override {
    return inner_->find_call_result(k, o, f);
  }
  store::Status latest_snapshot(store::Snapshot& o, bool& f) override { return inner_->latest_snapshot(o, f); }
  store::Status pending_outbox(std::vector<store::OutboxEntry>& o, std::size_t limit) override {
    return inner_->pending_outbox(o, limit);
  }
  store::Status definition_versions(std::vector<store::DefinitionVersion>& o) override {
    return inner_->definition_versions(o);
  }
  store::Status admin_records(std::vector<store::AdminRecord>& o) override { return inner_->admin_records(o); }
  store::Status last_seq(std::int64_t& o) override { return inner_->last_seq(o); }
  store::Status count(std::int64_t& o) override { return inner_->count(o); }
  store::Status check_integrity() override { return inner_->check_integrity(); }
  store::LogStats stats() const override { return inner_->stats(); }
  const std::string& location() const override { return inner_->location(); }

 private:
  std::unique_ptr<store::EventLog> inner_;
};

const char* kMail = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "start": ["applied"], "initial": "offered",
  "states": {
    "offered": {
      "entry": [{"call": "mail.send", "retry": {"attempts": 3, "backoff": "PT1M"}, "on_error": "unmailed"}],
      "on": {"mail.send.done": {"target": "mailed"}}},
    "mailed": {"type": "final"},
    "unmailed": {"type": "final"}
  }})json";

TEST(RecordingGateway, ASideEffectWhoseOutboxEntryCannotBeWrittenIsNotMadeAndTheInstanceWaits) {
  testing::ScriptedGateway plugins;
  plugins.effects = {"mail.send"};
  plugins.on("mail.send", [](const runtime::CallRequest&) { return runtime::CallOutcome{true, "{}", "", "", false}; });
  FillingLog log;
  run::RecordingGateway recorder(plugins, log);
  runtime::EngineOptions o;
  o.plugins = &recorder;
  runtime::Engine engine(o);
  engine.add_definition(testing::definition(kMail));

  log.full = true;
  engine.feed({testing::event("applied", "A", "A-1", "2025-01-01T00:00:00Z")});
  engine.advance_to(testing::at("2025-01-02T00:00:00Z"));  // past every backoff
  EXPECT_TRUE(plugins.keys.empty()) << "made without its outbox entry";
  auto v = engine.instance("A");
  EXPECT_EQ(v->state, "offered");  // neither retried with a new key nor sent down on_error
  EXPECT_TRUE(v->blocked);
  EXPECT_EQ(recorder.unrecorded_calls(), 1u);
  EXPECT_NE(recorder.first_record_failure().find("the disk is full"), std::string::npos)
      << recorder.first_record_failure();

  // With room on the disk, the same call goes through the outbox and is made once.
  log.full = false;
  engine.submit(testing::event("applied", "B", "B-1"));
  engine.drain();
  EXPECT_EQ(plugins.keys, (std::vector<std::string>{"B/1/1"}));
  EXPECT_EQ(engine.instance("B")->state, "mailed");
  std::vector<store::OutboxEntry> pending;
  ASSERT_TRUE(log.pending_outbox(pending, SIZE_MAX).ok());
  EXPECT_TRUE(pending.empty());
  store::CallRecord recorded;
  bool found = false;
  ASSERT_TRUE(log.find_call_result("B/1/1", recorded, found).ok());
  EXPECT_TRUE(found);
  EXPECT_TRUE(recorded.ok);
}

}  // namespace
}  // namespace cohort

namespace cohort {
namespace {

TEST(RecordingGateway, InterruptedEntriesTheReplayNeverReachesAreSettledAfterIt) {
  // A pending entry whose call the replay did not decide again was decided before the
  // snapshot the replay started from: made, and its outcome is in the engine's state.
  testing::ScriptedGateway plugins;
  FillingLog log;
  store::Batch b;
  b.outbox.push_back(store::OutboxEntry{"A/1/1", "mail.send", "{}", false, 0, {}});
  store::AppendResult r;
  ASSERT_TRUE(log.append(b, r).ok());
  run::RecordingGateway recorder(plugins, log);
  EXPECT_EQ(recorder.load_interrupted(), 1u);
  EXPECT_EQ(recorder.settle_unreached(), 1u);
  std::vector<store::OutboxEntry> pending;
  ASSERT_TRUE(log.pending_outbox(pending, SIZE_MAX).ok());
  EXPECT_TRUE(pending.empty());
  EXPECT_EQ(recorder.settle_unreached(), 0u);
  EXPECT_TRUE(plugins.keys.empty());  // settled, not made again
}

}  // namespace
}  // namespace cohort
