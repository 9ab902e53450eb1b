#include "store/details/sqlite_log_impl.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "value/binary.hpp"
#include "store/details/schema.hpp"

namespace cohort::store::details {
namespace {

namespace fs = std::filesystem;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

EventKind parse_kind(std::string_view s) {
  if (s.size() >= 2 && s[0] == 'e') return s[1] == 'x' ? EventKind::External : EventKind::Emitted;
  if (!s.empty() && s[0] == 't') return EventKind::Timer;
  if (!s.empty() && s[0] == 'c') return EventKind::CallResult;
  return EventKind::External;
}

// Reads the first bytes ourselves, so a file that is not SQLite at all is refused with a
// clear message before SQLite touches it.
Status precheck_header(const std::string& path, bool& exists_nonempty) {
  exists_nonempty = false;
  std::error_code ec;
  if (!fs::exists(path, ec)) return {};
  const auto size = fs::file_size(path, ec);
  if (ec) {
    return {Code::CannotOpen, "cannot read the event log " + path + " (" + ec.message() +
                                  "): check its permissions, or use another --data-dir"};
  }
  if (size == 0) return {};  // what a crash during creation leaves: nothing to lose
  exists_nonempty = true;
  static constexpr char kHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                       'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  char head[16] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {Code::CannotOpen, "cannot read the event log " + path +
                                  ": check its permissions, or use another --data-dir"};
  }
  in.read(head, sizeof head);
  if (size < 100 || !std::equal(std::begin(head), std::end(head), std::begin(kHeader))) {
    return {Code::Corrupt, path + " is damaged: it is not an SQLite database (" +
                               std::to_string(size) +
                               " bytes without the SQLite header): restore it from a backup, or "
                               "move it aside and start with an empty --data-dir; Cohort has not "
                               "changed the file"};
  }
  return {};
}

