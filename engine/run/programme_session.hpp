#pragma once
/// @file programme_session.hpp
/// @brief A programme ready to run: its file, its workflows, its plugins and an engine.
///
/// What `cohort run`, `cohort generate` and the end-to-end tests share: read the
/// programme file, load and check the workflows it names (against the operations of
/// the plugins found), load those plugins with the programme's configuration, and
/// create the programme instance.

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "loader/diagnostic.hpp"
#include "run/migration.hpp"
#include "runtime/engine.hpp"
#include "value/value.hpp"

namespace cohort::run {

/// @brief How to open a programme.
struct SessionOptions {
  std::string programme_file;
  std::vector<std::string> plugin_dirs;  ///< empty: the built-in default (next to the binary)
  std::string data_dir = "var";
  unsigned threads = 0;
  bool keep_history = true;
  runtime::Observer* observer = nullptr;
  /// Keep the event log in DATA_DIR/cohort.db: events are durable before they are
  /// applied, plugin results are recorded, and opening replays what an earlier run logged.
  bool durable = false;
  /// With `durable`: open the log only to read it (replay, inspect); feed is refused.
  bool read_only = false;
  /// With `durable`: start from the log's latest snapshot and replay only what follows it.
  /// Off: rebuild from the log alone (to check a snapshot, or when one is suspect).
  bool use_snapshots = true;
  /// With `durable`: during a feed, store a snapshot once at least this many events were
  /// applied since the last one (at a chunk's end, when no instance waits for a call
  /// retry), so a crash mid-run replays only what followed it. 0: only at checkpoint().
  std::uint64_t snapshot_every = 100000;
  /// With `durable`: events per log transaction (one fsync) during a feed.
  std::size_t commit_chunk = 10000;
};

/// @brief What opening a durable session found in its log.
struct RecoveryReport {
  std::uint64_t replayed_events = 0;   ///< logged external events applied again
  std::uint64_t recorded_calls = 0;    ///< plugin calls answered from the log while replaying
  std::int64_t snapshot_seq = 0;       ///< the snapshot recovery started from (0: none)
  std::uint64_t snapshots_taken = 0;   ///< snapshots stored by feeds since open (not checkpoint())
  /// Calls with side effects the last process wrote to the outbox but did not see finish
  /// (it stopped in between): made again, with the same idempotency keys, by the replay.
  std::uint64_t interrupted_effects = 0;
  double seconds = 0;
  /// Workflow versions deployed at this open because the files changed since the last
  /// run, one readable line each.
  std::vector<std::string> deployments;
};

class SessionImpl;

/// @brief An open programme.
class ProgrammeSession {
 public:
  /// @brief Opens a programme. Returns null and fills `errors` (one line each, with
  ///        file and location) when the programme, a workflow or a needed plugin is bad.
  static std::unique_ptr<ProgrammeSession> open(const SessionOptions& options, std::vector<std::string>& errors);
  ~ProgrammeSession();

  runtime::Engine& engine();
  const Value& programme() const;
  /// @brief The programme instance's subject (the programme id).
  const std::string& programme_id() const;
  /// @brief Submits `programme.created` for the programme instance at `at` (once).
  void create_programme_instance(Timestamp at);
  /// @brief The programme's `dates.created`, when it has one.
  std::optional<Timestamp> created_at() const;
  /// @brief Feeds events to the engine (see Engine::feed); events plugins emit join
  ///        between rounds.
  std::vector<runtime::SubmitResult> feed(std::vector<Event> events,
                                          const std::function<void(std::size_t)>& progress = {});
  /// @brief Advances the clock (Engine::advance_to).
  void advance_to(Timestamp t);
  /// @brief The event log's error when a feed could not make events durable (a full disk,
  ///        an I/O error: those events and all after them were not applied), or when plugin
  ///        results could not be recorded (a later open calls those plugins again, with the
  ///        same idempotency keys). Empty otherwise.
  const std::string& log_failure() const;
  /// @brief What replaying the log at open did (zeros for a session that is not durable).
  const RecoveryReport& recovery() const;
  /// @brief True when a loaded plugin offers `operation`.
  bool has_operation(std::string_view operation) const;
  /// @brief The definition new instances of `id` start on ("participant", "programme"):
  ///        in a durable session the version deployed last, else the one loaded. Null when none.
  const model::Definition* definition(std::string_view id) const;

  /// @brief What `plan` would do now (nothing changes). False with `error` when the plan
  ///        names no known definition or version.
  bool plan_migration(const MigrationPlan& plan, std::vector<MigrationItem>& items, std::string& error) const;
  /// @brief Records the migration in the log (one transaction: the audit record) and
  ///        applies it. Refuses, changing nothing, when any affected instance cannot be
  ///        moved; `items` then says which and why. Durable, writable sessions only.
  bool migrate(const MigrationPlan& plan, std::vector<MigrationItem>& items, std::string& error);
  /// @brief Stores a snapshot of every instance as of the last logged event, so the next
  ///        open replays only what comes after it. False with `error` when none can be
  ///        taken now (not durable, read-only, an instance waiting for a call retry).
  bool checkpoint(std::string& error);
  /// @brief Records an administrator's retry of an instance parked in incident and makes
  ///        it (a replay makes it again at the same point). Durable, writable sessions only.
  bool retry(std::string_view subject, std::string& error);

 private:
  explicit ProgrammeSession(std::unique_ptr<SessionImpl> impl);
  std::unique_ptr<SessionImpl> impl_;
};

/// @brief Reopens the programme whose event log is in `data_dir`: finds the programme
///        file the log's first event names, opens it and replays the log. Read-only for
///        `cohort instances` and `cohort history`; `for_writing` for `cohort migrate` and
///        `cohort retry` (which then hold the log's writer lock).
std::unique_ptr<ProgrammeSession> open_logged(const std::string& data_dir, const std::vector<std::string>& plugin_dirs,
                                              std::vector<std::string>& errors, bool for_writing = false,
                                              bool use_snapshots = true);

/// @brief The plugin directory used when none is given: `plugins/` beside the binary's
///        `bin/` folder (the build tree layout), else $COHORT_PLUGIN_PATH.
std::vector<std::string> default_plugin_dirs();

}  // namespace cohort::run
