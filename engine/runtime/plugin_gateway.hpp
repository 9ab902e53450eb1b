#pragma once
/// @file plugin_gateway.hpp
/// @brief What the runtime needs from plugins: calling an operation, publishing events.
///
/// The runtime depends on this small interface, not on the plugin host, so it can
/// be tested and benchmarked with an in-process gateway; the CLI plugs the real
/// host in through host_gateway.hpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "event/event.hpp"

namespace cohort::runtime {

/// @brief One attempt of one plugin call.
struct CallRequest {
  std::string_view operation;
  std::string args_json;
  std::string_view subject;
  /// "SUBJECT/STEP/ATTEMPT": the same for a replay of the same attempt, so a plugin
  /// with side effects can refuse to do them twice.
  std::string idempotency_key;
  int attempt = 1;
  std::int64_t timeout_ms = 5000;
};

/// @brief How an attempt ended.
struct CallOutcome {
  bool ok = false;
  std::string result_json;  ///< the plugin's result (JSON text) when ok
  std::string code;         ///< "error", "timeout", "unknown_operation", "no_plugin_host", ...
  std::string message;
  /// perform() only: the call was not made and is not an attempt (its outbox entry could
  /// not be written, or the log is only being read). The instance keeps waiting for it;
  /// the next run makes it, with the same key.
  bool not_made = false;
};

/// @brief Where in a run the engine takes plugins' events in: what a gateway that records
///        them needs to place them again on a replay.
struct EmitPoint {
  /// Events of the current Engine::feed call taken in so far; kNotFeeding outside a feed
  /// (a clock move, a retry, a migration).
  std::size_t fed = kNotFeeding;
  /// The engine's clock; an emitted event without a time gets this one.
  Timestamp clock;
  static constexpr std::size_t kNotFeeding = static_cast<std::size_t>(-1);
};

/// @brief The runtime's door to plugins. Called from engine worker threads.
///
/// Operations with side effects (has_effects) are not called where a step decides them:
/// the step waits, and at the end of the round the engine hands every such call of the
/// round to perform() at once, then delivers the outcomes. A durable gateway writes them
/// to its outbox there, before any is made, and records how each ended.
class PluginGateway {
 public:
  virtual ~PluginGateway() = default;
  /// @brief Runs one attempt, honouring its timeout. [any worker thread]
  virtual CallOutcome call(const CallRequest& request) = 0;
  /// @brief True when `operation` acts outside Cohort (mail, other systems). [any worker thread]
  virtual bool has_effects(std::string_view operation) const {
    (void)operation;
    return false;
  }
  /// @brief Makes the calls with side effects of one round; one outcome per request, in
  ///        order. The default makes them concurrently through call(). [driver thread]
  virtual std::vector<CallOutcome> perform(const std::vector<CallRequest>& requests);
  /// @brief Hands an applied event to the plugins that subscribe to it. [any worker thread]
  virtual void publish(const Event& event) { (void)event; }
  /// @brief Events plugins emitted since the last take, parsed, in arrival order; the
  ///        engine submits them between rounds, at its clock (`at`). [driver thread]
  virtual std::vector<Event> take_emitted(const EmitPoint& at) {
    (void)at;
    return {};
  }
};

/// @brief Makes `requests` through `gateway.call`, up to `max_threads` at a time; one
///        outcome per request, in order.
std::vector<CallOutcome> call_concurrently(PluginGateway& gateway, const std::vector<CallRequest>& requests,
                                           unsigned max_threads = 8);

}  // namespace cohort::runtime
