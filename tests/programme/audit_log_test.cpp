// The audit log as an auditor relies on it: every event one line, in order, never rewritten.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit_log.hpp"

namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(AuditLog, AppendsOneLinePerEventAndKeepsEarlierLinesAcrossReopen) {
  auto dir = fresh_dir("audit-append");
  const auto file = (dir / "audit.jsonl").string();
  std::string error;
  {
    cohort_audit::AuditLog log;
    ASSERT_TRUE(log.open(file, cohort_audit::FsyncPolicy::EveryEvent, error)) << error;
    ASSERT_TRUE(log.append(R"({"id":"1","type":"application.submitted","subject":"A1"})", error));
    ASSERT_TRUE(log.append("{\"id\":\"2\",\n\"type\":\"review.submitted\",\"subject\":\"A1\"}", error));
  }
  cohort_audit::AuditLog again;
  ASSERT_TRUE(again.open(file, cohort_audit::FsyncPolicy::None, error)) << error;
  EXPECT_EQ(again.count(), 2u);
  ASSERT_TRUE(again.append(R"({"id":"3","type":"offer.accepted","subject":"A2"})", error));
  EXPECT_EQ(slurp(file),
            "{\"id\":\"1\",\"type\":\"application.submitted\",\"subject\":\"A1\"}\n"
            "{\"id\":\"2\", \"type\":\"review.submitted\",\"subject\":\"A1\"}\n"
            "{\"id\":\"3\",\"type\":\"offer.accepted\",\"subject\":\"A2\"}\n");
}

TEST(AuditLog, QueriesFilterByTypeAndSubjectAndSkipATornLastLine) {
  auto dir = fresh_dir("audit-query");
  const auto file = (dir / "audit.jsonl").string();
  std::string error;
  cohort_audit::AuditLog log;
  ASSERT_TRUE(log.open(file, cohort_audit::FsyncPolicy::None, error));
  log.append(R"({"type":"a","subject":"X"})", error);
  log.append(R"({"type":"b","subject":"X"})", error);
  log.append(R"({"type":"a","subject":"Y"})", error);
  { std::ofstream(file, std::ios::app) << R"({"type":"a","sub)"; }  // a crash mid-write
  cohort_audit::Query q;
  q.type = "a";
  auto lines = log.read(q, error);
  ASSERT_EQ(lines.size(), 2u);
  q.subject = "Y";
  EXPECT_EQ(log.read(q, error), std::vector<std::string>{R"({"type":"a","subject":"Y"})"});
}

TEST(AuditLog, AnUnwritableLocationIsAClearError) {
  cohort_audit::AuditLog log;
  std::string error;
  EXPECT_FALSE(log.open("/nonexistent-dir/audit.jsonl", cohort_audit::FsyncPolicy::None, error));
  EXPECT_NE(error.find("/nonexistent-dir/audit.jsonl"), std::string::npos);
}

TEST(AuditLog, TheIntervalPolicyIsParsedAndWritesEveryLineAtOnce) {
  cohort_audit::FsyncPolicy policy = cohort_audit::FsyncPolicy::None;
  ASSERT_TRUE(cohort_audit::parse_fsync_policy("interval", policy));
  EXPECT_EQ(policy, cohort_audit::FsyncPolicy::Interval);
  EXPECT_FALSE(cohort_audit::parse_fsync_policy("sometimes", policy));
  auto dir = fresh_dir("audit-interval");
  const auto file = (dir / "audit.jsonl").string();
  std::string error;
  cohort_audit::AuditLog log;
  ASSERT_TRUE(log.open(file, cohort_audit::FsyncPolicy::Interval, error)) << error;
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(log.append(R"({"type":"a"})", error)) << error;
  // Synced or not, every line is in the file as soon as append returns.
  std::string text = slurp(file);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 50);
}
