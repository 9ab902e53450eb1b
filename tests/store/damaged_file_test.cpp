// Files the log must refuse: garbage, a truncated log, a log from a newer Cohort, an
// SQLite file that is not a log. Each is refused with a message naming the file and what
// to do, and is left byte for byte as it was.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::external;
using testing::must_open;
using testing::read_bytes;
using testing::ScratchDir;
using testing::write_bytes;

Status try_open(const std::string& path) {
  Status status;
  auto log = open_sqlite_log(path, {}, status);
  EXPECT_EQ(log == nullptr, !status.ok());
  return status;
}

void fill_log(const std::string& path, int events) {
  auto log = must_open(path);
  Batch b;
  for (int i = 0; i < events; ++i) {
    auto e = external("ev-" + std::to_string(i), "app-" + std::to_string(i % 97));
    e.event.data = Value::object({{"padding", Value(std::string(200, 'x'))}});
    b.events.push_back(std::move(e));
  }
  AppendResult r;
  ASSERT_TRUE(log->append(b, r).ok());
}

void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err), SQLITE_OK)
      << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST(DamagedFile, GarbageIsRefusedAsCorruptAndLeftUntouched) {
  ScratchDir dir;
  std::mt19937 rng(7);
  std::string garbage(8192, '\0');
  for (auto& c : garbage) c = static_cast<char>(rng());
  write_bytes(dir.log(), garbage);

  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::Corrupt);
  EXPECT_NE(s.message.find(dir.log()), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("backup"), std::string::npos) << s.message;
  EXPECT_EQ(read_bytes(dir.log()), garbage);
}

TEST(DamagedFile, SqliteHeaderFollowedByGarbageIsRefusedAsCorrupt) {
  ScratchDir dir;
  fill_log(dir.log(), 50);
  std::string bytes = read_bytes(dir.log());
  ASSERT_GT(bytes.size(), 4096u);
  std::mt19937 rng(11);
  for (std::size_t i = 100; i < bytes.size(); ++i) bytes[i] = static_cast<char>(rng());
  write_bytes(dir.log(), bytes);

  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::Corrupt) << s.to_string();
  EXPECT_NE(s.message.find(dir.log()), std::string::npos);
  EXPECT_EQ(read_bytes(dir.log()), bytes);
}

TEST(DamagedFile, TruncatedLogIsRefusedAsCorruptAndLeftUntouched) {
  ScratchDir dir;
  fill_log(dir.log(), 2000);
  std::string bytes = read_bytes(dir.log());
  ASSERT_GT(bytes.size(), 100000u);
  bytes.resize(bytes.size() / 2);
  write_bytes(dir.log(), bytes);

  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::Corrupt) << s.to_string();
  EXPECT_NE(s.message.find(dir.log()), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("has not changed"), std::string::npos) << s.message;
  EXPECT_EQ(read_bytes(dir.log()), bytes);
}

TEST(DamagedFile, FileCutInsideTheHeaderIsRefused) {
  ScratchDir dir;
  fill_log(dir.log(), 10);
  std::string bytes = read_bytes(dir.log()).substr(0, 50);
  write_bytes(dir.log(), bytes);
  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::Corrupt) << s.to_string();
  EXPECT_EQ(read_bytes(dir.log()), bytes);
}

TEST(DamagedFile, NewerSchemaIsRefusedWithTheVersionsAndLeftUntouched) {
  ScratchDir dir;
  fill_log(dir.log(), 5);
  sql(dir.log(), "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  const std::string before = read_bytes(dir.log());

  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::NewerVersion);
  EXPECT_NE(s.message.find(dir.log()), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("newer Cohort (schema 3"), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("reads up to 2"), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("upgrade cohort, or use another --data-dir"), std::string::npos)
      << s.message;
  EXPECT_EQ(read_bytes(dir.log()), before);
}

TEST(DamagedFile, DamagedPayloadFailsTheReplayWithCorruptInsteadOfCrashing) {
  ScratchDir dir;
  fill_log(dir.log(), 3);
  // Cut the second event's payload short: SQLite sees nothing wrong, the decoder does.
  sql(dir.log(), "UPDATE events SET data = substr(data, 1, 5) WHERE seq = 2");
  auto log = must_open(dir.log());
  ASSERT_TRUE(log);
  std::vector<std::int64_t> seen;
  Status s = log->replay(1, [&](LoggedEvent& e) {
    seen.push_back(e.seq);
    return true;
  });
  EXPECT_EQ(s.code, Code::Corrupt);
  EXPECT_NE(s.message.find("seq 2"), std::string::npos) << s.message;
  EXPECT_EQ(seen, std::vector<std::int64_t>{1});
}

