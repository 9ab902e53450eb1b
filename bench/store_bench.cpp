// The event log's throughput (engine/store): durable appends (every batch fsync'ed before
// append returns) with batches of 1, 100 and 10,000 events and with 8 threads appending
// one event at a time (group commit), each against an in-memory SQLite peer; and replay
// of 1,000,000 logged events. Figures and the command are in docs/STORE.md.
// Arguments: batch = events per append; memory = 1 for the ":memory:" peer.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"

namespace {

using namespace cohort;
using namespace cohort::store;

// A scratch directory for one benchmark, removed afterwards. COHORT_BENCH_DIR chooses the
// file system (default: the system temp directory).
class BenchDir {
 public:
  BenchDir() {
    const char* base = std::getenv("COHORT_BENCH_DIR");
    std::string tmpl = (std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) /
                        "cohort-store-bench-XXXXXX")
                           .string();
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~BenchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  std::string log() const { return log_path_in(path_); }

 private:
  std::string path_;
};

// A typical external event: an applicant's form step with a small payload.
Event sample_event(std::uint64_t n) {
  Event e;
  e.id = "evt-" + std::to_string(n);
  e.source = "portal/forms";
  e.type = "application.section_completed";
  e.type_id = event_type_id(e.type);
  e.subject = "app-" + std::to_string(n % 5000);
  e.time = Timestamp{1740819600000 + static_cast<std::int64_t>(n) * 1000};
  e.has_time = true;
  e.data = Value::object({{"section", Value("education")},
                          {"country", Value("GH")},
                          {"score", Value(static_cast<std::int64_t>(n % 100))}});
  return e;
}

std::unique_ptr<EventLog> open_or_skip(benchmark::State& state, const std::string& path,
                                       SqliteLogOptions options = {}) {
  options.check = OpenCheck::None;
  Status status;
  auto log = open_sqlite_log(path, options, status);
  if (!log) state.SkipWithError(status.to_string().c_str());
  return log;
}

// Rewrites only the ids, so every append carries new external events (dedupe included).
void renumber(Batch& batch, std::uint64_t& next) {
  for (auto& ne : batch.events) {
    ne.event.id.resize(4);
    ne.event.id += std::to_string(next++);
  }
}

void BM_StoreAppend(benchmark::State& state) {
  const auto batch_size = static_cast<std::size_t>(state.range(0));
  const bool memory = state.range(1) != 0;
  BenchDir dir;
  auto log = open_or_skip(state, memory ? ":memory:" : dir.log());
  if (!log) return;
  Batch batch;
  for (std::size_t i = 0; i < batch_size; ++i) batch.events.push_back({EventKind::External, sample_event(i)});
  std::uint64_t next = 0;
  AppendResult result;
  for (auto _ : state) {
    renumber(batch, next);
    Status s = log->append(batch, result);
    if (!s.ok()) {
      state.SkipWithError(s.to_string().c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch_size));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations() * batch_size),
                                                  benchmark::Counter::kIsRate);
  state.counters["events/commit"] =
      static_cast<double>(log->stats().events) / static_cast<double>(std::max<std::uint64_t>(1, log->stats().commits));
}
BENCHMARK(BM_StoreAppend)
    ->ArgNames({"batch", "memory"})
    ->Args({1, 0})->Args({100, 0})->Args({10000, 0})
    ->Args({1, 1})->Args({100, 1})->Args({10000, 1})
    ->UseRealTime();

// 8 threads, each appending batches of one event: the group commit shares transactions.
// One iteration = every thread appends `per_thread` events.
void BM_StoreAppendConcurrent(benchmark::State& state) {
  constexpr int kThreads = 8;
  const int per_thread = static_cast<int>(state.range(0));
  const bool memory = state.range(1) != 0;
  BenchDir dir;
  auto log = open_or_skip(state, memory ? ":memory:" : dir.log());
  if (!log) return;
  std::uint64_t round = 0;
  bool failed = false;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Batch batch;
        batch.events.push_back({EventKind::External, sample_event(0)});
        AppendResult result;
        for (int i = 0; i < per_thread; ++i) {
          batch.events[0].event.id = "r" + std::to_string(round) + "t" + std::to_string(t) + "-" + std::to_string(i);
          if (!log->append(batch, result).ok()) failed = true;
        }
      });
    }
    for (auto& th : threads) th.join();
    ++round;
  }
  if (failed) state.SkipWithError("an append failed");
  const auto events = static_cast<std::int64_t>(state.iterations()) * kThreads * per_thread;
  state.SetItemsProcessed(events);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events/commit"] =
      static_cast<double>(log->stats().events) / static_cast<double>(std::max<std::uint64_t>(1, log->stats().commits));
}
BENCHMARK(BM_StoreAppendConcurrent)
    ->ArgNames({"per_thread", "memory"})
    ->Args({50, 0})->Args({2000, 1})
    ->UseRealTime();

// One log of 1,000,000 events, written once (not durable, in batches of 10,000) and
// replayed by every iteration.
constexpr std::int64_t kReplayEvents = 1'000'000;

struct ReplayLog {
  BenchDir dir;
  std::string error;
  ReplayLog() {
    SqliteLogOptions options;
    options.durable = false;
    options.check = OpenCheck::None;
    Status status;
    auto log = open_sqlite_log(dir.log(), options, status);
    if (!log) {
      error = status.to_string();
      return;
    }
    Batch batch;
    AppendResult result;
    for (std::int64_t n = 0; n < kReplayEvents;) {
      batch.events.clear();
      for (int i = 0; i < 10000 && n < kReplayEvents; ++i, ++n)
        batch.events.push_back({EventKind::External, sample_event(static_cast<std::uint64_t>(n))});
      if (Status s = log->append(batch, result); !s.ok()) {
        error = s.to_string();
        return;
      }
    }
  }
};

void BM_StoreReplay(benchmark::State& state) {
  static ReplayLog source;
  if (!source.error.empty()) {
    state.SkipWithError(source.error.c_str());
    return;
  }
  SqliteLogOptions options;
  options.read_only = true;
  auto log = open_or_skip(state, source.dir.log(), options);
  if (!log) return;
  std::int64_t seen = 0;
  for (auto _ : state) {
    seen = 0;
    Status s = log->replay(1, [&](LoggedEvent& e) {
      benchmark::DoNotOptimize(e.event.data);
      ++seen;
      return true;
    });
    if (!s.ok() || seen != kReplayEvents) {
      state.SkipWithError(s.ok() ? "replay saw the wrong number of events" : s.to_string().c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kReplayEvents);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kReplayEvents),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StoreReplay)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
