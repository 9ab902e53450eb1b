#pragma once
/// @file recording_gateway.hpp
/// @brief Plugin calls recorded in the event log, so a replay never runs a side effect twice.

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/plugin_gateway.hpp"
#include "store/event_log.hpp"

namespace cohort::run {

/// @brief Wraps the real gateway. Before a call it looks for a recorded result under the
///        call's idempotency key and, when there is one, answers with it without calling
///        the plugin; otherwise it calls, records the outcome durably, then answers.
///        While `replaying`, events are not published again to plugins (they saw them
///        in the run that logged them).
class RecordingGateway : public runtime::PluginGateway {
 public:
  RecordingGateway(runtime::PluginGateway& inner, store::EventLog& log) : inner_(inner), log_(log) {}

  runtime::CallOutcome call(const runtime::CallRequest& request) override;
  void publish(const Event& event) override;
  std::vector<Event> take_emitted() override { return inner_.take_emitted(); }

  void set_replaying(bool on) { replaying_ = on; }
  /// @brief Calls answered from the log / made for real since the gateway was made.
  std::uint64_t replayed_calls() const { return replayed_; }
  std::uint64_t live_calls() const { return live_; }
  /// @brief How many results could not be recorded, and the first reason (empty: none).
  std::uint64_t unrecorded_calls() const { return unrecorded_; }
  std::string first_record_failure() const {
    std::lock_guard lock(failure_mutex_);
    return first_failure_;
  }

 private:
  runtime::PluginGateway& inner_;
  store::EventLog& log_;
  std::atomic<bool> replaying_{false};
  std::atomic<std::uint64_t> replayed_{0}, live_{0}, unrecorded_{0};
  mutable std::mutex failure_mutex_;
  std::string first_failure_;
};

}  // namespace cohort::run