TEST(DamagedFile, ACheckInTheBackgroundRefusesADamagedFileBeforeAnythingIsWritten) {
  ScratchDir dir;
  fill_log(dir.log(), 2000);
  // Damage only the dedupe index: replaying the events (a scan of their table) does not
  // notice, the integrity check does.
  int page_size = 0, root = 0;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(dir.log().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT (SELECT page_size FROM pragma_page_size), rootpage FROM sqlite_schema "
                                     "WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL LIMIT 1",
                                 -1, &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    page_size = sqlite3_column_int(st, 0);
    root = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  ASSERT_GT(root, 1);
  std::string bytes = read_bytes(dir.log());
  const std::size_t at = static_cast<std::size_t>(page_size) * static_cast<std::size_t>(root - 1);
  ASSERT_LT(at + static_cast<std::size_t>(page_size), bytes.size() + 1);
  std::mt19937 rng(5);
  for (std::size_t i = at + 8; i < at + static_cast<std::size_t>(page_size); ++i) bytes[i] = static_cast<char>(rng());
  write_bytes(dir.log(), bytes);

  SqliteLogOptions options;
  options.check = OpenCheck::Quick;
  options.check_in_background = true;
  Status status;
  auto log = open_sqlite_log(dir.log(), options, status);
  ASSERT_TRUE(log) << status.to_string();  // the verdict comes later
  std::int64_t replayed = 0;
  EXPECT_TRUE(log->replay(1, [&](LoggedEvent&) { return ++replayed > 0; }).ok());
  EXPECT_EQ(replayed, 2000);
  Status verdict = log->verified();
  EXPECT_EQ(verdict.code, Code::Corrupt) << verdict.to_string();
  EXPECT_NE(verdict.message.find(dir.log()), std::string::npos) << verdict.message;
  EXPECT_NE(verdict.message.find("has not changed"), std::string::npos) << verdict.message;
  // Nothing is written into it, and closing does not fold anything into it either.
  Batch b;
  b.events.push_back(external("late", "app-1"));
  AppendResult r;
  EXPECT_EQ(log->append(b, r).code, Code::Corrupt);
  log.reset();
  EXPECT_EQ(read_bytes(dir.log()), bytes);
}

TEST(DamagedFile, ACheckInTheBackgroundPassesASoundFileAndAppendsGoOn) {
  ScratchDir dir;
  fill_log(dir.log(), 300);
  SqliteLogOptions options;
  options.check = OpenCheck::Full;
  options.check_in_background = true;
  Status status;
  auto log = open_sqlite_log(dir.log(), options, status);
  ASSERT_TRUE(log) << status.to_string();
  Batch b;
  b.events.push_back(external("late", "app-1"));
  AppendResult r;
  ASSERT_TRUE(log->append(b, r).ok());
  EXPECT_TRUE(log->verified().ok());
  std::int64_t n = 0;
  ASSERT_TRUE(log->count(n).ok());
  EXPECT_EQ(n, 301);
}

TEST(DamagedFile, ForeignSqliteDatabaseIsNotTakenOver) {
  ScratchDir dir;
  sql(dir.log(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); "
                 "INSERT INTO invoices (total) VALUES (12.5)");
  const std::string before = read_bytes(dir.log());
  Status s = try_open(dir.log());
  EXPECT_EQ(s.code, Code::NotALog);
  EXPECT_NE(s.message.find("not a Cohort event log"), std::string::npos) << s.message;
  EXPECT_EQ(read_bytes(dir.log()), before);
}

TEST(DamagedFile, EmptyFileLeftByACrashDuringCreationBecomesANewLog) {
  ScratchDir dir;
  write_bytes(dir.log(), "");
  auto log = must_open(dir.log());
  ASSERT_TRUE(log);
  AppendResult r;
  EXPECT_TRUE(log->append_events({external("first")}, r).ok());
}

TEST(DamagedFile, UnwritableDirectoryIsCannotOpen) {
  if (::geteuid() == 0) {
    // root writes everywhere: use a path under a regular file instead.
    ScratchDir dir;
    write_bytes(dir.file("plain"), "x");
    Status s = try_open(dir.file("plain") + "/cohort.db");
    EXPECT_EQ(s.code, Code::CannotOpen) << s.to_string();
    EXPECT_NE(s.message.find("--data-dir"), std::string::npos) << s.message;
    return;
  }
  ScratchDir dir;
  std::filesystem::create_directory(dir.file("ro"));
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_exec);
  Status s = try_open(dir.file("ro") + "/cohort.db");
  EXPECT_EQ(s.code, Code::CannotOpen) << s.to_string();
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_all);
}

}  // namespace
}  // namespace cohort::store
