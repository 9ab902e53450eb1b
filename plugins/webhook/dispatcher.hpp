#pragma once
/// @file dispatcher.hpp
/// @brief Delivers events to the configured targets: one queue and one worker thread per
///        target, so a receiver that is slow or down holds up only its own queue, and the
///        engine, which only enqueues, never waits for the network.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cloud_event.hpp"
#include "config.hpp"
#include "dead_letters.hpp"
#include "http_client.hpp"

namespace cohort_webhook {

/// @brief Severity of a dispatcher log line.
enum class Level { Debug, Info, Warn, Error };

/// @brief Where the dispatcher's log lines go (any thread).
using LogFn = std::function<void(Level, const std::string&)>;

/// @brief Counters of one target.
struct TargetStats {
  std::string name;
  std::uint64_t delivered = 0;      ///< events the receiver accepted (2xx)
  std::uint64_t retries = 0;        ///< attempts after a failed one
  std::uint64_t dead_lettered = 0;  ///< events given up on (in the dead-letter file)
  std::uint64_t queued = 0;         ///< waiting or being delivered now
  std::string last_error;           ///< the most recent failure, empty if none
};

/// @brief The delivery machinery. Thread-safe.
///
/// Per target, events are POSTed in the order they were offered. A failure (no
/// connection, timeout, 408/425/429, 5xx) is retried with exponential backoff up to the
/// target's max_attempts (a Retry-After in seconds is honoured up to max_backoff_ms);
/// any other status, or the last failed attempt, puts the event in the dead-letter file.
class Dispatcher {
 public:
  /// @brief `dead_letter_path`: the file undeliverable events are appended to.
  Dispatcher(Config config, std::string dead_letter_path, LogFn log);
  /// @brief Stops (see stop()).
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  /// @brief Opens the dead-letter file and starts the workers. False with `error` if not.
  bool start(std::string& error);

  /// @brief Queues an event (JSON object text) for every target whose patterns match its
  ///        type. Never waits for the network. A target whose queue is full gets the event
  ///        straight into the dead-letter file instead.
  void offer(std::string_view event_json);

  /// @brief Lets the workers deliver what is queued for up to config.shutdown_grace_ms,
  ///        then interrupts transfers and waits and puts what is left in the dead-letter
  ///        file. Idempotent.
  void stop();

  /// @brief Waits until no target has anything queued or in flight (or `timeout`).
  bool wait_idle(std::chrono::milliseconds timeout) const;

  std::vector<TargetStats> stats() const;
  const std::string& dead_letter_path() const { return dead_letters_.path(); }

  /// @brief The wait before attempt `attempt + 1` after `attempt` failed (1-based).
  static std::chrono::milliseconds backoff(const RetryPolicy& policy, std::uint32_t attempt);

 private:
  struct Worker;
  void run(Worker& w);
  void deliver(Worker& w, HttpClient& client, const Outgoing& item);
  // Keeps `item` in the dead-letter file; `loud`: also log it.
  void bury(Worker& w, const Outgoing& item, std::uint32_t attempts, const std::string& why, bool loud = true);

  Config config_;
  LogFn log_;
  DeadLetterFile dead_letters_;
  std::string dead_letter_path_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> abort_{false};
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace cohort_webhook
