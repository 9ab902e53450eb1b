// Definition versions in a stored run, as an administrator meets them: deploy a changed
// workflow while people are in the programme, see who runs on which version, migrate.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../cli/cli_support.hpp"
#include "../cli/subprocess.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace fs = std::filesystem;
using namespace cohort;
using cohort::test::run_cohort;

namespace {

struct Instance {
  std::string version, state;
  bool operator==(const Instance&) const = default;
};

class Versions : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::scratch_dir() / "versions";
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "programmes");
    fs::create_directories(dir_ / "default");
    // A private copy of the workflows, so the test can deploy a changed one.
    fs::copy_file(test::kRepo / "workflows/programmes/glc-2025.json", dir_ / "programmes/glc.json");
    for (const char* f : {"participant.json", "programme.json"})
      fs::copy_file(test::kRepo / "workflows/default" / f, dir_ / "default" / f);
    programme_ = (dir_ / "programmes/glc.json").string();
    data_ = (dir_ / "var").string();

    auto gen = run_cohort({"generate", programme_, "--applicants", "150", "--seed", "7", "--plugin-dir",
                           test::kPlugins.string()});
    ASSERT_EQ(gen.exit_code, 0) << gen.transcript();
    // Three slices by time: the call, then selection and offers, then the rest.
    const auto split1 = *parse_iso_datetime("2024-12-01T00:00:00Z");
    const auto split2 = *parse_iso_datetime("2025-01-20T00:00:00Z");
    std::ofstream part[3] = {std::ofstream(dir_ / "part1.jsonl"), std::ofstream(dir_ / "part2.jsonl"),
                             std::ofstream(dir_ / "part3.jsonl")};
    for (const auto& line : test::lines_of(gen.out)) {
      Value e = test::parse_or_fail(line);
      const auto t = parse_iso_datetime(e["time"].as_string());
      ASSERT_TRUE(t) << line;
      part[*t < split1 ? 0 : *t < split2 ? 1 : 2] << line << "\n";
    }
  }

  test::Outcome run_part(int n, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run", programme_, "--events", (dir_ / ("part" + std::to_string(n) + ".jsonl")).string(),
                                  "--data-dir", data_, "--plugin-dir", test::kPlugins.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cohort(args);
  }

  std::map<std::string, Instance> participants() {
    auto out = run_cohort({"instances", "--data-dir", data_, "--definition", "participant", "--json",
                           "--plugin-dir", test::kPlugins.string()});
    EXPECT_EQ(out.exit_code, 0) << out.transcript();
    std::map<std::string, Instance> result;
    Value v = test::parse_or_fail(out.out);
    for (const auto& row : v["instances"].as_list())
      result[row["subject"].as_string()] = {row["version"].as_string(), row["state"].as_string()};
    return result;
  }

  /// Version 2 renames the state "waitlisted" to "on_waitlist".
  void deploy_version_two() {
    const fs::path p = dir_ / "default/participant.json";
    std::string text = test::read_file(p);
    std::string::size_type at = 0;
    int replaced = 0;
    while ((at = text.find("\"waitlisted\"", at)) != std::string::npos) {
      text.replace(at, 12, "\"on_waitlist\"");
      ++replaced;
    }
    ASSERT_GE(replaced, 2);  // the state and the transition into it
    test::write_file(p, text);
  }

  fs::path write_plan(const std::string& name, const std::string& json) {
    const fs::path p = dir_ / name;
    test::write_file(p, json);
    return p;
  }

  fs::path dir_;
  std::string programme_, data_;
};

