// Snapshots bound recovery time; the log stays the source of truth: an instance rebuilt
// from the latest snapshot plus the events after it equals the one rebuilt from the log
// alone, and both equal an uninterrupted run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../cli/cli_support.hpp"
#include "../cli/subprocess.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace fs = std::filesystem;
using namespace cohort;
using cohort::test::run_cohort;

namespace {

const std::string kPluginDir = test::kPlugins.string();

std::string programme() { return (test::kRepo / "workflows/programmes/glc-2025.json").string(); }

test::Outcome inspect(std::vector<std::string> args, const std::string& data, bool from_log) {
  args.insert(args.end(), {"--data-dir", data, "--json", "--plugin-dir", kPluginDir});
  if (from_log) args.push_back("--from-log");
  return run_cohort(args);
}

TEST(Snapshot, SnapshotPlusTailEqualsTheLogAloneAndAnUninterruptedRun) {
  const fs::path dir = test::scratch_dir();
  auto gen = run_cohort({"generate", programme(), "--applicants", "120", "--seed", "11", "--plugin-dir", kPluginDir});
  ASSERT_EQ(gen.exit_code, 0) << gen.transcript();
  test::write_file(dir / "all.jsonl", gen.out);
  const auto split = *parse_iso_datetime("2025-01-10T00:00:00Z");
  {
    std::ofstream first(dir / "first.jsonl"), second(dir / "second.jsonl");
    for (const auto& line : test::lines_of(gen.out)) {
      Value e = test::parse_or_fail(line);
      (*parse_iso_datetime(e["time"].as_string()) < split ? first : second) << line << "\n";
    }
  }
  const std::string split_dir = (dir / "split").string(), whole_dir = (dir / "whole").string();
  // The first part stops at its last event (no --until): its clock must not run ahead of
  // the second part's events.
  auto run = [&](const std::string& events, const std::string& data, bool to_the_end) {
    std::vector<std::string> args{"run", programme(), "--events", (dir / events).string(), "--data-dir", data,
                                  "--plugin-dir", kPluginDir};
    if (to_the_end) args.insert(args.end(), {"--until", "2025-04-20"});
    return run_cohort(args);
  };
  ASSERT_EQ(run("first.jsonl", split_dir, false).exit_code, 0);
  auto continued = run("second.jsonl", split_dir, true);
  ASSERT_EQ(continued.exit_code, 0) << continued.transcript();
  EXPECT_TRUE(test::contains(continued.err, "from the snapshot after event")) << continued.err;
  ASSERT_EQ(run("all.jsonl", whole_dir, true).exit_code, 0);

  auto from_snapshot = inspect({"instances"}, split_dir, false);
  auto from_log = inspect({"instances"}, split_dir, true);
  auto uninterrupted = inspect({"instances"}, whole_dir, true);
  ASSERT_EQ(from_snapshot.exit_code, 0) << from_snapshot.transcript();
  EXPECT_TRUE(from_snapshot.out == from_log.out) << "snapshot + tail differs from the log alone";
  EXPECT_TRUE(from_snapshot.out == uninterrupted.out) << "a run in two parts differs from an uninterrupted run";

  // Data and history of a sample, in every state the programme reached.
  Value listing = test::parse_or_fail(from_snapshot.out);
  std::map<std::string, std::string> sample;  // state -> subject
  for (const auto& row : listing["instances"].as_list()) sample.emplace(row["state"].as_string(), row["subject"].as_string());
  ASSERT_GE(sample.size(), 5u);
  for (const auto& [state, subject] : sample) {
    auto a = inspect({"history", subject}, split_dir, false);
    auto b = inspect({"history", subject}, split_dir, true);
    ASSERT_EQ(a.exit_code, 0) << a.transcript();
    EXPECT_TRUE(a.out == b.out) << subject << " (" << state << "): snapshot + tail\n" << a.out << "\nlog alone\n" << b.out;
    Value h = test::parse_or_fail(a.out);
    EXPECT_FALSE(h["history"].as_list().empty()) << subject;
  }
}

}  // namespace
