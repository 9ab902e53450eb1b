#pragma once
/// @file durable_feed.hpp
/// @brief Events into the engine through the event log: durable first, applied after;
///        and the way back, a log replayed into an engine.

#include <functional>
#include <vector>

#include "runtime/engine.hpp"
#include "store/event_log.hpp"

namespace cohort::run {

/// @brief How feed_durably cuts and reports its work.
struct FeedOptions {
  /// Events per transaction (one fsync each).
  std::size_t chunk = 10000;
  /// After each chunk: how many events have been handed to the engine so far.
  std::function<void(std::size_t)> progress;
  /// After each chunk is applied, with the engine idle between feeds: the log position
  /// every applied event is at or before (a snapshot taken now belongs there).
  std::function<void(std::int64_t applied_through_seq)> after_chunk;
  /// Before each chunk goes to the engine: the position every earlier applied event is at
  /// or before, and the position of each event of the chunk (0: not logged).
  std::function<void(std::int64_t before_seq, const std::vector<std::int64_t>& seqs)> before_apply;
  /// Gets the append's error when one failed (may be null).
  store::Status* append_failure = nullptr;
};

/// @brief Appends `events` in chunks (one transaction, one fsync each) and applies each
///        chunk only once its append returned OK. The next chunk's append overlaps the
///        current chunk's application. An event that cannot be logged (missing id,
///        source, type or subject) goes to the engine unlogged, which refuses it. When an
///        append fails, that chunk and every later one are refused, not applied.
std::vector<runtime::SubmitResult> feed_durably(store::EventLog& log, runtime::Engine& engine,
                                                std::vector<Event> events, const FeedOptions& options = {});

/// @brief What a replay applied.
struct ReplayCounts {
  std::uint64_t events = 0;
  std::uint64_t clock_moves = 0;
};

/// @brief Makes one administrative change (deploy, migration, retry) during a replay.
using AdminAction = std::function<void(const store::AdminRecord&)>;

/// @brief Applies a log to an engine in log order, a page at a time (read first, applied
///        after: applying may look call results up in the same log). External events are
///        fed; Timer entries move the clock; each of `admin` (in pos order) is handed to
///        `apply_admin` right after the event it follows was applied. `first_event` (may
///        be empty) sees the first external event and may refuse the log by returning
///        false with a message. `from_seq` > 1 continues after a snapshot. Ends with the
///        verdict of the log's background integrity check, when it has one.
store::Status replay_into(store::EventLog& log, runtime::Engine& engine, ReplayCounts& counts,
                          const std::function<bool(const Event&, std::string&)>& first_event = {},
                          const std::vector<store::AdminRecord>& admin = {}, const AdminAction& apply_admin = {},
                          std::int64_t from_seq = 1);

}  // namespace cohort::run
