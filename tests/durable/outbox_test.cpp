// Calls with side effects go through the event log's outbox: written before the call is
// handed to the plugin, settled with its recorded result after. A process killed between
// the two (before the hand-over, or after it and before the record) leaves the entry
// pending; the next run makes the call again with the same idempotency key, the plugin
// does it once, and the programme ends exactly as an uninterrupted run.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include "../cli/cli_support.hpp"
#include "../cli/subprocess.hpp"
#include "value/json.hpp"

namespace fs = std::filesystem;
using namespace cohort;
using cohort::test::run_cohort;

namespace {

const std::string kProgramme = (test::kRepo / "tests/durable/fixtures/effects/programme.json").string();
const std::string kPlugin = (fs::path(COHORT_BINARY_DIR) / "tests/host/fixtures/cohort_fixture_effects").string();
constexpr int kApplicants = 8;

std::string events_text() {
  std::string out;
  for (int i = 1; i <= kApplicants; ++i) {
    const std::string s = "A" + std::to_string(i);
    out += R"({"specversion":"1.0","id":")" + s + R"(-created","source":"test/office","type":"applicant.created",)" +
           R"("subject":")" + s + R"(","time":"2025-03-0)" + std::to_string(i) +
           R"(T09:00:00Z","data":{"applicant_id":")" + s + "\"}}\n";
  }
  return out;
}

test::Outcome run(const fs::path& events, const fs::path& data, const char* crash = nullptr) {
  if (crash) ::setenv("COHORT_FIXTURE_CRASH", crash, 1);
  auto r = run_cohort({"run", kProgramme, "--events", events.string(), "--data-dir", data.string(), "--plugin-dir",
                       kPlugin, "--json"});
  ::unsetenv("COHORT_FIXTURE_CRASH");
  return r;
}

/// Every delivery the plugin handed over, one line per key, in order.
std::vector<std::string> deliveries(const fs::path& data) {
  for (const auto& e : fs::recursive_directory_iterator(data))
    if (e.path().filename() == "deliveries.log") return test::lines_of(test::read_file(e.path()));
  return {};
}

struct OutboxRow {
  std::string state;
  int attempts = 0;
  std::string last_error;
};

std::map<std::string, OutboxRow> outbox(const fs::path& data) {
  std::map<std::string, OutboxRow> rows;
  sqlite3* db = nullptr;
  const std::string path = (data / "cohort.db").string();
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << path;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT key, operation, state, attempts, last_error FROM outbox", -1, &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), "effects.deliver");
    auto& row = rows[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))];
    row.state = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    row.attempts = sqlite3_column_int(st, 3);
    row.last_error = reinterpret_cast<const char*>(sqlite3_column_text(st, 4));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

std::string histories(const fs::path& data) {
  std::string all;
  for (int i = 1; i <= kApplicants; ++i) {
    auto h = run_cohort({"history", "A" + std::to_string(i), "--data-dir", data.string(), "--plugin-dir", kPlugin,
                         "--json"});
    EXPECT_EQ(h.exit_code, 0) << h.transcript();
    all += h.out;
  }
  return all;
}

