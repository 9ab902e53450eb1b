#pragma once
/// @file host_state.hpp
/// @brief Internal: the state behind a PluginHost.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "host/details/deadline_timer.hpp"
#include "host/details/loaded_plugin.hpp"
#include "host/details/worker_pool.hpp"
#include "host/host_options.hpp"

namespace cohort::host::details {

/// @brief Registry of loaded plugins and operations, plus the threads calls run on.
class HostState {
 public:
  explicit HostState(HostOptions opts);

  HostOptions options;
  std::shared_ptr<HostShared> shared = std::make_shared<HostShared>();

  std::mutex load_mutex;  // loads are rare; one at a time keeps the registry checks honest
  mutable std::shared_mutex registry_mutex;
  std::map<std::string, std::shared_ptr<LoadedPlugin>> plugins;  // by id
  std::map<std::string, std::shared_ptr<LoadedPlugin>, std::less<>> operations;

  std::mutex events_mutex;
  std::condition_variable events_idle;
  std::size_t events_pending = 0;

  std::shared_ptr<std::atomic<bool>> stopping = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<DeadlineTimer> timer = std::make_shared<DeadlineTimer>();
  std::unique_ptr<WorkerPool> pool;
};

}  // namespace cohort::host::details
