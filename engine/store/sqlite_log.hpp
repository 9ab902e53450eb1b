#pragma once
/// @file sqlite_log.hpp
/// @brief The embedded event log: one SQLite file (WAL, synchronous=FULL) per data dir.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/event_log.hpp"
#include "store/status.hpp"

namespace cohort::store {

/// @brief How thoroughly `open_sqlite_log` checks an existing file before using it.
enum class OpenCheck : std::uint8_t {
  Auto,   ///< full integrity_check up to `full_check_limit_bytes`, quick_check above
  Quick,  ///< PRAGMA quick_check
  Full,   ///< PRAGMA integrity_check
  None,   ///< trust the file (tests of other things, tools that open many times)
};

/// @brief Settings of an SQLite event log.
struct SqliteLogOptions {
  bool read_only = false;  ///< replay and inspect only; takes no writer lock
  OpenCheck check = OpenCheck::Auto;
  std::int64_t full_check_limit_bytes = 64ll << 20;
  /// Run that check on a connection of its own while the caller goes on (a restart
  /// replays the log meanwhile, on the other core): open returns before it ends,
  /// `EventLog::verified()` waits for its verdict, and nothing is written — no append,
  /// no checkpoint of the WAL at close — before it passed. A file that needs a schema
  /// upgrade is checked first all the same.
  bool check_in_background = false;
  /// false: synchronous=NORMAL (survives a process crash, not a power cut). Only for
  /// benchmarks and throwaway logs; the engine keeps the default.
  bool durable = true;
  /// Milliseconds to wait for SQLite locks held by readers in other processes.
  int busy_timeout_ms = 5000;
  /// Page cache of the writing connection, in KiB.
  int cache_kib = 32 * 1024;
  /// Bytes of the file the reading connection memory-maps (0: plain reads). Faster
  /// replay; an I/O error on a mapped page is a SIGBUS instead of an error status.
  std::int64_t reader_mmap_bytes = 256ll << 20;
  /// Snapshots kept; older ones are deleted when a new one is stored. At least 1.
  int keep_snapshots = 2;
  /// Test hook: caps the file at this many pages (0: no cap), to simulate a full disk.
  std::int64_t max_page_count = 0;
  /// Written into a new log's meta table.
  std::string created_by = COHORT_VERSION;
};

/// @brief The file name of the log inside a data directory.
inline constexpr std::string_view kLogFileName = "cohort.db";
/// @brief The newest schema this build writes and the newest it can read.
inline constexpr int kSchemaVersion = 2;

/// @brief DIR/cohort.db.
std::string log_path_in(std::string_view data_dir);

/// @brief Opens (creating file, directory and schema when missing) the SQLite log at
///        `path`, or an in-memory one for ":memory:". Returns null with `status` set on
///        error; a file that is damaged, newer or someone else's is never changed.
std::unique_ptr<EventLog> open_sqlite_log(const std::string& path, const SqliteLogOptions& options,
                                          Status& status);

}  // namespace cohort::store
