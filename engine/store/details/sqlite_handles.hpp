#pragma once
/// @file sqlite_handles.hpp
/// @brief Owning handles for SQLite connections and statements, and the mapping of
///        SQLite result codes to store Status.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "store/status.hpp"

namespace cohort::store::details {

/// @brief A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement() = default;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(Statement&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)) {}
  Statement& operator=(Statement&& o) noexcept {
    if (this != &o) {
      sqlite3_finalize(stmt_);
      stmt_ = std::exchange(o.stmt_, nullptr);
    }
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// @brief Compiles `sql` on `db`; returns the SQLite code.
  int prepare(sqlite3* db, std::string_view sql) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  }
  sqlite3_stmt* get() const { return stmt_; }

  // Text and blobs are bound without copying: the caller keeps them alive until the
  // statement has been stepped and reset.
  void bind(int i, std::string_view text) {
    // A null pointer would bind SQL NULL; an empty text is still text.
    sqlite3_bind_text(stmt_, i, text.data() ? text.data() : "", static_cast<int>(text.size()),
                      SQLITE_STATIC);
  }
  void bind_blob(int i, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data() ? bytes.data() : "", static_cast<int>(bytes.size()),
                      SQLITE_STATIC);
  }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind_null(int i) { sqlite3_bind_null(stmt_, i); }

  int step() { return sqlite3_step(stmt_); }
  void reset() { sqlite3_reset(stmt_); }

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }
  std::string_view blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

/// @brief Resets a statement when leaving a scope, so it never holds a read
///        transaction or stale bindings after use.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& s) : s_(s) {}
  ~ResetOnExit() {
    s_.reset();
    sqlite3_clear_bindings(s_.get());
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& s_;
};

/// @brief A connection, closed on destruction.
class Connection {
 public:
  Connection() = default;
  ~Connection() { close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// @brief Opens `path` with SQLite flags; returns the SQLite code (the handle is kept
  ///        even on failure so the message can be read).
  int open(const std::string& path, int flags) {
    close();
    // SQLite counts its allocations under one process-wide mutex unless told not to: with
    // a reader and a writer thread that lock showed up in every replayed row. Only
    // possible before SQLite initialises; later calls change nothing.
    static const bool memstatus_off = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
    (void)memstatus_off;
    return sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  }
  void close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
  }
  sqlite3* get() const { return db_; }
  explicit operator bool() const { return db_ != nullptr; }

  /// @brief Runs SQL without results; returns the SQLite code.
  int exec(std::string_view sql) const {
    std::string text(sql);
    return sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  }
  std::string error() const { return db_ ? sqlite3_errmsg(db_) : "out of memory"; }

 private:
  sqlite3* db_ = nullptr;
};

/// @brief The store Status for a failed SQLite call made while `doing` something with
///        the log at `path`: the right code, the file, the cause and what to do.
Status sqlite_status(int rc, const Connection& db, const std::string& path, std::string_view doing);

/// @brief True for results after which a transaction cannot go on (full disk, I/O
///        error, damage, out of memory).
bool is_fatal(int rc);

}  // namespace cohort::store::details