TEST_F(Versions, RunningInstancesStayOnTheirVersionAndAMigrationMovesThemAllOrNothing) {
  ASSERT_EQ(run_part(1).exit_code, 0);
  auto before = participants();
  ASSERT_FALSE(before.empty());
  const std::string v1 = before.begin()->second.version;
  for (const auto& [subject, in] : before) ASSERT_EQ(in.version, v1) << subject;

  deploy_version_two();
  auto second = run_part(2);
  ASSERT_EQ(second.exit_code, 0) << second.transcript();
  EXPECT_TRUE(test::contains(second.err, "deployed")) << second.err;
  auto during = participants();
  std::string v2;
  std::size_t pinned = 0, fresh = 0, waitlisted = 0;
  for (const auto& [subject, in] : during) {
    if (before.count(subject)) {
      EXPECT_EQ(in.version, v1) << subject << " started on version 1 and must stay on it";
      ++pinned;
      waitlisted += in.state == "waitlisted";
    } else {
      if (v2.empty()) v2 = in.version;
      EXPECT_EQ(in.version, v2) << subject;
      EXPECT_NE(in.state, "waitlisted") << subject << " runs version 2, which has no such state";
      ++fresh;
    }
  }
  ASSERT_GT(fresh, 0u) << "the call was still open in part 2: some applicants start on version 2";
  ASSERT_NE(v2, v1);
  ASSERT_GT(waitlisted, 0u) << "some version-1 applicants wait on the waitlist";

  // A plan that forgets the renamed state: the dry run names every instance that cannot move.
  auto incomplete = write_plan("incomplete.json", R"({"definition": "participant", "from": ")" + v1.substr(0, 12) +
                                                      R"(", "reason": "rename waitlisted"})");
  auto dry = run_cohort({"migrate", incomplete.string(), "--data-dir", data_, "--dry-run", "--json", "--plugin-dir",
                         test::kPlugins.string()});
  EXPECT_EQ(dry.exit_code, 1) << dry.transcript();
  Value report = test::parse_or_fail(dry.out);
  EXPECT_EQ(report["affected"].as_int(), static_cast<std::int64_t>(pinned));
  EXPECT_EQ(report["cannot_move"].as_int(), static_cast<std::int64_t>(waitlisted));
  for (const auto& row : report["instances"].as_list()) {
    if (row["from_state"].as_string() == "waitlisted") {
      EXPECT_TRUE(test::contains(row["problem"].as_string(), "does not exist in the new version")) << to_json(row);
    }
  }

  // Applying it is refused as a whole: nobody moved.
  auto refused = run_cohort({"migrate", incomplete.string(), "--data-dir", data_, "--plugin-dir",
                             test::kPlugins.string()});
  EXPECT_EQ(refused.exit_code, 1) << refused.transcript();
  EXPECT_TRUE(test::contains(refused.err, "nothing was changed")) << refused.err;
  EXPECT_EQ(participants(), during);

  // The complete plan: a dry run changes nothing, the real one moves everybody.
  auto plan = write_plan("plan.json", R"({"definition": "participant", "from": ")" + v1.substr(0, 12) + R"(",
      "states": {"waitlisted": "on_waitlist"},
      "set": {"migrated_from": "=event.state"},
      "reason": "rename waitlisted to on_waitlist"})");
  auto dry_ok = run_cohort({"migrate", plan.string(), "--data-dir", data_, "--dry-run", "--plugin-dir",
                            test::kPlugins.string()});
  EXPECT_EQ(dry_ok.exit_code, 0) << dry_ok.transcript();
  EXPECT_TRUE(test::contains(dry_ok.out, std::to_string(pinned) + " instances affected, 0 cannot be moved"))
      << dry_ok.out;
  EXPECT_EQ(participants(), during);

  auto applied = run_cohort({"migrate", plan.string(), "--data-dir", data_, "--plugin-dir", test::kPlugins.string()});
  ASSERT_EQ(applied.exit_code, 0) << applied.transcript();
  auto after = participants();  // a fresh process: the migration is replayed from the log
  std::string moved_subject;
  for (const auto& [subject, in] : after) {
    EXPECT_EQ(in.version, v2) << subject;
    const auto& old = during.at(subject);
    EXPECT_EQ(in.state, old.state == "waitlisted" ? "on_waitlist" : old.state) << subject;
    if (old.state == "waitlisted") moved_subject = subject;
  }
  auto history = run_cohort({"history", moved_subject, "--data-dir", data_, "--json", "--plugin-dir",
                             test::kPlugins.string()});
  ASSERT_EQ(history.exit_code, 0) << history.transcript();
  Value h = test::parse_or_fail(history.out);
  EXPECT_EQ(h["data"]["migrated_from"].as_string(), "waitlisted");
  bool noted = false;
  for (const auto& entry : h["history"].as_list())
    noted = noted || (entry["kind"].as_string() == "migration" &&
                      test::contains(entry["detail"].as_string(), "rename waitlisted to on_waitlist"));
  EXPECT_TRUE(noted) << history.out;

  // The programme goes on on version 2: the migrated waitlist is closed like any other.
  auto third = run_part(3, {"--until", "2025-04-20"});
  ASSERT_EQ(third.exit_code, 0) << third.transcript();
  auto end = participants();
  for (const auto& [subject, in] : end) {
    EXPECT_NE(in.state, "on_waitlist") << subject;
    EXPECT_NE(in.state, "waitlisted") << subject;
  }
  EXPECT_EQ(participants(), end) << "replaying the log twice gives the same instances";
}

}  // namespace