TEST(Outbox, AProcessKilledAroundTheHandOverDeliversEachCallOnceAfterTheNextRun) {
  const fs::path dir = test::scratch_dir();
  const fs::path events = dir / "events.jsonl";
  test::write_file(events, events_text());

  const fs::path reference = dir / "reference";
  auto ref = run(events, reference);
  ASSERT_EQ(ref.exit_code, 0) << ref.transcript();
  const auto delivered = deliveries(reference);
  ASSERT_EQ(delivered.size(), static_cast<std::size_t>(kApplicants));
  auto ref_outbox = outbox(reference);
  ASSERT_EQ(ref_outbox.size(), static_cast<std::size_t>(kApplicants));
  for (const auto& [key, row] : ref_outbox) {
    EXPECT_EQ(row.state, "done") << key;
    EXPECT_EQ(row.attempts, 0) << key;
  }
  const std::string ref_histories = histories(reference);
  EXPECT_NE(ref_histories.find("\"state\":\"delivered\""), std::string::npos) << ref_histories;

  // before:N dies after the outbox entry committed, before the delivery; after:N dies
  // after the delivery, before its result and completion are recorded.
  for (const char* crash : {"before:1", "before:5", "after:1", "after:4", "after:8"}) {
    SCOPED_TRACE(crash);
    const fs::path data = dir / (std::string("crash-") + crash);
    auto killed = run(events, data, crash);
    ASSERT_EQ(killed.exit_code, 128 + SIGKILL) << killed.transcript();
    const int n = std::atoi(std::strchr(crash, ':') + 1);
    const bool handed_over = std::string(crash).starts_with("after");
    EXPECT_EQ(deliveries(data).size(), static_cast<std::size_t>(handed_over ? n : n - 1));
    auto interrupted = outbox(data);
    int pending = 0;
    for (const auto& [key, row] : interrupted) pending += row.state == "pending";
    EXPECT_EQ(pending, 1);

    auto again = run(events, data);
    ASSERT_EQ(again.exit_code, 0) << again.transcript();
    EXPECT_TRUE(test::contains(again.err, "made again with the same idempotency key")) << again.err;
    Value summary = test::parse_or_fail(again.out);
    EXPECT_EQ(summary["log"]["interrupted_effects"], Value(std::int64_t{1})) << again.out;
    // Each call handed over exactly once, and the same calls as without the crash.
    EXPECT_EQ(deliveries(data), delivered);
    auto settled = outbox(data);
    ASSERT_EQ(settled.size(), ref_outbox.size());
    int retried = 0;
    for (const auto& [key, row] : settled) {
      EXPECT_EQ(row.state, "done") << key;
      if (row.attempts) {
        ++retried;
        EXPECT_TRUE(test::contains(row.last_error, "interrupted")) << row.last_error;
      }
    }
    EXPECT_EQ(retried, 1);
    EXPECT_EQ(histories(data), ref_histories);
    // A third run has nothing left to make.
    auto third = run(events, data);
    ASSERT_EQ(third.exit_code, 0) << third.transcript();
    EXPECT_EQ(test::parse_or_fail(third.out)["log"]["interrupted_effects"], Value(std::int64_t{0}));
    EXPECT_EQ(deliveries(data), delivered);
  }
}

TEST(Outbox, InspectingALogWithAnUnfinishedCallDoesNotMakeIt) {
  const fs::path dir = test::scratch_dir();
  const fs::path events = dir / "events.jsonl";
  test::write_file(events, events_text());
  const fs::path data = dir / "data";
  auto killed = run(events, data, "before:3");
  ASSERT_EQ(killed.exit_code, 128 + SIGKILL) << killed.transcript();
  ASSERT_EQ(deliveries(data).size(), 2u);
  auto listed = run_cohort({"instances", "--data-dir", data.string(), "--plugin-dir", kPlugin});
  ASSERT_EQ(listed.exit_code, 0) << listed.transcript();
  // A3 waits for its delivery (it neither failed nor moved on); A4 and later were never
  // reached by the killed run and wait for theirs too.
  EXPECT_TRUE(test::contains(listed.out, "A2                       participant  delivered")) << listed.out;
  EXPECT_TRUE(test::contains(listed.out, "A3                       participant  delivering")) << listed.out;
  EXPECT_FALSE(test::contains(listed.out, "incident")) << listed.out;
  auto shown = run_cohort({"history", "A3", "--data-dir", data.string(), "--plugin-dir", kPlugin, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.transcript();
  EXPECT_TRUE(test::contains(shown.out, "effects.deliver")) << shown.out;
  EXPECT_FALSE(test::contains(shown.out, "effects.deliver.done")) << shown.out;
  // Reading changed nothing: still two deliveries and one pending entry.
  EXPECT_EQ(deliveries(data).size(), 2u);
  int pending = 0;
  for (const auto& [key, row] : outbox(data)) pending += row.state == "pending";
  EXPECT_EQ(pending, 1);
}

}  // namespace
