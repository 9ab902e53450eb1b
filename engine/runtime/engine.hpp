#pragma once
/// @file engine.hpp
/// @brief The runtime: instances, correlation, strands, virtual time, emits, plugin calls.
///
/// The engine runs in rounds. `submit` queues events; `drain` applies everything
/// queued, on the thread pool, one event at a time per instance and many instances
/// in parallel, then delivers what those steps emitted (in a deterministic order) and
/// repeats until nothing is left. `advance_to` moves the virtual clock forward,
/// firing due timers in time order. So a whole programme runs deterministically in
/// virtual time, whatever the number of threads.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/event.hpp"
#include "model/definition.hpp"
#include "runtime/history.hpp"
#include "runtime/plugin_gateway.hpp"
#include "value/value.hpp"

namespace cohort::runtime {

/// @brief What happened to a submitted event.
enum class SubmitStatus : std::uint8_t {
  Accepted,    ///< queued; it will be applied by the next drain
  Duplicate,   ///< same source + id seen before: applied once already, ignored now
  NoInstance,  ///< no instance has its subject and its type starts none
  Invalid,     ///< missing id/source/type/subject
};

/// @brief Result of `Engine::submit`.
struct SubmitResult {
  SubmitStatus status = SubmitStatus::Accepted;
  std::string message;  ///< why, for anything but Accepted
};

/// @brief Observes what the engine does, for reports, simulations and tests.
///        Called on engine worker threads; implementations must be thread-safe.
class Observer {
 public:
  virtual ~Observer() = default;
  /// @brief An instance moved from one state to another (from is empty for a new instance).
  virtual void on_transition(std::string_view subject, std::string_view definition,
                             std::string_view from, std::string_view to, const Event& cause) {
    (void)subject, (void)definition, (void)from, (void)to, (void)cause;
  }
  /// @brief An instance emitted an event to another instance.
  virtual void on_emit(std::string_view from_subject, const Event& emitted) {
    (void)from_subject, (void)emitted;
  }
};

/// @brief Engine settings.
struct EngineOptions {
  unsigned threads = 0;                 ///< worker threads; 0: hardware concurrency
  unsigned partitions = 256;            ///< instance partitions; one strand each
  Value programme;                      ///< the programme file (`programme` in expressions)
  PluginGateway* plugins = nullptr;     ///< may be null: then every call fails with "no_plugin_host"
  bool keep_history = true;             ///< record per-instance history
  Observer* observer = nullptr;
};

/// @brief A read-only view of one instance, copied out of the engine.
struct InstanceView {
  std::string subject;
  std::string definition;
  std::string definition_hash;
  std::string state;
  bool final = false;
  bool blocked = false;  ///< waiting for a plugin call retry, or parked in incident
  Value data;
  std::vector<HistoryEntry> history;
};

/// @brief Counters of a run.
struct EngineStats {
  std::uint64_t applied = 0;      ///< external events accepted and applied
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;     ///< invalid or without an instance
  std::uint64_t internal = 0;     ///< emits, call results, timer firings
  std::uint64_t transitions = 0;
  std::uint64_t calls = 0;
  std::uint64_t call_failures = 0;
};

class EngineImpl;

/// @brief The workflow runtime.
class Engine {
 public:
  explicit Engine(EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// @brief Registers a definition. The one with id "programme" is the programme's;
  ///        the one with id "participant" receives broadcasts to "participants".
  ///        Registering another version of an id deploys it: instances created from now
  ///        on start on it, instances already running stay on the version they started on.
  void add_definition(std::shared_ptr<const model::Definition> definition);

  /// @brief Moves one instance onto `definition` (a version of the same id) in the state
  ///        named `state`, with `data`, between rounds: no exit or entry actions run, the
  ///        new state's timers are armed, the history notes it with `note`. Refuses (false,
  ///        `error` says why) an unknown subject or state, another definition id, and an
  ///        instance waiting for a call retry or parked in incident.
  bool migrate(std::string_view subject, std::shared_ptr<const model::Definition> definition, std::string_view state,
               Value data, const std::string& note, std::string& error);

  /// @brief Queues an external event (not applied until drain). Thread-compatible:
  ///        call from one thread at a time.
  SubmitResult submit(Event event);
  /// @brief Queues many events; faster than submit one by one. Results in order.
  std::vector<SubmitResult> submit_batch(std::vector<Event> events);

  /// @brief Applies everything queued, including the emits and call results it causes.
  void drain();
  /// @brief Feeds time-ordered events as `cohort run` does: before an event whose time
  ///        is later than the clock, applies what is queued and advances the clock to it
  ///        (firing the timers that fell due in between). Returns one result per event.
  ///        `progress` (may be empty) is called now and then with the count done.
  std::vector<SubmitResult> feed(std::vector<Event> events,
                                 const std::function<void(std::size_t)>& progress = {});
  /// @brief Moves the clock to `t`, firing every timer due at or before `t` in time
  ///        order (draining after each), then drains. The clock never goes back.
  void advance_to(Timestamp t);
  /// @brief The current virtual time.
  Timestamp now() const;

  /// @brief Re-applies the failed call of an instance parked in `incident`.
  bool retry_incident(std::string_view subject);

  /// @brief The whole state (instances, histories, armed timers, the dedupe sets, the
  ///        clock) as a value, for a snapshot; it holds byte strings (histories, dedupe
  ///        keys), so store it in binary form (value/binary.hpp), not as JSON. restore()
  ///        into a fresh engine continues
  ///        exactly as this one would. Null with `why` while an instance waits for a call
  ///        retry or is parked in incident (their calls are not part of a snapshot).
  Value snapshot(std::string& why) const;
  /// @brief Loads a snapshot into an engine that has no instances yet; `version` finds a
  ///        definition by its hash. False with `error` when the snapshot does not fit;
  ///        the engine may then hold part of it and is to be replaced by a fresh one.
  bool restore(const Value& snapshot,
               const std::function<std::shared_ptr<const model::Definition>(const std::string&)>& version,
               std::string& error);

  std::optional<InstanceView> instance(std::string_view subject, bool with_history = false) const;
  /// @brief Visits every instance (no history), in subject order.
  void for_each_instance(const std::function<void(const InstanceView&)>& visit) const;
  /// @brief Instances per state name, for one definition id.
  std::map<std::string, std::uint64_t> count_by_state(std::string_view definition) const;
  std::size_t instance_count() const;
  EngineStats stats() const;

 private:
  std::unique_ptr<EngineImpl> impl_;
};

}  // namespace cohort::runtime
