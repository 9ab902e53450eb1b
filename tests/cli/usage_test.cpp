// How `cohort` answers a user who asks for help or types something it does not know.
#include <gtest/gtest.h>

#include "cli_support.hpp"

using namespace cohort;
using namespace cohort::test;

namespace {

struct HelpCase {
  std::vector<std::string> command;
  std::vector<std::string> mentions;  ///< options and words its help must show
};

}  // namespace

TEST(Usage, HelpWorksOnEveryCommandAndSubcommand) {
  const std::vector<HelpCase> cases = {
      {{}, {"validate", "graph", "plugins", "generate", "run", "bench", "--log-level", "--version"}},
      {{"validate"}, {"--plugin-dir", "--no-plugins", "FILE:LINE:COLUMN"}},
      {{"graph"}, {"--format", "mermaid"}},
      {{"plugins"}, {"list", "inspect"}},
      {{"plugins", "list"}, {"--plugin-dir", "--json"}},
      {{"plugins", "inspect"}, {"--json", "file"}},
      {{"generate"}, {"--applicants", "--seed", "--plugin-dir", "--output", "-o", "--data-dir"}},
      {{"run"}, {"--events", "--data-dir", "--until", "--plugin-dir", "--threads", "--json"}},
      {{"bench"}, {"--instances", "--threads", "--json"}},
  };
  for (const auto& c : cases) {
    for (const char* flag : {"--help", "-h"}) {
      auto args = c.command;
      args.push_back(flag);
      auto r = run_cohort(args);
      const std::string what = "cohort " + (c.command.empty() ? std::string() : c.command.back() + " ") + flag;
      EXPECT_EQ(r.exit_code, 0) << what << "\n" << r.transcript();
      EXPECT_TRUE(contains(r.out, "Usage:")) << what << "\n" << r.out;
      for (const auto& m : c.mentions) EXPECT_TRUE(contains(r.out, m)) << what << " should mention " << m;
    }
  }
}

TEST(Usage, VersionIsPrinted) {
  auto r = run_cohort({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_EQ(r.out.rfind("cohort ", 0), 0u) << r.out;
}

TEST(Usage, NoCommandIsAUsageErrorListingTheCommands) {
  auto r = run_cohort({});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "command is required")) << r.err;
  for (const char* command : {"validate", "run", "import", "export", "verify", "migrate", "retry"})
    EXPECT_TRUE(contains(r.err, command)) << command << " is not listed: " << r.err;
  EXPECT_TRUE(contains(r.err, "validate")) << r.err;
  EXPECT_TRUE(contains(r.err, "--help")) << r.err;
}

TEST(Usage, AnUnknownCommandIsNamed) {
  auto r = run_cohort({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "frobnicate")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Usage, AnUnknownOptionIsNamed) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--frob"}, {"validate", (kWorkflows / "programme.json").string(), "--frob"},
        {"graph", (kWorkflows / "programme.json").string(), "--frob"}, {"plugins", "list", "--frob"},
        {"bench", "--frob"}, {"run", (kProgrammes / "ict-2025.json").string(), "--frob"}}) {
    auto r = run_cohort(args);
    EXPECT_EQ(r.exit_code, 2) << args.front() << "\n" << r.transcript();
    EXPECT_TRUE(contains(r.err, "--frob") || contains(r.err, "is required")) << args.front() << "\n" << r.err;
  }
  // Once the required arguments are there, the stray option itself is named.
  auto r = run_cohort({"graph", (kWorkflows / "programme.json").string(), "--frob"});
  EXPECT_TRUE(contains(r.err, "--frob")) << r.err;
}

TEST(Usage, PluginsNeedsASubcommandAndNamesAnUnknownOne) {
  auto none = run_cohort({"plugins"});
  EXPECT_EQ(none.exit_code, 2) << none.transcript();
  EXPECT_TRUE(contains(none.err, "list")) << none.err;
  auto unknown = run_cohort({"plugins", "frob"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.transcript();
  EXPECT_TRUE(contains(unknown.err, "frob")) << unknown.err;
}

TEST(Usage, ABadOptionValueIsRejected) {
  auto level = run_cohort({"--log-level", "loud", "bench", "--instances", "10"});
  EXPECT_EQ(level.exit_code, 2) << level.transcript();
  EXPECT_TRUE(contains(level.err, "loud")) << level.err;
  auto count = run_cohort({"bench", "--instances", "many"});
  EXPECT_EQ(count.exit_code, 2) << count.transcript();
  EXPECT_TRUE(contains(count.err, "many")) << count.err;
}

TEST(Bench, JsonReportsAPositiveThroughput) {
  // A small part (b) programme keeps the test quick; part (a) is what is asserted.
  auto r = run_cohort({"bench", "--instances", "2000", "--applicants", "60", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const Value v = parse_or_fail(r.out);
  ASSERT_TRUE(v["events_per_s"].is_number()) << r.out;
  EXPECT_GT(v["events_per_s"].as_number(), 0.0) << r.out;
  EXPECT_EQ(v["instances"], Value(2000)) << r.out;
  // A 5-state linear workflow: four events per instance.
  EXPECT_EQ(v["events"], Value(8000)) << r.out;
  ASSERT_TRUE(v["programme"].is_object()) << r.out;
  EXPECT_EQ(v["programme"]["applicants"], Value(60)) << r.out;
  EXPECT_GT(v["programme"]["events_per_s"].as_number(), 0.0) << r.out;
}

TEST(Bench, TextNamesWhatWasMeasured) {
  auto r = run_cohort({"bench", "--instances", "500", "--threads", "1", "--skip-programme"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_TRUE(contains(r.out, "500 instances")) << r.out;
  EXPECT_TRUE(contains(r.out, "events/s")) << r.out;
}

TEST(Bench, DurablePartLogsRecoversAndReportsIt) {
  const auto dir = std::filesystem::path(COHORT_BINARY_DIR) / "test-output" / "cli" /
                   ("bench-durable-" + std::to_string(::getpid()));
  auto r = run_cohort({"bench", "--instances", "100", "--skip-programme", "--durable", "3000", "--durable-dir",
                       dir.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const Value v = parse_or_fail(r.out);
  ASSERT_TRUE(v["durable"].is_object()) << r.out;
  EXPECT_EQ(v["durable"]["events"], Value(15000)) << r.out;  // five events per instance
  EXPECT_GT(v["durable"]["replay_events_per_s"].as_number(), 0.0) << r.out;
  // Opening is part of the recovery time, and reported on its own.
  EXPECT_GT(v["durable"]["open_seconds"].as_number(), 0.0) << r.out;
  EXPECT_GT(v["durable"]["log_bytes"].as_int(), 0) << r.out;
  // The snapshot it stored was restored (the run fails when the restore does not bring
  // every instance back) and its size and speed reported.
  EXPECT_GT(v["durable"]["snapshot_bytes"].as_int(), 0) << r.out;
  EXPECT_GT(v["durable"]["snapshot_recovery_events_per_s"].as_number(), 0.0) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir)) << "the benchmark's log is removed afterwards";
}