// Runs a one-row query returning text; "" when there is no row.
int query_text(const Connection& db, std::string_view sql, std::string& out) {
  Statement s;
  int rc = s.prepare(db.get(), sql);
  if (rc != SQLITE_OK) return rc;
  rc = s.step();
  out.clear();
  if (rc == SQLITE_ROW) {
    out = std::string(s.text(0));
    return SQLITE_OK;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

// Runs quick_check or integrity_check; `problems` gets what it found besides "ok".
int run_check(const Connection& db, std::string_view pragma, std::string& problems) {
  Statement s;
  int rc = s.prepare(db.get(), pragma);
  if (rc != SQLITE_OK) return rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    std::string line(s.text(0));
    if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

}  // namespace

SqliteLog::SqliteLog(std::string path, SqliteLogOptions options)
    : path_(std::move(path)), options_(std::move(options)), memory_(path_ == ":memory:") {
  options_.keep_snapshots = std::max(1, options_.keep_snapshots);
}

SqliteLog::~SqliteLog() {
  if (check_.valid()) check_.wait();  // it reads this file through its own connection
  // Statements first, then the reader, then the writer (whose close checkpoints the WAL
  // into the main file), and the writer lock last.
  w_ = WriterStatements{};
  r_ = ReaderStatements{};
  reader_.close();
  writer_.close();
  lock_.release();
}

Status SqliteLog::fail(int rc, const Connection& db, std::string_view doing) const {
  return sqlite_status(rc, db, path_, doing);
}

Status SqliteLog::damaged(const std::string& problems) const {
  if (problems.empty()) return {};
  return {Code::Corrupt, path_ + " is damaged (" + problems +
                             "): restore it from a backup, or move it aside and start with "
                             "an empty --data-dir; Cohort has not changed the file"};
}

Status SqliteLog::verified() {
  if (checked_) return check_status_;
  std::lock_guard guard(check_mutex_);
  if (check_.valid()) {
    check_status_ = check_.get();
    if (!check_status_.ok()) {
      spdlog::error("event log: {}", check_status_.message);
    } else if (!options_.read_only) {
      std::lock_guard writer(writer_mutex_);
      sqlite3_db_config(writer_.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    }
    checked_ = true;
  }
  return check_status_;
}

std::unique_ptr<EventLog> SqliteLog::open(const std::string& path, const SqliteLogOptions& options,
                                          Status& status) {
  std::unique_ptr<SqliteLog> log(new SqliteLog(path, options));
  status = log->open_files();
  if (!status.ok()) {
    spdlog::error("event log: {}", status.message);
    return nullptr;
  }
  return log;
}

Status SqliteLog::open_files() {
  const bool read_only = options_.read_only;
  bool existing = false;
  if (!memory_) {
    const fs::path file(path_);
    std::error_code ec;
    if (read_only && !fs::exists(file, ec)) {
      return {Code::CannotOpen, "there is no event log at " + path_ +
                                    ": check --data-dir (a log is created by running cohort "
                                    "with that data directory)"};
    }
    if (!read_only && file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
      fs::create_directories(file.parent_path(), ec);
      if (ec) {
        return {Code::CannotOpen, "cannot create the data directory " +
                                      file.parent_path().string() + " (" + ec.message() +
                                      "): check its permissions, or use another --data-dir"};
      }
    }
    if (!read_only) {
      if (Status s = lock_.acquire(path_); !s.ok()) return s;
    }
    if (Status s = precheck_header(path_, existing); !s.ok()) return s;
  }

  Connection& db = read_only ? reader_ : writer_;
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  if (int rc = db.open(path_, flags); rc != SQLITE_OK) return fail(rc, db, "opening it");
  // Until the file has passed every check, closing must not checkpoint a leftover WAL
  // into it: a refused file stays exactly as it was.
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_busy_timeout(db.get(), options_.busy_timeout_ms);
  sqlite3_extended_result_codes(db.get(), 1);

  std::string text;
  if (int rc = query_text(db, "SELECT count(*) FROM sqlite_schema", text); rc != SQLITE_OK)
    return fail(rc, db, "reading its list of tables");
  std::string meta;
  if (int rc = query_text(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
                          meta);
      rc != SQLITE_OK)
    return fail(rc, db, "reading its tables");
  const bool has_tables = text != "0";
  const bool fresh = !has_tables;
  if (has_tables && meta.empty()) {
    return {Code::NotALog, path_ + " is an SQLite database but not a Cohort event log (it has no "
                                   "meta table): use another --data-dir"};
  }
  if (fresh && read_only) {
    return {Code::NotALog, path_ + " is empty, not a Cohort event log: check --data-dir"};
  }
  int version_found = kSchemaVersion;
  if (!fresh) {
    std::string version;
    if (int rc = query_text(db, "SELECT value FROM meta WHERE key = 'schema_version'", version);
        rc != SQLITE_OK)
      return fail(rc, db, "reading its schema version");
    int v = 0;
    try {
      v = std::stoi(version);
    } catch (...) {
      v = 0;
    }
    if (v <= 0) {
      return {Code::Corrupt, path_ + " is damaged: its schema_version is '" + version +
                                 "', not a number: restore it from a backup, or use another "
                                 "--data-dir; Cohort has not changed the file"};
    }
    if (v > kSchemaVersion) {
      std::string by;
      query_text(db, "SELECT value FROM meta WHERE key = 'created_by'", by);
      return {Code::NewerVersion,
              path_ + " was written by a newer Cohort (schema " + std::to_string(v) +
                  (by.empty() ? std::string() : ", created by cohort " + by) +
                  "; this build reads up to " + std::to_string(kSchemaVersion) +
                  "): upgrade cohort, or use another --data-dir"};
    }
    version_found = v;
    OpenCheck check = options_.check;
    if (check == OpenCheck::Auto) {
      std::error_code ec;
      const auto size = memory_ ? 0 : fs::file_size(path_, ec);
      check = (!ec && static_cast<std::int64_t>(size) <= options_.full_check_limit_bytes)
                  ? OpenCheck::Full
                  : OpenCheck::Quick;
    }
    const char* pragma = check == OpenCheck::Full ? "PRAGMA integrity_check(5)" : "PRAGMA quick_check(5)";
    // In the background only when opening writes nothing before the verdict: read-only,
    // or already in WAL mode and at the current schema (no upgrade to write).
    std::string journal;
    const bool writes_nothing =
        read_only || (v >= kSchemaVersion && query_text(db, "PRAGMA journal_mode", journal) == SQLITE_OK &&
                      journal == "wal");
    if (check != OpenCheck::None && options_.check_in_background && !memory_ && writes_nothing) {
      // Its own connection, so the caller's reads and this check run side by side.
      checked_ = false;
      check_ = std::async(std::launch::async, [path = path_, pragma, this] {
        Connection checker;
        if (int rc = checker.open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX); rc != SQLITE_OK)
          return fail(rc, checker, "opening it to check its integrity");
        sqlite3_busy_timeout(checker.get(), options_.busy_timeout_ms);
        sqlite3_extended_result_codes(checker.get(), 1);
        std::string problems;
        if (int rc = run_check(checker, pragma, problems); rc != SQLITE_OK)
          return fail(rc, checker, "checking its integrity");
        return damaged(problems);
      });
    } else if (check != OpenCheck::None) {
      std::string problems;
      int rc = run_check(db, pragma, problems);
      if (rc != SQLITE_OK) return fail(rc, db, "checking its integrity");
      if (Status s = damaged(problems); !s.ok()) return s;
    }
  }

  if (!read_only) {
    std::string mode;
    if (!memory_) {
      if (int rc = query_text(writer_, "PRAGMA journal_mode = WAL", mode); rc != SQLITE_OK)
        return fail(rc, writer_, "switching it to WAL");
      if (mode != "wal") {
        return {Code::IoError, path_ + ": the file system does not support SQLite's WAL mode "
                                       "(journal mode stayed '" + mode +
                                       "'): put the data directory on a local disk"};
      }
    }
    std::string pragmas = std::string("PRAGMA synchronous = ") +
                          (options_.durable ? "FULL" : "NORMAL") +
                          "; PRAGMA cache_size = -" + std::to_string(options_.cache_kib) +
                          "; PRAGMA temp_store = MEMORY;";
    if (options_.max_page_count > 0)
      pragmas += " PRAGMA max_page_count = " + std::to_string(options_.max_page_count) + ";";
    if (int rc = writer_.exec(pragmas); rc != SQLITE_OK) return fail(rc, writer_, "configuring it");
    if (fresh) {
      std::string ddl = "BEGIN IMMEDIATE;" + std::string(kCreateSchemaV1) + std::string(kUpgradeToV2) +
                        "INSERT INTO meta VALUES ('schema_version', '" +
                        std::to_string(kSchemaVersion) + "');" +
                        "INSERT INTO meta VALUES ('created_at', '" + std::to_string(wall_ms()) +
                        "');" + "PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
      if (int rc = writer_.exec(ddl); rc != SQLITE_OK) {
        Status s = fail(rc, writer_, "creating its tables");
        writer_.exec("ROLLBACK");
        return s;
      }
      Statement by;
      by.prepare(writer_.get(), "INSERT INTO meta VALUES ('created_by', ?)");
      by.bind(1, options_.created_by);
      int rc = by.step();
      if (rc != SQLITE_DONE || (rc = writer_.exec("COMMIT")) != SQLITE_OK) {
        Status s = fail(rc, writer_, "creating its tables");
        writer_.exec("ROLLBACK");
        return s;
      }
    }
    if (!fresh && version_found < 2) {
      // Version 1 lacks only tables: adding them keeps every event where it is.
      std::string ddl = "BEGIN IMMEDIATE;" + std::string(kUpgradeToV2) +
                        "UPDATE meta SET value = '2' WHERE key = 'schema_version'; COMMIT;";
      if (int rc = writer_.exec(ddl); rc != SQLITE_OK) {
        Status s = fail(rc, writer_, "upgrading it to schema 2");
        writer_.exec("ROLLBACK");
        return s;
      }
      spdlog::info("event log {}: upgraded from schema {} to 2", path_, version_found);
      version_found = 2;
    }
    if (Status s = prepare_writer(); !s.ok()) return s;
  }
  has_admin_tables_ = version_found >= 2;

  if (memory_) {
    read_conn_ = &writer_;
    read_mutex_ = &writer_mutex_;
  } else if (!read_only) {
    if (int rc = reader_.open(path_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX); rc != SQLITE_OK)
      return fail(rc, reader_, "opening it for reading");
    sqlite3_busy_timeout(reader_.get(), options_.busy_timeout_ms);
    sqlite3_extended_result_codes(reader_.get(), 1);
    read_conn_ = &reader_;
    map_reader();
  } else {
    read_conn_ = &reader_;
    map_reader();
  }
  if (Status s = prepare_reader(read_conn_->get()); !s.ok()) return s;
  // The file passed: from now on closing folds the WAL back into it (with the check in
  // the background: once verified() saw it pass).
  if (checked_) sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);

  std::int64_t n = 0, last = 0;
  count(n);
  last_seq(last);
  spdlog::info("event log {} open{}: {} events, last seq {}, schema {}", path_,
               read_only ? " (read-only)" : "", n, last, kSchemaVersion);
  return {};
}

void SqliteLog::map_reader() {
  // Replay reads the whole file in order: mapping it saves a copy per page.
  if (options_.reader_mmap_bytes > 0)
    reader_.exec("PRAGMA mmap_size = " + std::to_string(options_.reader_mmap_bytes));
}

Status SqliteLog::prepare_writer() {
  sqlite3* db = writer_.get();
  struct Item {
    Statement* s;
    const char* sql;
  } items[] = {
      {&w_.begin, "BEGIN IMMEDIATE"},
      {&w_.commit, "COMMIT"},
      {&w_.rollback, "ROLLBACK"},
      {&w_.insert_event,
       "INSERT OR IGNORE INTO events (kind, source, id, type, subject, time_ms, data) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)"},
      {&w_.find_external,
       "SELECT seq FROM events WHERE source = ? AND id = ? AND kind = 'external'"},
      {&w_.insert_outbox,
       "INSERT OR IGNORE INTO outbox (key, operation, args_json, state, attempts, last_error) "
       "VALUES (?, ?, ?, ?, ?, ?)"},
      {&w_.outbox_done, "UPDATE outbox SET state = 'done' WHERE key = ?"},
      {&w_.outbox_failure,
       "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE key = ?"},
      {&w_.insert_call,
       "INSERT OR IGNORE INTO call_results (idempotency_key, operation, status, result_json, "
       "message, recorded_at) VALUES (?, ?, ?, ?, ?, ?)"},
      {&w_.insert_snapshot,
       "INSERT OR REPLACE INTO snapshots (seq, created_at, blob) VALUES (?, ?, ?)"},
      {&w_.insert_definition, "INSERT OR IGNORE INTO definitions (hash, id, file, source) VALUES (?, ?, ?, ?)"},
      {&w_.insert_admin,
       "INSERT INTO admin (after_seq, kind, payload, made_by, made_at) VALUES (?, ?, ?, ?, ?)"},
      {&w_.max_seq, "SELECT coalesce(max(seq), 0) FROM events"},
      {&w_.prune_snapshots,
       "DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC "
       "LIMIT ?)"},
  };
  for (auto& item : items) {
    if (int rc = item.s->prepare(db, item.sql); rc != SQLITE_OK)
      return fail(rc, writer_, "preparing its statements");
  }
  return {};
}

Status SqliteLog::prepare_reader(sqlite3* db) {
  struct Item {
    Statement* s;
    const char* sql;
  } items[] = {
      {&r_.replay,
       "SELECT seq, kind, source, id, type, subject, time_ms, data FROM events WHERE seq >= ? "
       "ORDER BY seq"},
      {&r_.find_call,
       "SELECT operation, status, result_json, message, recorded_at FROM call_results WHERE "
       "idempotency_key = ?"},
      {&r_.latest_snapshot,
       "SELECT seq, created_at, blob FROM snapshots ORDER BY seq DESC LIMIT 1"},
      {&r_.pending_outbox,
       "SELECT key, operation, args_json, attempts, last_error FROM outbox WHERE state = "
       "'pending' ORDER BY pos LIMIT ?"},
      {&r_.last_seq, "SELECT coalesce(max(seq), 0) FROM events"},
      {&r_.count, "SELECT count(*) FROM events"},
  };
  for (auto& item : items) {
    if (int rc = item.s->prepare(db, item.sql); rc != SQLITE_OK)
      return fail(rc, *read_conn_, "preparing its statements");
  }
  if (!has_admin_tables_) return {};  // a version 1 file opened read-only
  if (int rc = r_.definitions.prepare(db, "SELECT hash, id, file, source FROM definitions"); rc != SQLITE_OK)
    return fail(rc, *read_conn_, "preparing its statements");
  if (int rc = r_.admin.prepare(
          db, "SELECT pos, after_seq, kind, payload, made_by, made_at FROM admin ORDER BY pos");
      rc != SQLITE_OK)
    return fail(rc, *read_conn_, "preparing its statements");
  return {};
}

Status SqliteLog::validate(const Batch& batch) const {
  for (std::size_t i = 0; i < batch.events.size(); ++i) {
    const auto& e = batch.events[i];
    if (e.kind == EventKind::External && (e.event.source.empty() || e.event.id.empty())) {
      return {Code::Invalid, "event " + std::to_string(i + 1) + " of the batch for " + path_ +
                                 " is external but has no " +
                                 (e.event.source.empty() ? "source" : "id") +
                                 ": external events are deduplicated by source and id, so both "
                                 "are required"};
    }
  }
  for (const auto& o : batch.outbox)
    if (o.key.empty())
      return {Code::Invalid, "an outbox entry for " + path_ + " has an empty key: give every "
                                                              "call its idempotency key"};
  for (const auto& c : batch.call_results)
    if (c.key.empty())
      return {Code::Invalid, "a call result for " + path_ + " has an empty idempotency key"};
  if (batch.snapshot && batch.snapshot->seq < 0)
    return {Code::Invalid, "a snapshot for " + path_ + " has a negative seq"};
  for (const auto& d : batch.definitions)
    if (d.hash.empty() || d.id.empty())
      return {Code::Invalid, "a definition version for " + path_ + " has no hash or no id"};
  for (const auto& a : batch.admin)
    if (a.kind.empty() || a.after_seq < -1)
      return {Code::Invalid, "an administrative change for " + path_ + " has no kind or a bad position"};
  return {};
}

Status SqliteLog::append(const Batch& batch, AppendResult& result) {
  result.events.clear();
  if (Status s = verified(); !s.ok()) return s;  // never write into a file that failed its check
  if (options_.read_only) {
    return {Code::ReadOnly, path_ + " was opened read-only: open it for writing to append"};
  }
  if (Status s = validate(batch); !s.ok()) return s;
  if (batch.empty()) return {};

  Pending me;
  me.batch = &batch;
  me.result = &result;
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leader_active_) {
      queue_cv_.wait(lock);
      continue;
    }
    // Lead: take everything queued (our own batch included) and commit it together.
    leader_active_ = true;
    std::vector<Pending*> group;
    group.swap(queue_);
    lock.unlock();
    commit_group(group);
    lock.lock();
    for (Pending* p : group) p->done = true;
    leader_active_ = false;
    queue_cv_.notify_all();
  }
  return std::move(me.status);
}

