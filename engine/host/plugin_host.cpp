#include "host/plugin_host.hpp"

#include <chrono>
#include <future>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include "host/details/host_state.hpp"
#include "host/details/loader.hpp"

namespace cohort::host {
namespace fs = std::filesystem;
using details::HostState;
using details::LoadedPlugin;

namespace details {

HostState::HostState(HostOptions opts) : options(std::move(opts)) {
  std::error_code ec;
  if (options.data_dir.empty()) options.data_dir = fs::current_path(ec) / "data";
  options.data_dir = fs::absolute(options.data_dir, ec).lexically_normal();
  pool = std::make_unique<WorkerPool>(options.min_workers, options.max_workers);
}

namespace {

// One call's completion: whoever completes first (the plugin or the deadline) wins.
class PendingCall {
 public:
  explicit PendingCall(std::function<void(CallResult)> done) : done_(std::move(done)) {}

  bool complete(CallResult result) {
    std::function<void(CallResult)> done;
    {
      std::lock_guard lock(mutex_);
      if (completed_) return false;
      completed_ = true;
      done = std::move(done_);
    }
    try {
      if (done) done(std::move(result));
    } catch (const std::exception& e) {
      spdlog::error("plugin host: a call's completion handler threw: {}", e.what());
    } catch (...) {
      spdlog::error("plugin host: a call's completion handler threw");
    }
    return true;
  }

  bool completed() {
    std::lock_guard lock(mutex_);
    return completed_;
  }

