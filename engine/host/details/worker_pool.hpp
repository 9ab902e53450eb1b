#pragma once
/// @file worker_pool.hpp
/// @brief Internal: the threads plugin calls run on; grows when workers are stuck in hung plugins.

#include <cstddef>
#include <functional>
#include <memory>

namespace cohort::host::details {

/// @brief A small pool of detached workers. A worker stuck in a plugin does not block
/// new work: when every worker is busy the pool starts another, up to `max_workers`.
/// Extra workers end after a while without work.
class WorkerPool {
 public:
  WorkerPool(std::size_t min_workers, std::size_t max_workers);
  /// Drops queued jobs and waits for the idle workers to end. Workers still inside a job
  /// finish it on their own (they keep what the job holds alive), then end.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// @brief Queues a job. Returns false after shutdown began.
  bool submit(std::function<void()> job);

  /// @brief Number of live worker threads (for diagnostics).
  std::size_t size() const;

  /// Shared with the detached workers, which may outlive the pool.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace cohort::host::details