void SqliteLog::commit_group(std::vector<Pending*>& group) {
  std::lock_guard guard(writer_mutex_);
  if (broken_) {
    for (Pending* p : group) p->status = broken_status_;
    return;
  }
  // A batch that fails on its own (not the disk, not the file) is taken out and the rest
  // is written again, so one bad batch never costs the others their acknowledgement.
  std::vector<Pending*> live(group.begin(), group.end());
  while (!live.empty()) {
    int rc = w_.begin.step();
    w_.begin.reset();
    if (rc != SQLITE_DONE) {
      Status s = fail(rc, writer_, "starting a transaction");
      for (Pending* p : live) p->status = s;
      return;
    }
    Status fatal;
    std::size_t bad = live.size();
    for (std::size_t i = 0; i < live.size(); ++i) {
      Pending& p = *live[i];
      p.new_events = p.duplicates = 0;
      rc = SQLITE_OK;
      Status s = write_batch(p, rc);
      if (s.ok()) continue;
      if (is_fatal(rc) || sqlite3_get_autocommit(writer_.get())) {
        fatal = std::move(s);
      } else {
        p.status = std::move(s);
        bad = i;
      }
      break;
    }
    if (fatal.ok() && bad == live.size()) {
      rc = w_.commit.step();
      w_.commit.reset();
      if (rc == SQLITE_DONE) {
        commits_.fetch_add(1, std::memory_order_relaxed);
        for (Pending* p : live) {
          batches_.fetch_add(1, std::memory_order_relaxed);
          events_.fetch_add(p->new_events, std::memory_order_relaxed);
          duplicates_.fetch_add(p->duplicates, std::memory_order_relaxed);
        }
        return;
      }
      fatal = fail(rc, writer_, "committing");
    }
    if (!sqlite3_get_autocommit(writer_.get())) {
      w_.rollback.step();
      w_.rollback.reset();
    }
    for (Pending* p : live) p->result->events.clear();
    if (!fatal.ok()) {
      spdlog::error("event log: {} ({} batches not acknowledged)", fatal.message, live.size());
      if (fatal.code == Code::IoError || fatal.code == Code::Corrupt) {
        broken_ = true;
        broken_status_ = fatal;
      }
      for (Pending* p : live) p->status = fatal;
      return;
    }
    live.erase(live.begin() + static_cast<std::ptrdiff_t>(bad));
  }
}

