#pragma once
/// @file recording_gateway.hpp
/// @brief Plugin calls recorded in the event log, so a replay never runs a side effect twice.

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "runtime/plugin_gateway.hpp"
#include "store/event_log.hpp"

namespace cohort::run {

/// @brief Events plugins emitted, as one administrative record of kind "emitted": the
///        engine's clock when it took them in, and the events (each with a time).
std::string emitted_payload(const std::vector<Event>& events, Timestamp clock);
/// @brief Reads emitted_payload's text. False with `error` when it is damaged.
bool parse_emitted_payload(std::string_view payload, std::vector<Event>& events, Timestamp& clock,
                           std::string& error);

/// @brief Wraps the real gateway. Before a call it looks for a recorded result under the
///        call's idempotency key and, when there is one, answers with it without calling
///        the plugin; otherwise it calls, records the outcome durably, then answers.
///        Events plugins emit are recorded durably, at the log position and clock where
///        the engine takes them in, before the engine sees them, so a replay applies them
///        at the same point (run::replay_into). While `replaying`, events are not
///        published again to plugins (they saw them in the run that logged them), and
///        what plugins emit meanwhile waits for the live run.
class RecordingGateway : public runtime::PluginGateway {
 public:
  RecordingGateway(runtime::PluginGateway& inner, store::EventLog& log) : inner_(inner), log_(log) {}

  runtime::CallOutcome call(const runtime::CallRequest& request) override;
  bool has_effects(std::string_view operation) const override { return inner_.has_effects(operation); }
  /// @brief The round's calls with side effects, through the outbox: those with a recorded
  ///        result are answered from it; the others are written to the outbox (one
  ///        transaction, before any is made), made concurrently, and their results and
  ///        completions recorded (one transaction). When the outbox cannot be written (or
  ///        the log is only read) none is made: each comes back `not_made`, and its
  ///        instance waits for the next run.
  std::vector<runtime::CallOutcome> perform(const std::vector<runtime::CallRequest>& requests) override;
  /// @brief Reads the outbox entries a previous process left pending (it stopped between
  ///        writing them and recording their completion); the calls are made again, with
  ///        the same idempotency keys, when the replay reaches them. Returns how many.
  std::size_t load_interrupted();
  /// @brief After the replay: the interrupted entries it did not reach were decided before
  ///        the snapshot it started from, so their calls were made and the engine's state
  ///        has their outcomes; they are settled in the outbox (noted as such). Returns how many.
  std::size_t settle_unreached();
  void publish(const Event& event) override;
  std::vector<Event> take_emitted(const runtime::EmitPoint& at) override;

  void set_replaying(bool on) { replaying_ = on; }
  /// @brief The log positions of the events of the Engine::feed about to run, one per
  ///        event (0: not logged), and the position everything before them is at or
  ///        before. [driver thread, between feeds]
  void begin_feed(std::int64_t before_seq, const std::vector<std::int64_t>& seqs);
  /// @brief The position of what the engine does outside a feed (a clock move logged at
  ///        `seq`); -1: after the last event of the log. [driver thread]
  void set_position(std::int64_t seq);
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
  void note_failure(const std::string& what);

  runtime::PluginGateway& inner_;
  store::EventLog& log_;
  std::vector<std::int64_t> feed_seq_;  ///< [i]: the highest position among the feed's first i+1 events
  std::int64_t before_feed_seq_ = 0;
  std::int64_t position_ = -1;
  std::atomic<bool> replaying_{false};
  std::atomic<std::uint64_t> replayed_{0}, live_{0}, unrecorded_{0};
  std::set<std::string> interrupted_;  ///< outbox keys pending when the log was opened
  mutable std::mutex failure_mutex_;
  std::string first_failure_;
};

}  // namespace cohort::run
