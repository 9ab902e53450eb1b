#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "loader/loader.hpp"
#include "run/durable_feed.hpp"
#include "store/sqlite_log.hpp"

namespace cohort {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const model::Definition> linear() {
  std::vector<loader::Diagnostic> d;
  return loader::load_definition_text(R"json({
    "id": "participant", "version": 1, "start": ["application.submitted"], "initial": "applied",
    "states": {
      "applied":  {"on": {"selection.made": {"target": "selected"}}},
      "selected": {"on": {"visa.granted": {"target": "visa"}}},
      "visa":     {"on": {"done": {"target": "done"}}},
      "done":     {"type": "final"}
    }})json", "linear.json", {}, d);
}

std::vector<Event> events(int instances) {
  std::vector<Event> out;
  const char* types[] = {"application.submitted", "selection.made", "visa.granted"};
  for (const char* type : types)
    for (int i = 0; i < instances; ++i) {
      Event e;
      e.type = type;
      e.subject = "A" + std::to_string(i);
      e.id = e.subject + "-" + type;
      e.source = "test";
      out.push_back(std::move(e));
    }
  return out;
}

fs::path fresh(const std::string& name) {
  auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "run" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(DurableFeed, EverythingAppliedIsInTheLogAndTheLogRebuildsTheSameEngine) {
  auto dir = fresh("roundtrip");
  store::Status st;
  auto log = store::open_sqlite_log(store::log_path_in(dir.string()), {}, st);
  ASSERT_TRUE(log) << st.to_string();
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(linear());
  auto evs = events(12000);  // 36,000 events: four chunks
  auto results = run::feed_durably(*log, engine, evs);
  ASSERT_EQ(results.size(), evs.size());
  for (const auto& r : results) ASSERT_EQ(r.status, runtime::SubmitStatus::Accepted) << r.message;
  std::int64_t logged = 0;
  ASSERT_TRUE(log->count(logged).ok());
  EXPECT_EQ(logged, 36000);

  runtime::Engine rebuilt(runtime::EngineOptions{});
  rebuilt.add_definition(linear());
  run::ReplayCounts counts;
  ASSERT_TRUE(run::replay_into(*log, rebuilt, counts).ok());
  EXPECT_EQ(counts.events, 36000u);
  EXPECT_EQ(rebuilt.count_by_state("participant"), engine.count_by_state("participant"));
  EXPECT_EQ(rebuilt.count_by_state("participant")["visa"], 12000u);
}

TEST(DurableFeed, WhatCannotBeMadeDurableIsNotApplied) {
  auto dir = fresh("full");
  store::SqliteLogOptions lo;
  lo.max_page_count = 40;  // a disk that fills up within the first chunks
  store::Status st;
  auto log = store::open_sqlite_log(store::log_path_in(dir.string()), lo, st);
  ASSERT_TRUE(log) << st.to_string();
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(linear());
  auto results = run::feed_durably(*log, engine, events(12000));
  std::size_t refused = 0;
  for (const auto& r : results)
    if (r.status != runtime::SubmitStatus::Accepted) {
      ++refused;
      EXPECT_NE(r.message.find("not applied"), std::string::npos) << r.message;
    }
  ASSERT_GT(refused, 0u);
  // What the engine applied is exactly what the log holds: nothing unlogged got in.
  std::int64_t logged = 0;
  ASSERT_TRUE(log->count(logged).ok());
  EXPECT_EQ(static_cast<std::size_t>(logged), results.size() - refused);
  EXPECT_EQ(engine.stats().applied, results.size() - refused);
}

TEST(DurableFeed, AfterEachChunkTheEngineHoldsExactlyTheEventsUpToTheReportedPosition) {
  auto dir = fresh("chunks");
  store::Status st;
  auto log = store::open_sqlite_log(store::log_path_in(dir.string()), {}, st);
  ASSERT_TRUE(log) << st.to_string();
  runtime::Engine engine(runtime::EngineOptions{});
  engine.add_definition(linear());
  std::vector<std::int64_t> positions;
  std::vector<std::uint64_t> applied_then;
  run::FeedOptions fo;
  fo.chunk = 7;
  fo.after_chunk = [&](std::int64_t seq) {
    positions.push_back(seq);
    applied_then.push_back(engine.stats().applied);
  };
  auto evs = events(10);  // 30 events: chunks of 7, 7, 7, 7 and 2
  auto results = run::feed_durably(*log, engine, evs, fo);
  ASSERT_EQ(results.size(), 30u);
  EXPECT_EQ(positions, (std::vector<std::int64_t>{7, 14, 21, 28, 30}));
  // A snapshot taken in the hook belongs at that position: nothing later was applied yet.
  EXPECT_EQ(applied_then, (std::vector<std::uint64_t>{7, 14, 21, 28, 30}));

  // Fed again, every event is a duplicate: nothing new, the position stays at the end.
  positions.clear();
  run::feed_durably(*log, engine, evs, fo);
  EXPECT_EQ(positions, (std::vector<std::int64_t>{30, 30, 30, 30, 30}));
}

}  // namespace
}  // namespace cohort