Status SqliteLog::write_batch(Pending& p, int& rc) {
  const Batch& b = *p.batch;
  auto& out = p.result->events;
  out.clear();
  out.reserve(b.events.size());
  for (const auto& ne : b.events) {
    const Event& e = ne.event;
    data_scratch_.clear();
    append_binary(e.data, data_scratch_);
    Statement& s = w_.insert_event;
    ResetOnExit reset(s);
    s.bind(1, kind_name(ne.kind));
    s.bind(2, e.source);
    s.bind(3, e.id);
    s.bind(4, e.type);
    s.bind(5, e.subject);
    if (e.has_time) s.bind(6, e.time.ms);
    else s.bind_null(6);
    s.bind_blob(7, data_scratch_);
    rc = s.step();
    if (rc != SQLITE_DONE) return fail(rc, writer_, "appending an event");
    if (sqlite3_changes(writer_.get()) == 1) {
      out.push_back({sqlite3_last_insert_rowid(writer_.get()), false});
      ++p.new_events;
      continue;
    }
    // Ignored: only the unique (source, id) of external events can cause that.
    Statement& f = w_.find_external;
    ResetOnExit reset_find(f);
    f.bind(1, e.source);
    f.bind(2, e.id);
    rc = f.step();
    if (rc != SQLITE_ROW) return fail(rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, writer_,
                                      "looking up a duplicate event");
    out.push_back({f.int64(0), true});
    ++p.duplicates;
  }
  for (const auto& o : b.outbox) {
    Statement& s = w_.insert_outbox;
    ResetOnExit reset(s);
    s.bind(1, o.key);
    s.bind(2, o.operation);
    s.bind(3, o.args_json);
    s.bind(4, std::string_view(o.done ? "done" : "pending"));
    s.bind(5, static_cast<std::int64_t>(o.attempts));
    s.bind(6, o.last_error);
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "adding to the outbox");
  }
  for (const auto& c : b.call_results) {
    Statement& s = w_.insert_call;
    ResetOnExit reset(s);
    s.bind(1, c.key);
    s.bind(2, c.operation);
    s.bind(3, c.ok ? std::string_view("ok") : (c.code.empty() ? std::string_view("error")
                                                               : std::string_view(c.code)));
    s.bind(4, c.ok ? std::string_view(c.result_json) : std::string_view(""));
    s.bind(5, c.message);
    s.bind(6, c.recorded_at_ms ? c.recorded_at_ms : wall_ms());
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "recording a call result");
  }
  for (const auto& [key, error] : b.outbox_failures) {
    Statement& s = w_.outbox_failure;
    ResetOnExit reset(s);
    s.bind(1, error);
    s.bind(2, key);
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "updating the outbox");
  }
  for (const auto& key : b.outbox_done) {
    Statement& s = w_.outbox_done;
    ResetOnExit reset(s);
    s.bind(1, key);
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "updating the outbox");
  }
  for (const auto& d : b.definitions) {
    Statement& s = w_.insert_definition;
    ResetOnExit reset(s);
    s.bind(1, d.hash);
    s.bind(2, d.id);
    s.bind(3, d.file);
    s.bind(4, d.source);
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "storing a definition version");
  }
  if (!b.admin.empty()) {
    std::int64_t last = 0;
    {
      Statement& m = w_.max_seq;
      ResetOnExit reset(m);
      if ((rc = m.step()) != SQLITE_ROW) return fail(rc, writer_, "reading the last seq");
      last = m.int64(0);
    }
    for (const auto& a : b.admin) {
      Statement& s = w_.insert_admin;
      ResetOnExit reset(s);
      s.bind(1, a.after_seq < 0 ? last : a.after_seq);
      s.bind(2, a.kind);
      s.bind(3, a.payload_json);
      s.bind(4, a.by);
      s.bind(5, a.at_ms ? a.at_ms : wall_ms());
      if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "recording an administrative change");
    }
  }
  if (b.snapshot) {
    Statement& s = w_.insert_snapshot;
    ResetOnExit reset(s);
    s.bind(1, b.snapshot->seq);
    s.bind(2, b.snapshot->created_at_ms ? b.snapshot->created_at_ms : wall_ms());
    s.bind_blob(3, b.snapshot->blob);
    if ((rc = s.step()) != SQLITE_DONE) return fail(rc, writer_, "storing a snapshot");
    Statement& prune = w_.prune_snapshots;
    ResetOnExit reset_prune(prune);
    prune.bind(1, static_cast<std::int64_t>(options_.keep_snapshots));
    if ((rc = prune.step()) != SQLITE_DONE) return fail(rc, writer_, "pruning old snapshots");
  }
  return {};
}

