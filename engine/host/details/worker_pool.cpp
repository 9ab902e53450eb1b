#include "host/details/worker_pool.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

namespace cohort::host::details {

struct WorkerPool::State {
  std::mutex mutex;
  std::condition_variable work;
  std::condition_variable exited;
  std::deque<std::function<void()>> queue;
  std::size_t threads = 0;
  std::size_t idle = 0;
  std::size_t min_workers = 1;
  std::size_t max_workers = 1;
  bool stop = false;
};

namespace {

constexpr auto kIdleLifetime = std::chrono::seconds(30);

void worker_loop(std::shared_ptr<WorkerPool::State> s) {
  std::unique_lock lock(s->mutex);
  for (;;) {
    if (s->queue.empty()) {
      if (s->stop) break;
      ++s->idle;
      bool woken = s->work.wait_for(lock, kIdleLifetime, [&] { return s->stop || !s->queue.empty(); });
      --s->idle;
      if (!woken && s->threads > s->min_workers) break;
      continue;
    }
    std::function<void()> job = std::move(s->queue.front());
    s->queue.pop_front();
    lock.unlock();
    job();
    job = nullptr;  // release what the job held before taking the lock again
    lock.lock();
  }
  --s->threads;
  s->exited.notify_all();
}

}  // namespace

WorkerPool::WorkerPool(std::size_t min_workers, std::size_t max_workers) : state_(std::make_shared<State>()) {
  state_->min_workers = min_workers == 0 ? 1 : min_workers;
  state_->max_workers = max_workers < state_->min_workers ? state_->min_workers : max_workers;
}

WorkerPool::~WorkerPool() {
  std::unique_lock lock(state_->mutex);
  state_->stop = true;
  state_->queue.clear();
  state_->work.notify_all();
  // Busy workers are not idle; only wait for the idle ones to leave.
  state_->exited.wait(lock, [&] { return state_->idle == 0; });
}

bool WorkerPool::submit(std::function<void()> job) {
  std::lock_guard lock(state_->mutex);
  if (state_->stop) return false;
  state_->queue.push_back(std::move(job));
  if (state_->queue.size() > state_->idle && state_->threads < state_->max_workers) {
    ++state_->threads;
    try {
      std::thread(worker_loop, state_).detach();
    } catch (const std::system_error& e) {
      --state_->threads;
      spdlog::error("plugin host: cannot start a worker thread: {}", e.what());
    }
  }
  state_->work.notify_one();
  return true;
}

std::size_t WorkerPool::size() const {
  std::lock_guard lock(state_->mutex);
  return state_->threads;
}

}  // namespace cohort::host::details
