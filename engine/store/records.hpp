#pragma once
/// @file records.hpp
/// @brief What the event log keeps: logged events, recorded plugin results, snapshots
///        and outbox entries.

#include <cstdint>
#include <string>
#include <string_view>

#include "event/event.hpp"

namespace cohort::store {

/// @brief Where a logged event came from. Only external events are deduplicated.
enum class EventKind : std::uint8_t {
  External,    ///< submitted from outside (files, API); unique by (source, id) forever
  Emitted,     ///< emitted by an instance to another
  Timer,       ///< a timer firing
  CallResult,  ///< the outcome of a plugin call, turned into an event
};

/// @brief "external", "emitted", "timer", "call_result" (the text stored in the log).
std::string_view kind_name(EventKind kind);

/// @brief One event in the log, with its position.
struct LoggedEvent {
  std::int64_t seq = 0;  ///< position in the log: 1, 2, 3... in append order
  EventKind kind = EventKind::External;
  Event event;
};

/// @brief The recorded outcome of one plugin call attempt, found again by its
///        idempotency key so a replay never runs the side effect a second time.
struct CallRecord {
  std::string key;          ///< the idempotency key "SUBJECT/STEP/ATTEMPT"
  std::string operation;
  bool ok = false;
  std::string result_json;  ///< the plugin's result when ok
  std::string code;         ///< the failure code when not ok ("timeout", "error", ...)
  std::string message;      ///< the failure message when not ok
  std::int64_t recorded_at_ms = 0;  ///< wall clock when recorded (set by the store)
};

/// @brief Engine state as of a log position; replay starts after `seq`.
struct Snapshot {
  std::int64_t seq = 0;            ///< the last event the snapshot includes
  std::int64_t created_at_ms = 0;  ///< wall clock (set by the store)
  std::string blob;                ///< opaque to the store
};

/// @brief A call with side effects, written in the same transaction as the transition
///        that decided it, so a crash can neither lose it nor run it twice unrecorded.
struct OutboxEntry {
  std::string key;  ///< idempotency key; enqueuing an existing key again changes nothing
  std::string operation;
  std::string args_json;
  bool done = false;
  std::int32_t attempts = 0;
  std::string last_error;
};

/// @brief One version of a workflow definition as deployed into a log: its text is kept,
///        so a replay runs every instance on the version it started on.
struct DefinitionVersion {
  std::string hash;    ///< content hash (model::Definition::hash), the version identity
  std::string id;      ///< the definition id ("participant", "programme")
  std::string file;    ///< where it was loaded from when deployed
  std::string source;  ///< the file's text
};

/// @brief An administrator's change to a run, kept at its place in the log so a replay
///        makes it at the same point: a deployment, a migration, an incident retry, and
///        the events plugins emitted, where the engine took them in.
struct AdminRecord {
  std::int64_t pos = 0;        ///< 1, 2, 3... in the order the changes were made (set by the store)
  std::int64_t after_seq = 0;  ///< takes effect after this event (0: before the first)
  std::string kind;            ///< "deploy", "migration", "retry", "emitted"
  std::string payload_json;    ///< what was changed (a JSON object; see run/admin.hpp)
  std::string by;              ///< who made it (user name), for the audit trail
  std::int64_t at_ms = 0;      ///< wall clock when recorded (set by the store)
};

}  // namespace cohort::store
