#pragma once
/// @file sqlite_log_impl.hpp
/// @brief The SQLite EventLog: one writing connection used by whichever appender leads
///        the current group commit, one reading connection for replay and lookups.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/details/lock_file.hpp"
#include "store/details/sqlite_handles.hpp"
#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"

namespace cohort::store::details {

/// @brief The SQLite implementation of EventLog.
class SqliteLog final : public EventLog {
 public:
  static std::unique_ptr<EventLog> open(const std::string& path, const SqliteLogOptions& options,
                                        Status& status);
  ~SqliteLog() override;

  Status append(const Batch& batch, AppendResult& result) override;
  Status replay(std::int64_t from_seq, const ReplayVisitor& visit) override;
  Status find_call_result(std::string_view key, CallRecord& out, bool& found) override;
  Status latest_snapshot(Snapshot& out, bool& found) override;
  Status pending_outbox(std::vector<OutboxEntry>& out, std::size_t limit) override;
  Status definition_versions(std::vector<DefinitionVersion>& out) override;
  Status admin_records(std::vector<AdminRecord>& out) override;
  Status last_seq(std::int64_t& out) override;
  Status count(std::int64_t& out) override;
  Status check_integrity() override;
  Status verified() override;
  LogStats stats() const override;
  const std::string& location() const override { return path_; }

 private:
  /// One append() waiting for its group to commit.
  struct Pending {
    const Batch* batch = nullptr;
    AppendResult* result = nullptr;
    Status status;
    bool done = false;
    bool failed = false;
    std::uint64_t new_events = 0;
    std::uint64_t duplicates = 0;
  };

  struct WriterStatements {
    Statement begin, commit, rollback;
    Statement insert_event, find_external;
    Statement insert_outbox, outbox_done, outbox_failure;
    Statement insert_call;
    Statement insert_snapshot, prune_snapshots;
    Statement insert_definition, insert_admin, max_seq;
  };
  struct ReaderStatements {
    Statement replay, find_call, latest_snapshot, pending_outbox, last_seq, count;
    Statement definitions, admin;  // prepared only when the file has schema 2
  };

  SqliteLog(std::string path, SqliteLogOptions options);
  Status open_files();
  void map_reader();
  Status prepare_writer();
  Status prepare_reader(sqlite3* db);

  Status validate(const Batch& batch) const;
  void commit_group(std::vector<Pending*>& group);
  /// Writes one batch inside the open transaction; `rc` gets the SQLite code of a failure.
  Status write_batch(Pending& p, int& rc);
  Status fail(int rc, const Connection& db, std::string_view doing) const;
  /// Corrupt, naming what the check found, when `problems` is not empty.
  Status damaged(const std::string& problems) const;
  /// Steps a one-row, one-integer query on the reading connection.
  Status read_one_int(Statement& s, const char* what, std::int64_t& out);

  std::string path_;
  SqliteLogOptions options_;
  bool memory_ = false;
  bool has_admin_tables_ = true;
  LockFile lock_;
  Connection writer_;
  Connection reader_;
  WriterStatements w_;
  ReaderStatements r_;
  const Connection* read_conn_ = nullptr;

  // Group commit: appenders queue here; the first one to find no leader writes the
  // whole queue in one transaction while the others wait.
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::vector<Pending*> queue_;
  bool leader_active_ = false;

  std::mutex writer_mutex_;  // the writing connection; also the reading one in memory
  std::mutex reader_mutex_;
  std::mutex* read_mutex_ = &reader_mutex_;
  // The open check left running in the background, and its verdict once known.
  std::mutex check_mutex_;
  std::future<Status> check_;
  Status check_status_;
  std::atomic<bool> checked_{true};
  bool broken_ = false;      // after an I/O error or damage, appends are refused
  Status broken_status_;

  std::string data_scratch_;
  std::atomic<std::uint64_t> commits_{0}, batches_{0}, events_{0}, duplicates_{0};
};

}  // namespace cohort::store::details
