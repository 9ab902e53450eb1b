#include "host/details/deadline_timer.hpp"

#include <vector>

namespace cohort::host::details {

DeadlineTimer::DeadlineTimer() : thread_([this] { run(); }) {}

DeadlineTimer::~DeadlineTimer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
  // Whoever waits on these must hear back; the callbacks know the host is going away.
  for (auto& [key, fn] : pending_) fn();
}

std::uint64_t DeadlineTimer::schedule(Clock::time_point when, std::function<void()> fn) {
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    pending_.emplace(std::make_pair(when, id), std::move(fn));
    when_.emplace(id, when);
  }
  changed_.notify_all();
  return id;
}

void DeadlineTimer::cancel(std::uint64_t id) {
  std::function<void()> dropped;  // destroyed outside the lock: it may own a lot
  std::lock_guard lock(mutex_);
  auto it = when_.find(id);
  if (it == when_.end()) return;
  auto p = pending_.find(std::make_pair(it->second, id));
  if (p != pending_.end()) {
    dropped = std::move(p->second);
    pending_.erase(p);
  }
  when_.erase(it);
}

void DeadlineTimer::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (pending_.empty()) {
      changed_.wait(lock);
      continue;
    }
    auto first = pending_.begin();
    // A copy: cancel() may erase the node while this thread waits.
    const Clock::time_point due = first->first.first;
    if (due > Clock::now()) {
      changed_.wait_until(lock, due);
      continue;
    }
    std::function<void()> fn = std::move(first->second);
    when_.erase(first->first.second);
    pending_.erase(first);
    lock.unlock();
    fn();
    fn = nullptr;
    lock.lock();
  }
}

}  // namespace cohort::host::details
