#include "benchmark/recovery.hpp"

#include <malloc.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "benchmark/linear_workflow.hpp"
#include "loader/loader.hpp"
#include "runtime/engine.hpp"
#include "run/durable_feed.hpp"
#include "store/sqlite_log.hpp"
#include "value/binary.hpp"

namespace cohort::benchmark {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::vector<Event> linear_events(std::uint64_t instances) {
  static const char* kTypes[] = {"application.submitted", "selection.made", "visa.granted", "session.checked_in",
                                 "certificate.issued"};
  std::vector<Event> events;
  events.reserve(instances * 5);
  for (int step = 0; step < 5; ++step)
    for (std::uint64_t i = 0; i < instances; ++i) {
      Event e;
      e.type = kTypes[step];
      e.subject = "A" + std::to_string(i);
      e.id = e.subject + "-" + std::to_string(step);
      e.source = "bench";
      events.push_back(std::move(e));
    }
  return events;
}

std::unique_ptr<runtime::Engine> make_engine(unsigned threads, std::shared_ptr<const model::Definition> def) {
  runtime::EngineOptions o;
  o.threads = threads;
  auto engine = std::make_unique<runtime::Engine>(o);
  engine->add_definition(std::move(def));
  return engine;
}

/// A restart's way in: read-only, with the quick integrity check (replay_into waits for its verdict).
std::unique_ptr<store::EventLog> open_for_recovery(const std::string& path, store::Status& st) {
  store::SqliteLogOptions lo;
  lo.read_only = true;
  lo.check = store::OpenCheck::Quick;
  lo.check_in_background = true;  // as a session opens it: the check runs alongside the replay
  return store::open_sqlite_log(path, lo, st);
}

}  // namespace

RecoveryResult run_recovery(std::uint64_t instances, unsigned threads, const std::string& dir) {
  namespace fs = std::filesystem;
  RecoveryResult r;
  r.instances = instances;
  if (!threads) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<loader::Diagnostic> diags;
  auto def = loader::load_definition_text(linear_definition_json(), "bench:linear.json", {}, diags);
  if (!def) {
    r.error = "the benchmark workflow does not load";
    return r;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  const std::string path = store::log_path_in(dir);

  // Peer, same run: the engine alone.
  {
    auto events = linear_events(instances);
    r.events = events.size();
    auto engine = make_engine(threads, def);
    auto t0 = Clock::now();
    engine->feed(std::move(events));
    r.memory_seconds = since(t0);
  }
  // Durable: each chunk is committed (one fsync) before the engine sees it, as `cohort run` does.
  {
    store::Status st;
    auto log = store::open_sqlite_log(path, {}, st);
    if (!log) {
      r.error = st.to_string();
      return r;
    }
    auto events = linear_events(instances);
    auto engine = make_engine(threads, def);
    auto t0 = Clock::now();
    auto results = run::feed_durably(*log, *engine, std::move(events));
    for (const auto& res : results)
      if (res.status != runtime::SubmitStatus::Accepted) {
        r.error = "an event was not applied: " + res.message;
        return r;
      }
    r.durable_seconds = since(t0);
    // A snapshot as `cohort run` stores one: every instance, binary, as of the last event.
    t0 = Clock::now();
    std::string why, blob;
    engine->drain();
    Value state = engine->snapshot(why);
    std::int64_t seq = 0;
    st = log->last_seq(seq);
    if (state.is_null() || !st.ok()) {
      r.error = state.is_null() ? "no snapshot: " + why : st.to_string();
      return r;
    }
    append_binary(state, blob);
    r.snapshot_bytes = blob.size();
    st = log->put_snapshot(seq, std::move(blob));
    if (!st.ok()) {
      r.error = st.to_string();
      return r;
    }
    r.snapshot_seconds = since(t0);
  }
  r.log_bytes = fs::file_size(path, ec);
  // Recovery: a new engine from the log alone, read a page at a time.
  malloc_trim(0);
  const std::uint64_t baseline = resident_bytes();
  std::unique_ptr<runtime::Engine> engine;
  {
    store::Status st;
    auto t0 = Clock::now();
    auto log = open_for_recovery(path, st);
    if (!log) {
      r.error = st.to_string();
      return r;
    }
    r.open_seconds = since(t0);
    engine = make_engine(threads, def);
    run::ReplayCounts counts;
    st = run::replay_into(*log, *engine, counts);
    if (!st.ok()) {
      r.error = st.to_string();
      return r;
    }
    r.replay_seconds = since(t0);
  }
  malloc_trim(0);
  const std::uint64_t after = resident_bytes();
  if (engine->count_by_state("participant")["certified"] != instances) {
    r.error = "recovery did not bring every instance back to 'certified'";
    return r;
  }
  r.rss_bytes_per_instance =
      static_cast<double>(after > baseline ? after - baseline : 0) / static_cast<double>(instances);
  engine.reset();
  // Recovery from the snapshot: decode, restore, replay the (empty) tail after it.
  {
    store::Status st;
    auto t0 = Clock::now();
    auto log = open_for_recovery(path, st);
    store::Snapshot snap;
    bool found = false;
    if (log) st = log->latest_snapshot(snap, found);
    if (!log || !st.ok() || !found) {
      r.error = !log || !st.ok() ? st.to_string() : "the snapshot was not found";
      return r;
    }
    Value state;
    std::string error;
    if (!parse_binary(snap.blob, state, error)) {
      r.error = "the snapshot does not decode: " + error;
      return r;
    }
    engine = make_engine(threads, def);
    if (!engine->restore(state, [&](const std::string& hash) { return hash == def->hash ? def : nullptr; }, error)) {
      r.error = "the snapshot does not restore: " + error;
      return r;
    }
    run::ReplayCounts counts;
    st = run::replay_into(*log, *engine, counts, {}, {}, {}, snap.seq + 1);
    if (!st.ok()) {
      r.error = st.to_string();
      return r;
    }
    r.snapshot_recovery_seconds = since(t0);
    if (engine->count_by_state("participant")["certified"] != instances) {
      r.error = "recovery from the snapshot did not bring every instance back to 'certified'";
      return r;
    }
  }
  auto rate = [&](double s) { return s > 0 ? static_cast<double>(r.events) / s : 0; };
  r.durable_events_per_s = rate(r.durable_seconds);
  r.memory_events_per_s = rate(r.memory_seconds);
  r.replay_events_per_s = rate(r.replay_seconds);
  r.snapshot_recovery_events_per_s = rate(r.snapshot_recovery_seconds);
  engine.reset();
  fs::remove_all(dir, ec);
  r.ok = true;
  return r;
}

}  // namespace cohort::benchmark