Status SqliteLog::replay(std::int64_t from_seq, const ReplayVisitor& visit) {
  std::lock_guard guard(*read_mutex_);
  Statement& s = r_.replay;
  ResetOnExit reset(s);
  s.bind(1, from_seq);
  LoggedEvent ev;
  std::string error, last_type;
  EventTypeId last_type_id = 0;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    ev.seq = s.int64(0);
    ev.kind = parse_kind(s.text(1));
    Event& e = ev.event;
    e.source.assign(s.text(2));
    e.id.assign(s.text(3));
    // Logs repeat a handful of types: skip the interner when the type did not change.
    const std::string_view type = s.text(4);
    if (type != last_type) {
      last_type.assign(type);
      last_type_id = event_type_id(last_type);
    }
    e.type.assign(type);
    e.type_id = last_type_id;
    e.subject.assign(s.text(5));
    e.has_time = !s.is_null(6);
    e.time.ms = e.has_time ? s.int64(6) : 0;
    if (!parse_binary(s.blob(7), e.data, error)) {
      return {Code::Corrupt, path_ + " is damaged: the event at seq " + std::to_string(ev.seq) +
                                 " has unreadable data (" + error +
                                 "): restore the file from a backup"};
    }
    if (!visit(ev)) return {};
  }
  if (rc != SQLITE_DONE) return fail(rc, *read_conn_, "replaying events");
  return {};
}