 private:
  std::mutex mutex_;
  bool completed_ = false;
  std::function<void(CallResult)> done_;
};

CallStatus to_call_status(cohort_status_t s) {
  if (s >= COHORT_STATUS_OK && s <= COHORT_STATUS_CANCELLED) return static_cast<CallStatus>(s);
  return CallStatus::Error;
}

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs on a worker: the plugin's call, turned into a CallResult the engine can trust.
CallResult run_call(LoadedPlugin& plugin, const std::string& operation, const std::string& args,
                    const CallContext& ctx, const std::string& key, std::int64_t deadline_ms, std::uint32_t timeout_ms) {
  OutputBuffer result(plugin.max_bytes);
  OutputBuffer message(plugin.max_bytes);
  cohort_call_context_t c{};
  c.struct_size = sizeof(c);
  c.instance = {ctx.instance.data(), ctx.instance.size()};
  c.step = {ctx.step.data(), ctx.step.size()};
  c.attempt = ctx.attempt;
  c.idempotency_key = {key.data(), key.size()};
  c.deadline_ms = deadline_ms;
  c.timeout_ms = timeout_ms;
  cohort_status_t status = plugin.instance->call(plugin.instance, {operation.data(), operation.size()},
                                                 {args.data(), args.size()}, &c, result.c(), message.c());
  CallResult r;
  r.plugin_id = plugin.id();
  r.status = to_call_status(status);
  if (status != COHORT_STATUS_OK) {
    r.message = message.text().empty()
                    ? fmt::format("plugin \"{}\" returned {} for \"{}\"", plugin.id(), status_text(status), operation)
                    : std::move(message.text());
    if (r.status == CallStatus::Error && status != COHORT_STATUS_ERROR)
      r.message += fmt::format(" (unknown status {})", status);
    return r;
  }
  if (result.overflowed()) {
    r.status = CallStatus::Error;
    r.message = fmt::format("plugin \"{}\": result of \"{}\" exceeds the {} byte limit", plugin.id(), operation,
                            plugin.max_bytes);
    return r;
  }
  r.json = result.text().empty() ? std::string("null") : std::move(result.text());
  rapidjson::Document doc;
  doc.Parse(r.json.data(), r.json.size());
  if (doc.HasParseError()) {
    r.status = CallStatus::Error;
    r.message = fmt::format("plugin \"{}\": result of \"{}\" is not valid JSON (offset {})", plugin.id(), operation,
                            doc.GetErrorOffset());
    r.json.clear();
  }
  return r;
}

void deliver_events(std::shared_ptr<LoadedPlugin> plugin, std::weak_ptr<HostState> weak_state) {
  for (;;) {
    std::pair<std::string, std::string> event;
    {
      std::lock_guard lock(plugin->event_mutex);
      if (plugin->events.empty()) {
        plugin->draining = false;
        return;
      }
      event = std::move(plugin->events.front());
      plugin->events.pop_front();
    }
    plugin->event_space.notify_all();
    OutputBuffer message(plugin->max_bytes);
    cohort_status_t s = plugin->instance->on_event(plugin->instance, {event.first.data(), event.first.size()},
                                                   message.c());
    if (s != COHORT_STATUS_OK) {
      spdlog::warn("[plugin {}] on_event for \"{}\" failed ({}): {}", plugin->id(), event.second, status_text(s),
                   message.text().empty() ? std::string("no message") : message.text());
    }
    if (auto state = weak_state.lock()) {
      std::lock_guard lock(state->events_mutex);
      --state->events_pending;
      state->events_idle.notify_all();
    }
  }
}

}  // namespace
}  // namespace details

PluginHost::PluginHost(HostOptions options) : state_(std::make_shared<HostState>(std::move(options))) {}

PluginHost::~PluginHost() {
  state_->stopping->store(true);
  // Every waiting caller hears back (Cancelled) before the threads go.
  state_->timer.reset();
  state_->pool.reset();
  std::unique_lock lock(state_->registry_mutex);
  state_->operations.clear();
  state_->plugins.clear();
}

const HostOptions& PluginHost::options() const { return state_->options; }

LoadResult PluginHost::load(const fs::path& path) {
  LoadResult out;
  out.path = path;
  std::lock_guard load_lock(state_->load_mutex);
  details::LoadTrace trace;
  std::string error;
  std::shared_ptr<LoadedPlugin> plugin = details::prepare_plugin(path, state_->options, state_->shared, trace, error);
  if (trace.manifest) out.plugin_id = trace.manifest->id;
  if (plugin) {
    const std::string lib = plugin->manifest.library.string();
    std::shared_lock lock(state_->registry_mutex);
    if (auto it = state_->plugins.find(plugin->id()); it != state_->plugins.end()) {
      error = fmt::format("{}: plugin \"{}\" is already loaded from {}", lib, plugin->id(),
                          it->second->manifest.library.string());
    } else {
      for (const auto& op : plugin->manifest.operations) {
        if (auto taken = state_->operations.find(op.name); taken != state_->operations.end()) {
          error = fmt::format("{}: operation \"{}\" of plugin \"{}\" is already offered by plugin \"{}\" ({})", lib,
                              op.name, plugin->id(), taken->second->id(), taken->second->manifest.library.string());
          break;
        }
      }
    }
  }
  if (plugin && error.empty() && details::start_plugin(*plugin, error)) {
    std::unique_lock lock(state_->registry_mutex);
    for (const auto& op : plugin->manifest.operations) state_->operations.emplace(op.name, plugin);
    state_->plugins.emplace(plugin->id(), plugin);
    out.ok = true;
    spdlog::info("plugin host: loaded plugin \"{}\" {} from {} ({} operations)", plugin->id(),
                 plugin->manifest.version, plugin->manifest.library.string(), plugin->manifest.operations.size());
    return out;
  }
  out.error = error;
  spdlog::error("plugin host: refused {}", error);
  return out;
}

std::vector<LoadResult> PluginHost::load_all(const std::vector<fs::path>& dirs) {
  std::vector<LoadResult> results;
  for (const auto& manifest : find_manifests(dirs)) results.push_back(load(manifest));
  return results;
}

std::vector<LoadedPluginInfo> PluginHost::plugins() const {
  std::vector<LoadedPluginInfo> out;
  std::shared_lock lock(state_->registry_mutex);
  for (const auto& [id, p] : state_->plugins) {
    out.push_back(LoadedPluginInfo{p->manifest, p->entry->abi.major, p->entry->abi.minor, p->entry->abi.revision});
  }
  return out;
}

std::optional<std::string> PluginHost::plugin_for(std::string_view operation) const {
  std::shared_lock lock(state_->registry_mutex);
  auto it = state_->operations.find(operation);
  if (it == state_->operations.end()) return std::nullopt;
  return it->second->id();
}

void PluginHost::call_async(std::string_view operation, std::string_view args_json, const CallContext& ctx,
                            std::function<void(CallResult)> done) {
  auto pending = std::make_shared<details::PendingCall>(std::move(done));
  std::shared_ptr<LoadedPlugin> plugin;
  {
    std::shared_lock lock(state_->registry_mutex);
    if (auto it = state_->operations.find(operation); it != state_->operations.end()) plugin = it->second;
  }
  if (state_->stopping->load()) {
    pending->complete(CallResult{CallStatus::Cancelled, {}, "the plugin host is shutting down", {}});
    return;
  }
  if (!plugin) {
    pending->complete(CallResult{CallStatus::UnknownOperation, {},
                                 fmt::format("no loaded plugin offers operation \"{}\"", operation), {}});
    return;
  }
  const std::uint32_t timeout_ms = ctx.timeout_ms ? ctx.timeout_ms : state_->options.default_timeout_ms;
  std::string key = ctx.idempotency_key.empty() ? CallContext::make_key(ctx.instance, ctx.step, ctx.attempt)
                                                : ctx.idempotency_key;
  const std::int64_t deadline_ms = details::unix_ms_now() + timeout_ms;

  std::string op(operation);
  std::uint64_t timer_id = state_->timer->schedule(
      details::DeadlineTimer::Clock::now() + std::chrono::milliseconds(timeout_ms),
      [pending, stopping = state_->stopping, id = plugin->id(), op, timeout_ms, key] {
        if (stopping->load()) {
          pending->complete(CallResult{CallStatus::Cancelled, {}, "the plugin host is shutting down", id});
        } else if (pending->complete(CallResult{
                       CallStatus::Timeout, {},
                       fmt::format("plugin \"{}\" did not answer \"{}\" within {} ms", id, op, timeout_ms), id})) {
          spdlog::warn("[plugin {}] \"{}\" (key {}) timed out after {} ms", id, op, key, timeout_ms);
        }
      });

  std::weak_ptr<details::DeadlineTimer> weak_timer = state_->timer;
  auto job = [plugin, pending, op, args = std::string(args_json), ctx, key, deadline_ms, timeout_ms, weak_timer,
              timer_id] {
    // A call whose deadline passed while it waited in the queue must not start its side effect.
    if (pending->completed()) {
      spdlog::warn("[plugin {}] \"{}\" (key {}) not started: its deadline passed before a worker was free",
                   plugin->id(), op, key);
      return;
    }
    CallResult r = details::run_call(*plugin, op, args, ctx, key, deadline_ms, timeout_ms);
    const CallStatus status = r.status;
    if (pending->complete(std::move(r))) {
      if (auto timer = weak_timer.lock()) timer->cancel(timer_id);
    } else {
      spdlog::warn("[plugin {}] late result of \"{}\" (key {}) discarded: status {} after the {} ms deadline",
                   plugin->id(), op, key, to_string(status), timeout_ms);
    }
  };
  if (!state_->pool->submit(std::move(job))) {
    pending->complete(CallResult{CallStatus::Cancelled, {}, "the plugin host is shutting down", plugin->id()});
  }
}

CallResult PluginHost::call(std::string_view operation, std::string_view args_json, const CallContext& ctx) {
  auto promise = std::make_shared<std::promise<CallResult>>();
  std::future<CallResult> result = promise->get_future();
  call_async(operation, args_json, ctx, [promise](CallResult r) { promise->set_value(std::move(r)); });
  return result.get();
}

void PluginHost::publish(const std::string& event_json, std::string_view type) {
  if (state_->stopping->load()) return;
  std::vector<std::shared_ptr<LoadedPlugin>> targets;
  {
    std::shared_lock lock(state_->registry_mutex);
    for (const auto& [id, p] : state_->plugins)
      if (subscribes_to(p->manifest.subscribes, type)) targets.push_back(p);
  }
  std::weak_ptr<HostState> weak_state = state_;
  for (const auto& p : targets) {
    bool start = false;
    {
      std::lock_guard lock(state_->events_mutex);
      ++state_->events_pending;
    }
    {
      // A slow subscriber (an audit log that syncs every line) slows the engine down
      // rather than letting its queue eat the memory; one that hangs loses events
      // after a while instead of stopping the engine.
      std::unique_lock lock(p->event_mutex);
      const std::size_t limit = state_->options.max_queued_events;
      if (limit && p->events.size() >= limit &&
          !p->event_space.wait_for(lock, state_->options.queue_full_wait, [&] { return p->events.size() < limit; })) {
        lock.unlock();
        spdlog::error("[plugin {}] its event queue stayed full ({} events) for {} ms; event \"{}\" not delivered to it",
                      p->id(), limit, state_->options.queue_full_wait.count(), std::string(type));
        std::lock_guard pending(state_->events_mutex);
        --state_->events_pending;
        state_->events_idle.notify_all();
        continue;
      }
      p->events.emplace_back(event_json, std::string(type));
      if (!p->draining) start = p->draining = true;
    }
    if (start && !state_->pool->submit([p, weak_state] { details::deliver_events(p, weak_state); })) {
      std::lock_guard lock(state_->events_mutex);
      state_->events_pending -= 1;
    }
  }
}

bool PluginHost::wait_for_events(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->events_mutex);
  return state_->events_idle.wait_for(lock, timeout, [&] { return state_->events_pending == 0; });
}

void PluginHost::set_emit_handler(std::function<void(std::string plugin_id, std::string event_json)> handler) {
  std::lock_guard lock(state_->shared->mutex);
  state_->shared->emit_handler = std::move(handler);
}

}  // namespace cohort::host
