// Definition versions and administrative changes kept beside the events, and logs written
// before they existed (schema 1), which open unchanged and are upgraded when written.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::external;
using testing::must_open;
using testing::ScratchDir;

void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST(Versions, ChangesSitAfterTheLastEventOfTheirCommitAndDefinitionsAreKeptOnce) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  Batch first;
  first.definitions.push_back({"hash-1", "participant", "participant.json", "{\"v\":1}"});
  first.admin.push_back({0, 0, "deploy", R"({"id":"participant","hash":"hash-1"})", "alice", 0});
  AppendResult r;
  ASSERT_TRUE(log->append(first, r).ok());

  Batch events;
  for (int i = 0; i < 3; ++i) events.events.push_back(external("e" + std::to_string(i), "A1"));
  events.definitions.push_back({"hash-1", "participant", "elsewhere.json", "changed"});  // kept as first stored
  events.admin.push_back({0, -1, "migration", R"({"reason":"x"})", "bob", 0});
  ASSERT_TRUE(log->append(events, r).ok());

  std::vector<DefinitionVersion> defs;
  ASSERT_TRUE(log->definition_versions(defs).ok());
  ASSERT_EQ(defs.size(), 1u);
  EXPECT_EQ(defs[0].source, "{\"v\":1}");
  EXPECT_EQ(defs[0].file, "participant.json");

  std::vector<AdminRecord> admin;
  ASSERT_TRUE(log->admin_records(admin).ok());
  ASSERT_EQ(admin.size(), 2u);
  EXPECT_EQ(admin[0].kind, "deploy");
  EXPECT_EQ(admin[0].after_seq, 0);
  EXPECT_EQ(admin[0].by, "alice");
  EXPECT_EQ(admin[1].kind, "migration");
  EXPECT_EQ(admin[1].after_seq, 3) << "after the three events written in the same commit";
  EXPECT_GT(admin[1].at_ms, 0);
  EXPECT_LT(admin[0].pos, admin[1].pos);
}

TEST(Versions, ASchemaOneLogReadsWithoutChangesAndIsUpgradedWhenOpenedForWriting) {
  ScratchDir dir;
  {
    auto log = must_open(dir.log());
    AppendResult r;
    ASSERT_TRUE(log->append_events({external("e1", "A1"), external("e2", "A2")}, r).ok());
  }
  // What a log written by the previous release looks like.
  sql(dir.log(), "DROP TABLE definitions; DROP TABLE admin; UPDATE meta SET value = '1' WHERE key = 'schema_version'");

  {
    SqliteLogOptions ro;
    ro.read_only = true;
    Status st;
    auto log = open_sqlite_log(dir.log(), ro, st);
    ASSERT_TRUE(log) << st.to_string();
    std::vector<AdminRecord> admin;
    EXPECT_TRUE(log->admin_records(admin).ok());
    EXPECT_TRUE(admin.empty());
  }
  auto log = must_open(dir.log());
  Batch b;
  b.admin.push_back({0, -1, "deploy", "{}", "carol", 0});
  AppendResult r;
  ASSERT_TRUE(log->append(b, r).ok());
  std::vector<AdminRecord> admin;
  ASSERT_TRUE(log->admin_records(admin).ok());
  ASSERT_EQ(admin.size(), 1u);
  EXPECT_EQ(admin[0].after_seq, 2);
  std::int64_t n = 0;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 2) << "the upgrade keeps every event";
}

TEST(Versions, AChangeWithoutKindIsRefusedAndNothingOfItsBatchIsWritten) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  Batch b;
  b.events.push_back(external("e1", "A1"));
  b.admin.push_back({0, -1, "", "{}", "dave", 0});
  AppendResult r;
  Status st = log->append(b, r);
  EXPECT_EQ(st.code, Code::Invalid) << st.to_string();
  std::int64_t n = -1;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 0);
}

}  // namespace
}  // namespace cohort::store