Status SqliteLog::find_call_result(std::string_view key, CallRecord& out, bool& found) {
  std::lock_guard guard(*read_mutex_);
  found = false;
  Statement& s = r_.find_call;
  ResetOnExit reset(s);
  s.bind(1, key);
  int rc = s.step();
  if (rc == SQLITE_DONE) return {};
  if (rc != SQLITE_ROW) return fail(rc, *read_conn_, "looking up a call result");
  out.key.assign(key);
  out.operation.assign(s.text(0));
  const std::string_view status = s.text(1);
  out.ok = status == "ok";
  out.code = out.ok ? std::string() : std::string(status);
  out.result_json.assign(s.text(2));
  out.message.assign(s.text(3));
  out.recorded_at_ms = s.int64(4);
  found = true;
  return {};
}

Status SqliteLog::latest_snapshot(Snapshot& out, bool& found) {
  std::lock_guard guard(*read_mutex_);
  found = false;
  Statement& s = r_.latest_snapshot;
  ResetOnExit reset(s);
  int rc = s.step();
  if (rc == SQLITE_DONE) return {};
  if (rc != SQLITE_ROW) return fail(rc, *read_conn_, "reading the latest snapshot");
  out.seq = s.int64(0);
  out.created_at_ms = s.int64(1);
  out.blob.assign(s.blob(2));
  found = true;
  return {};
}

