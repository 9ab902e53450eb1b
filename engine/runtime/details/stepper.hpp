#pragma once
/// @file stepper.hpp
/// @brief Applies an instance's inbox to it: guards, transitions, actions, timers.
///
/// Pure of threads and I/O but for plugin calls: the engine hands each active
/// instance to `run_instance` on the strand of its partition, and collects what
/// the steps produced (emits, timers, counters) into that partition's StepOutput.

#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/details/instance.hpp"
#include "runtime/engine.hpp"

namespace cohort::runtime::details {

/// @brief An event one instance sends to others, routed by the engine after the round.
struct EmitRecord {
  std::string_view from_subject;  ///< views the sender's subject: instances never move
  std::uint32_t seq = 0;
  Instance* from = nullptr;
  const model::EmitAction* action = nullptr;
  Value subjects;  ///< for EmitTarget::Subjects: a string or a list of strings
  Event event;
};

/// @brief A timer armed by a step: a state's `after`, or a call retry.
struct TimerRecord {
  Timestamp due;
  Instance* instance = nullptr;
  DeliveryKind kind = DeliveryKind::TimerFired;
  const model::Timer* timer = nullptr;  ///< TimerFired
  std::uint32_t entry_seq = 0;          ///< TimerFired: stale when the instance re-entered since
  std::uint32_t step = 0;               ///< CallRetry: which pending call
};

/// @brief A call with side effects a step decided; the engine makes the round's together.
struct EffectRequest {
  Instance* instance = nullptr;
  std::uint32_t step = 0;  ///< which pending call of the instance
  CallRequest request;     ///< views the action's operation and the instance's subject
};

/// @brief What the steps of one partition produced in one round.
struct StepOutput {
  std::vector<EmitRecord> emits;
  std::vector<EffectRequest> effects;
  std::vector<TimerRecord> timers;
  std::uint64_t transitions = 0;
  std::uint64_t calls = 0;
  std::uint64_t call_failures = 0;
  std::string last_source;  ///< cache of the last event source's symbol
  Symbol last_source_symbol = kNoSymbol;
};

/// @brief What every step may read.
struct StepEnv {
  Timestamp now;
  const Value& programme;
  PluginGateway* plugins;
  Observer* observer;
  bool keep_history;
};

/// @brief Applies the instance's inbox until it is empty or the instance blocks.
void run_instance(Instance& instance, const StepEnv& env, StepOutput& out);

/// @brief Applies one external event to an idle instance (nothing queued, not blocked) without
///        going through its inbox, then whatever the step queued (call results).
void apply_now(Instance& instance, const Event& event, const StepEnv& env, StepOutput& out);

/// @brief The name of an instance's current state ("incident" when parked).
std::string_view state_name(const Instance& instance);

/// @brief Moves an instance onto another version of its definition, at `state` (an index
///        into the new version), with `data`; no exit or entry actions run. The new
///        state's timers are armed as of when the instance entered its old state.
void rebind(Instance& instance, std::shared_ptr<const model::Definition> definition, std::int32_t state, Value data,
            const std::string& note, const StepEnv& env, StepOutput& out);

}  // namespace cohort::runtime::details
