#pragma once
/// @file batch.hpp
/// @brief The unit of commit: everything in one Batch becomes durable together or not
///        at all, and is durable when `EventLog::append` returns OK.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/records.hpp"

namespace cohort::store {

/// @brief An event to append.
struct NewEvent {
  EventKind kind = EventKind::External;
  Event event;
};

/// @brief Writes that commit atomically: events, plus the bookkeeping that must not
///        drift from them (outbox entries a transition caused, results of calls, the
///        outbox entries those results settle, a snapshot).
struct Batch {
  std::vector<NewEvent> events;
  /// Calls to make; an entry whose key is already in the outbox is left as it is.
  std::vector<OutboxEntry> outbox;
  /// Outbox keys whose calls are settled (made state "done"). Unknown keys are ignored.
  std::vector<std::string> outbox_done;
  /// Failed attempts of outbox calls: (key, error); adds one to `attempts`.
  std::vector<std::pair<std::string, std::string>> outbox_failures;
  /// Results to record; a key recorded before keeps its first result.
  std::vector<CallRecord> call_results;
  std::optional<Snapshot> snapshot;
  /// Definition versions to keep (a hash stored before is left as it is).
  std::vector<DefinitionVersion> definitions;
  /// Administrative changes, written after this batch's events. An `after_seq` of -1
  /// places the change after the last event of the log as of this commit.
  std::vector<AdminRecord> admin;

  bool empty() const {
    return events.empty() && outbox.empty() && outbox_done.empty() && outbox_failures.empty() &&
           call_results.empty() && !snapshot && definitions.empty() && admin.empty();
  }
};

/// @brief What became of one appended event.
struct Appended {
  std::int64_t seq = 0;    ///< its position; for a duplicate, the position of the original
  bool duplicate = false;  ///< an external event with this (source, id) was logged before
};

/// @brief One entry per `Batch::events`, in order.
struct AppendResult {
  std::vector<Appended> events;
};

}  // namespace cohort::store