Status SqliteLog::pending_outbox(std::vector<OutboxEntry>& out, std::size_t limit) {
  std::lock_guard guard(*read_mutex_);
  out.clear();
  Statement& s = r_.pending_outbox;
  ResetOnExit reset(s);
  s.bind(1, limit > static_cast<std::size_t>(INT64_MAX) ? INT64_MAX
                                                        : static_cast<std::int64_t>(limit));
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    OutboxEntry e;
    e.key.assign(s.text(0));
    e.operation.assign(s.text(1));
    e.args_json.assign(s.text(2));
    e.attempts = static_cast<std::int32_t>(s.int64(3));
    e.last_error.assign(s.text(4));
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return fail(rc, *read_conn_, "listing the outbox");
  return {};
}

Status SqliteLog::definition_versions(std::vector<DefinitionVersion>& out) {
  std::lock_guard guard(*read_mutex_);
  out.clear();
  if (!has_admin_tables_) return {};
  Statement& s = r_.definitions;
  ResetOnExit reset(s);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW)
    out.push_back({std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3))});
  if (rc != SQLITE_DONE) return fail(rc, *read_conn_, "reading its definition versions");
  return {};
}

Status SqliteLog::admin_records(std::vector<AdminRecord>& out) {
  std::lock_guard guard(*read_mutex_);
  out.clear();
  if (!has_admin_tables_) return {};
  Statement& s = r_.admin;
  ResetOnExit reset(s);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    AdminRecord a;
    a.pos = s.int64(0);
    a.after_seq = s.int64(1);
    a.kind.assign(s.text(2));
    a.payload_json.assign(s.text(3));
    a.by.assign(s.text(4));
    a.at_ms = s.int64(5);
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return fail(rc, *read_conn_, "reading its administrative changes");
  return {};
}

