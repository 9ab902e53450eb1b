// `cohort generate`: a programme's events file, the same for the same seed.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "cli_support.hpp"
#include "value/time.hpp"

using namespace cohort;
using namespace cohort::test;

namespace {

std::vector<std::string> generate_args(int applicants, int seed) {
  std::vector<std::string> args = {"generate", (kProgrammes / "ict-2025.json").string(), "--applicants",
                                   std::to_string(applicants), "--seed", std::to_string(seed)};
  add_workflow_plugins(args);
  return args;
}

}  // namespace

TEST(Generate, TheSameSeedGivesTheSameFileAndAnotherSeedAnother) {
  auto a = run_cohort(generate_args(40, 7));
  auto b = run_cohort(generate_args(40, 7));
  auto c = run_cohort(generate_args(40, 8));
  ASSERT_EQ(a.exit_code, 0) << a.transcript();
  ASSERT_EQ(b.exit_code, 0) << b.transcript();
  ASSERT_EQ(c.exit_code, 0) << c.transcript();
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
}

TEST(Generate, EveryLineIsACloudEventInTimeOrder) {
  auto r = run_cohort(generate_args(40, 3));
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const auto lines = lines_of(r.out);
  ASSERT_GT(lines.size(), 40u);
  std::set<std::string> ids, subjects, types;
  std::optional<Timestamp> previous;
  for (const auto& line : lines) {
    const Value e = parse_or_fail(line);
    ASSERT_TRUE(e.is_object()) << line;
    EXPECT_EQ(e["specversion"], Value("1.0")) << line;
    for (const char* attr : {"id", "source", "type", "subject", "time"})
      ASSERT_TRUE(e[attr].is_string() && !e[attr].as_string().empty()) << attr << " in " << line;
    EXPECT_TRUE(ids.insert(e["source"].as_string() + " " + e["id"].as_string()).second) << "duplicate id: " << line;
    auto t = parse_iso_datetime(e["time"].as_string());
    ASSERT_TRUE(t.has_value()) << line;
    if (previous) {
      EXPECT_LT(previous->ms, t->ms) << "times must increase: " << line;
    }
    previous = t;
    subjects.insert(e["subject"].as_string());
    types.insert(e["type"].as_string());
  }
  // 40 applicants (ICT-2025-A0001...) and nothing else: the programme instance is the runtime's.
  EXPECT_EQ(subjects.size(), 40u);
  for (const auto& s : subjects) EXPECT_TRUE(std::regex_match(s, std::regex("ICT-2025-A[0-9]{4}"))) << s;
  EXPECT_TRUE(types.count("application.started"));
  EXPECT_TRUE(types.count("application.submitted"));
  EXPECT_TRUE(types.count("review.submitted"));
  // The summary goes to stderr, with the date to run the file to.
  EXPECT_TRUE(std::regex_search(r.err, std::regex("generated [0-9]+ events for 40 applicants of ICT-2025; run them "
                                                  "with --until 20[0-9-]+T")))
      << r.err;
}

TEST(Generate, OutputOptionWritesTheFileAndNothingToStdout) {
  const auto dir = scratch_dir();
  auto to_stdout = run_cohort(generate_args(30, 5));
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.transcript();
  for (const char* flag : {"-o", "--output"}) {
    const auto file = dir / (std::string("events") + flag + ".jsonl");
    auto args = generate_args(30, 5);
    args.push_back(flag);
    args.push_back(file.string());
    auto r = run_cohort(args);
    ASSERT_EQ(r.exit_code, 0) << r.transcript();
    EXPECT_EQ(r.out, "") << flag;
    EXPECT_EQ(read_file(file), to_stdout.out) << flag;
  }
}

TEST(Generate, AnUnwritableOutputIsAnError) {
  const auto dir = scratch_dir();
  auto args = generate_args(5, 1);
  args.push_back("-o");
  args.push_back((dir / "no" / "such" / "folder" / "e.jsonl").string());
  auto r = run_cohort(args);
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "cannot write")) << r.err;
  EXPECT_TRUE(contains(r.err, "e.jsonl")) << r.err;
  // Refused up front, not after simulating the whole programme.
  EXPECT_FALSE(contains(r.err, "generated ")) << r.err;
}

TEST(Generate, BadArgumentsAreRefused) {
  auto zero = run_cohort(generate_args(0, 1));
  EXPECT_EQ(zero.exit_code, 2) << zero.transcript();
  EXPECT_TRUE(contains(zero.err, "--applicants")) << zero.err;

  const auto dir = scratch_dir();
  auto missing = run_cohort({"generate", (dir / "nope.json").string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.transcript();
  EXPECT_TRUE(contains(missing.err, "nope.json")) << missing.err;

  write_file(dir / "broken.json", "{\"id\": \"X-2025\",\n");
  auto broken = run_cohort({"generate", (dir / "broken.json").string(), "--plugin-dir", kRulesPlugin.string()});
  EXPECT_EQ(broken.exit_code, 1) << broken.transcript();
  EXPECT_TRUE(contains(broken.err, "broken.json:")) << broken.err;
  EXPECT_EQ(broken.out, "");
}

TEST(Generate, WithoutTheRulesPluginItExplainsWhatIsMissing) {
  auto r = run_cohort({"generate", (kProgrammes / "ict-2025.json").string(), "--applicants", "5", "--plugin-dir",
                   (kPlugins / "audit").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.err, "eligibility.check")) << r.err;
  EXPECT_EQ(r.out, "");
}
