// The runtime's per-event cost: one external event applied through Engine (submit_batch +
// drain), on a two-state ping-pong so every event is a transition and nothing else.
// Arguments: batch = events per submit_batch/drain round (one per instance), threads =
// engine workers. batch 1 shows the fixed cost of a round; 1024 the cost per event.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "loader/loader.hpp"
#include "runtime/engine.hpp"
#include "value/json.hpp"

namespace {

using namespace cohort;

// Both states take `hit`, so the same event flips every instance back and forth forever
// (`done` is only there because a definition must have a final state).
const char* kPingPong = R"json({
  "id": "pingpong", "version": 1, "correlation": "key",
  "start": ["opened"], "initial": "ping",
  "states": {
    "ping": {"on": {"hit": {"target": "pong"}, "closed": {"target": "done"}}},
    "pong": {"on": {"hit": {"target": "ping"}}},
    "done": {"type": "final"}
  }})json";

// The same with the guard of BM_GuardEvaluate on each transition (it always holds), so
// BM_TransitionWithGuard - BM_Transition can be read against BM_GuardEvaluate.
const char* kGuardedPingPong = R"json({
  "id": "pingpong", "version": 1, "correlation": "key",
  "start": ["opened"], "initial": "ping",
  "states": {
    "ping": {"on": {"hit": {"if": "data.age >= 25 && data.nationality in programme.countries && data.degree != 'none'",
                            "target": "pong"},
                    "closed": {"target": "done"}}},
    "pong": {"on": {"hit": {"if": "data.age >= 25 && data.nationality in programme.countries && data.degree != 'none'",
                            "target": "ping"}}},
    "done": {"type": "final"}
  }})json";

Value parse(const char* text) {
  Value v;
  JsonError error;
  parse_json(text, v, error);
  return v;
}

std::string load_errors(const std::vector<loader::Diagnostic>& diags) {
  std::string all;
  for (const auto& d : diags) all += d.format() + "; ";
  return all;
}

// Event ids must be unique per source (the engine drops duplicates), so each round numbers them.
Event make_event(const char* type, const std::string& subject, std::uint64_t round) {
  Event e;
  e.type = type;
  e.subject = subject;
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, round).ptr;
  e.id.reserve(subject.size() + 1 + static_cast<std::size_t>(end - digits));
  e.id.append(subject).append(1, '-').append(digits, end);
  e.source = "bench";
  return e;
}

void run_ping_pong(benchmark::State& state, const char* definition_json) {
  const auto batch = static_cast<std::uint64_t>(state.range(0));
  std::vector<loader::Diagnostic> diags;
  auto def = loader::load_definition_text(definition_json, "bench:pingpong.json", {}, diags);
  if (!def) {
    state.SkipWithError(("definition did not load: " + load_errors(diags)).c_str());
    return;
  }
  runtime::EngineOptions options;
  options.threads = static_cast<unsigned>(state.range(1));
  options.programme = parse(R"({"countries": ["PT", "KE", "BR", "DE", "CL", "ID", "VN"], "name": "Fellows 2025"})");
  runtime::Engine engine(options);
  engine.add_definition(def);

  std::vector<std::string> subjects;
  subjects.reserve(batch);
  {
    std::vector<Event> starts;
    for (std::uint64_t i = 0; i < batch; ++i) {
      subjects.push_back("P" + std::to_string(i));
      starts.push_back(make_event("opened", subjects.back(), 0));
      starts.back().data = parse(R"({"age": 31, "nationality": "VN", "degree": "master"})");
    }
    engine.submit_batch(std::move(starts));
    engine.drain();
  }

  // Making the events is inside the timed loop (two short strings each): pausing the timer
  // per round would cost more than that at batch 1.
  std::uint64_t round = 0;
  for (auto _ : state) {
    ++round;
    std::vector<Event> events;
    events.reserve(batch);
    for (const auto& subject : subjects) events.push_back(make_event("hit", subject, round));
    engine.submit_batch(std::move(events));
    engine.drain();
  }

  // An odd number of rounds leaves every instance in pong, an even one in ping; anything
  // else means events were dropped or guards failed, and the figure would be meaningless.
  auto counts = engine.count_by_state("pingpong");
  const char* expected = round % 2 ? "pong" : "ping";
  if (counts[expected] != batch) {
    state.SkipWithError(("instances did not all end in " + std::string(expected)).c_str());
    return;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(round * batch));
}

void BM_Transition(benchmark::State& state) { run_ping_pong(state, kPingPong); }
// Real time: the work runs on the engine's workers while this thread waits in drain().
BENCHMARK(BM_Transition)->ArgNames({"batch", "threads"})->Args({1, 1})->Args({1024, 1})->Args({1024, 2})->UseRealTime();

void BM_TransitionWithGuard(benchmark::State& state) { run_ping_pong(state, kGuardedPingPong); }
BENCHMARK(BM_TransitionWithGuard)->ArgNames({"batch", "threads"})->Args({1024, 1})->UseRealTime();

}  // namespace