Status SqliteLog::read_one_int(Statement& s, const char* what, std::int64_t& out) {
  std::lock_guard guard(*read_mutex_);
  ResetOnExit reset(s);
  int rc = s.step();
  if (rc != SQLITE_ROW) return fail(rc, *read_conn_, what);
  out = s.int64(0);
  return {};
}

Status SqliteLog::last_seq(std::int64_t& out) { return read_one_int(r_.last_seq, "reading the last seq", out); }

Status SqliteLog::count(std::int64_t& out) { return read_one_int(r_.count, "counting events", out); }

Status SqliteLog::check_integrity() {
  std::lock_guard guard(*read_mutex_);
  std::string problems;
  int rc = run_check(*read_conn_, "PRAGMA integrity_check(5)", problems);
  if (rc != SQLITE_OK) return fail(rc, *read_conn_, "checking its integrity");
  if (!problems.empty()) {
    return {Code::Corrupt, path_ + " is damaged (" + problems +
                               "): restore it from a backup, or move it aside and start with an "
                               "empty --data-dir"};
  }
  return {};
}

LogStats SqliteLog::stats() const {
  return {commits_.load(std::memory_order_relaxed), batches_.load(std::memory_order_relaxed),
          events_.load(std::memory_order_relaxed), duplicates_.load(std::memory_order_relaxed)};
}

}  // namespace cohort::store::details
