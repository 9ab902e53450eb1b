#pragma once
/// @file instance.hpp
/// @brief One running workflow instance and what travels to it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event/event.hpp"
#include "model/definition.hpp"
#include "runtime/details/history_log.hpp"
#include "runtime/plugin_gateway.hpp"

namespace cohort::runtime::details {

/// @brief Why something is in an instance's inbox.
enum class DeliveryKind : std::uint8_t {
  External,    ///< submitted from outside
  Emitted,     ///< emitted by another instance
  CallResult,  ///< OP.done / OP.failed of this instance's own call
  TimerFired,  ///< one of the state's `after` timers
  CallRetry,   ///< time to try a failed call again
  CallSettled, ///< the place of a call with side effects among the step's results: applied once
               ///< the engine made it at the round's end and put its outcome in the pending call
};

/// @brief A plugin call that is not finished: its next attempt waits for a timer, or
///        (side effects) for the end of the round.
struct PendingCall {
  const model::CallAction* action = nullptr;
  std::string args_json;
  std::uint32_t step = 0;
  int attempt = 1;
  std::string last_code;
  std::string last_message;
  bool deferred = false;               ///< a call with side effects, made at the round's end
  std::optional<CallOutcome> settled;  ///< its outcome, once made
};

/// @brief One item of an instance's inbox.
struct Delivery {
  DeliveryKind kind = DeliveryKind::External;
  Event event;
  const model::CallAction* call = nullptr;  ///< CallResult: the action whose result this is
  const model::Timer* timer = nullptr;      ///< TimerFired
  std::uint32_t entry_seq = 0;              ///< TimerFired: the state entry that armed it
};

/// @brief A running instance. Touched only by the strand of its partition during a
///        round, and only by the driver thread between rounds.
struct Instance {
  std::string subject;
  std::shared_ptr<const model::Definition> definition;
  static constexpr std::int32_t kNoState = -1;
  static constexpr std::int32_t kIncident = -2;
  std::int32_t state = kNoState;
  std::int32_t state_before_incident = kNoState;
  std::uint32_t entry_seq = 0;   ///< bumped on every state entry: stale timers compare it
  std::uint32_t call_steps = 0;  ///< calls made so far: the STEP of idempotency keys
  std::uint32_t emit_seq = 0;    ///< emits made so far: orders emits deterministically
  std::uint32_t partition = 0;
  bool active = false;           ///< already listed as active in this round
  bool blocked = false;          ///< waiting for a call (retry, side effect) or parked in incident
  Timestamp entered_at;
  Value data;
  HistoryLog history;
  std::vector<Delivery> inbox;
  std::size_t inbox_head = 0;
  std::vector<PendingCall> pending_calls;       ///< attempts waiting for a retry timer or the round's end
  std::unique_ptr<PendingCall> incident_call;   ///< the call that parked the instance
};

}  // namespace cohort::runtime::details
