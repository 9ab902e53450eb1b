#pragma once
/// @file event_log.hpp
/// @brief The durable event log as the rest of the engine sees it. SQLite is the
///        embedded default (sqlite_log.hpp); another store (PostgreSQL) implements the
///        same interface, so callers do not change.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/batch.hpp"
#include "store/records.hpp"
#include "store/status.hpp"

namespace cohort::store {

/// @brief Counters since the log was opened.
struct LogStats {
  std::uint64_t commits = 0;     ///< transactions committed (each one fsync in durable mode)
  std::uint64_t batches = 0;     ///< batches acknowledged
  std::uint64_t events = 0;      ///< new events written
  std::uint64_t duplicates = 0;  ///< external events refused as already logged
};

/// @brief Called for each event of a replay, in seq order. The event may be moved from;
///        return false to stop. Do not call the log from inside it.
using ReplayVisitor = std::function<bool(LoggedEvent&)>;

/// @brief A durable, append-only log of events with the bookkeeping replay needs.
///
/// Thread-safe: any number of threads may append and read at once. Concurrent appends
/// are committed together (group commit): they share one transaction and one fsync.
/// One process at a time may have a log open for writing.
class EventLog {
 public:
  virtual ~EventLog() = default;

  /// @brief Writes the batch in one transaction. On OK every part of it is durable
  ///        (on disk, fsync'ed) and `result` holds one entry per event. On error
  ///        nothing of the batch was recorded and `result` is empty.
  virtual Status append(const Batch& batch, AppendResult& result) = 0;

  /// @brief Streams the events with seq >= from_seq in seq order. Sees every batch
  ///        acknowledged before the call.
  virtual Status replay(std::int64_t from_seq, const ReplayVisitor& visit) = 0;

  /// @brief Finds the recorded result of a call. `found` says whether there is one.
  virtual Status find_call_result(std::string_view key, CallRecord& out, bool& found) = 0;
  /// @brief The snapshot with the highest seq. `found` says whether there is one.
  virtual Status latest_snapshot(Snapshot& out, bool& found) = 0;
  /// @brief Outbox entries not yet done, in the order they were enqueued (at most `limit`).
  virtual Status pending_outbox(std::vector<OutboxEntry>& out, std::size_t limit = SIZE_MAX) = 0;

  /// @brief Every definition version deployed into this log.
  virtual Status definition_versions(std::vector<DefinitionVersion>& out) = 0;
  /// @brief Every administrative change, in the order made (pos).
  virtual Status admin_records(std::vector<AdminRecord>& out) = 0;

  /// @brief The seq of the last logged event; 0 when the log is empty.
  virtual Status last_seq(std::int64_t& out) = 0;
  /// @brief The number of logged events.
  virtual Status count(std::int64_t& out) = 0;
  /// @brief Runs SQLite-level (or store-level) consistency checks; OK when sound.
  virtual Status check_integrity() = 0;
  /// @brief The verdict of the check an open left running in the background (see
  ///        SqliteLogOptions::check_in_background); waits for it. OK when there was none.
  ///        Until it is OK nothing is written. [any thread]
  virtual Status verified() { return {}; }

  virtual LogStats stats() const = 0;
  /// @brief Where the log lives (a file path, or ":memory:").
  virtual const std::string& location() const = 0;

  // Conveniences: each is one append of a one-part batch.

  /// @brief Appends events of one kind.
  Status append_events(std::vector<NewEvent> events, AppendResult& result);
  /// @brief Records a call result (first result per key wins) and settles its outbox entry.
  Status record_call_result(const CallRecord& record);
  /// @brief Stores a snapshot of the state after `seq`.
  Status put_snapshot(std::int64_t seq, std::string blob);
  /// @brief Marks outbox entries done.
  Status mark_outbox_done(std::vector<std::string> keys);
};

}  // namespace cohort::store
