#pragma once
/// @file deadline_timer.hpp
/// @brief Internal: runs callbacks at deadlines on one thread (call timeouts).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace cohort::host::details {

/// @brief One thread that runs each scheduled callback once its time comes, unless cancelled.
class DeadlineTimer {
 public:
  using Clock = std::chrono::steady_clock;

  DeadlineTimer();
  /// Runs every callback still pending (so that each waiter hears back), then stops.
  ~DeadlineTimer();
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  /// @brief Schedules `fn` at `when`; returns an id for cancel().
  std::uint64_t schedule(Clock::time_point when, std::function<void()> fn);
  /// @brief Forgets a callback that has not run yet.
  void cancel(std::uint64_t id);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::pair<Clock::time_point, std::uint64_t>, std::function<void()>> pending_;
  std::map<std::uint64_t, Clock::time_point> when_;
  std::uint64_t next_id_ = 1;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace cohort::host::details
