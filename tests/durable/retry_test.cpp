// `cohort retry SUBJECT`: one more attempt of the failed call of an instance parked in
// incident, recorded in the log; refused, with the reason and nothing changed, for an
// instance that does not exist or is not in incident.
#include <gtest/gtest.h>

#include <filesystem>

#include "../cli/cli_support.hpp"
#include "../cli/subprocess.hpp"
#include "value/json.hpp"

namespace fs = std::filesystem;
using namespace cohort;
using cohort::test::run_cohort;

namespace {

const std::string kProgramme = (test::kRepo / "tests/durable/fixtures/retrying/programme.json").string();
const std::string kPlugins = (fs::path(COHORT_BINARY_DIR) / "tests/host/fixtures/cohort_fixture_misbehaving").string();

std::vector<std::string> with_dir(std::vector<std::string> args, const std::string& data) {
  args.insert(args.end(), {"--data-dir", data, "--plugin-dir", kPlugins});
  return args;
}

std::size_t attempts_in(const Value& history) {
  std::size_t n = 0;
  for (const auto& h : history["history"].as_list())
    if (h["kind"] == Value("call")) ++n;
  return n;
}

TEST(Retry, MakesOneMoreAttemptOfAnIncidentAndRefusesAnythingElse) {
  const fs::path dir = test::scratch_dir();
  test::write_file(dir / "events.jsonl",
                   R"({"specversion":"1.0","id":"R1-created","source":"test/office","type":"applicant.created",)"
                   R"("subject":"R1","time":"2025-03-02T09:00:00Z","data":{"applicant_id":"R1"}})"
                   "\n");
  const std::string data = (dir / "data").string();
  auto run = run_cohort(with_dir({"run", kProgramme, "--events", (dir / "events.jsonl").string()}, data));
  ASSERT_EQ(run.exit_code, 0) << run.transcript();
  auto before = run_cohort(with_dir({"history", "R1", "--json"}, data));
  ASSERT_EQ(before.exit_code, 0) << before.transcript();
  Value h0 = test::parse_or_fail(before.out);
  ASSERT_EQ(h0["state"], Value("incident"));
  ASSERT_EQ(attempts_in(h0), 1u);

  // Refusals: exit 1, the reason, and the stored run is as it was.
  auto nobody = run_cohort(with_dir({"retry", "NOBODY"}, data));
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_TRUE(test::contains(nobody.err, "no instance has subject 'NOBODY'")) << nobody.err;
  auto running = run_cohort(with_dir({"retry", "RETRY-2025"}, data));
  EXPECT_EQ(running.exit_code, 1);
  EXPECT_TRUE(test::contains(running.err, "is in state 'running', not parked in incident")) << running.err;
  auto unchanged = run_cohort(with_dir({"history", "R1", "--json"}, data));
  EXPECT_EQ(unchanged.out, before.out);

  // A retry: a second attempt with its own idempotency key; the system still refuses, so
  // R1 is parked again, and the attempt is kept (a reopened log replays it).
  auto retried = run_cohort(with_dir({"retry", "R1"}, data));
  ASSERT_EQ(retried.exit_code, 0) << retried.transcript();
  EXPECT_TRUE(test::contains(retried.out, "R1: retried; now in state incident")) << retried.out;
  EXPECT_TRUE(test::contains(retried.err, "failed again on an administrator's retry (attempt 2)")) << retried.err;
  // Reopening replays the first attempt's failure silently: it was reported when it happened.
  EXPECT_FALSE(test::contains(retried.err, "attempt 1/1 failed")) << retried.err;
  EXPECT_FALSE(test::contains(unchanged.err, "failed")) << unchanged.err;
  auto after = run_cohort(with_dir({"history", "R1", "--json"}, data));
  ASSERT_EQ(after.exit_code, 0) << after.transcript();
  Value h1 = test::parse_or_fail(after.out);
  EXPECT_EQ(h1["state"], Value("incident"));
  EXPECT_EQ(attempts_in(h1), 2u);
  EXPECT_TRUE(test::contains(after.out, "bad.error key=R1/1/2")) << after.out;
  // Rebuilt from the log alone (no snapshot), the retry is still there.
  auto from_log = run_cohort(with_dir({"history", "R1", "--json", "--from-log"}, data));
  EXPECT_EQ(from_log.out, after.out);
}

}  // namespace
