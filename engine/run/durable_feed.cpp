#include "run/durable_feed.hpp"

#include <spdlog/spdlog.h>

#include <future>

#include "run/recording_gateway.hpp"

namespace cohort::run {
namespace {

bool loggable(const Event& e) {
  return !e.id.empty() && !e.source.empty() && !e.type.empty() && !e.subject.empty();
}

constexpr std::size_t kPage = 50000;

bool emitted_before(const store::AdminRecord& r, Timestamp t) {
  std::vector<Event> events;
  Timestamp clock;
  std::string error;
  return parse_emitted_payload(r.payload_json, events, clock, error) && clock < t;
}

}  // namespace

std::vector<runtime::SubmitResult> feed_durably(store::EventLog& log, runtime::Engine& engine,
                                                std::vector<Event> events, const FeedOptions& options) {
  std::vector<runtime::SubmitResult> results;
  results.reserve(events.size());
  const std::size_t chunk = std::max<std::size_t>(1, options.chunk);
  struct Appended {
    store::Status status;
    std::vector<std::int64_t> seqs;  // per event of the chunk; 0: not logged
    std::int64_t highest = 0;
  };
  auto append_chunk = [&log, &events, chunk](std::size_t begin) -> Appended {
    const std::size_t end = std::min(events.size(), begin + chunk);
    store::Batch batch;
    batch.events.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
      if (loggable(events[i])) batch.events.push_back({store::EventKind::External, events[i]});
    Appended out;
    out.seqs.assign(end - begin, 0);
    if (batch.empty()) return out;
    store::AppendResult appended;
    out.status = log.append(batch, appended);
    if (!out.status.ok()) return out;
    std::size_t next = 0;
    for (std::size_t i = begin; i < end && next < appended.events.size(); ++i)
      if (loggable(events[i])) out.highest = std::max(out.highest, out.seqs[i - begin] = appended.events[next++].seq);
    return out;
  };
  if (events.empty()) return results;
  // Everything logged before this feed has been applied (nothing is in flight yet).
  std::int64_t applied_through = 0;
  if (!log.last_seq(applied_through).ok()) applied_through = 0;
  std::future<Appended> pending = std::async(std::launch::async, append_chunk, std::size_t{0});
  for (std::size_t begin = 0; begin < events.size(); begin += chunk) {
    const std::size_t end = std::min(events.size(), begin + chunk);
    Appended done = pending.get();
    const store::Status& st = done.status;
    if (!st.ok()) {
      spdlog::error("{}", st.to_string());
      if (options.append_failure) *options.append_failure = st;
      for (std::size_t i = begin; i < events.size(); ++i)
        results.push_back({runtime::SubmitStatus::Invalid, "not applied: " + st.to_string()});
      return results;
    }
    // The next chunk is copied out for the log before this one is moved into the engine.
    if (end < events.size()) pending = std::async(std::launch::async, append_chunk, end);
    std::vector<Event> part(std::make_move_iterator(events.begin() + static_cast<std::ptrdiff_t>(begin)),
                            std::make_move_iterator(events.begin() + static_cast<std::ptrdiff_t>(end)));
    if (options.before_apply) options.before_apply(applied_through, done.seqs);
    auto r = engine.feed(std::move(part));
    std::move(r.begin(), r.end(), std::back_inserter(results));
    applied_through = std::max(applied_through, done.highest);
    if (options.progress) options.progress(results.size());
    if (options.after_chunk && applied_through > 0) options.after_chunk(applied_through);
  }
  return results;
}

store::Status replay_into(store::EventLog& log, runtime::Engine& engine, ReplayCounts& counts,
                          const std::function<bool(const Event&, std::string&)>& first_event,
                          const std::vector<store::AdminRecord>& admin, const AdminAction& apply_admin,
                          std::int64_t from_seq) {
  std::size_t next_admin = 0;
  auto admin_due = [&](std::int64_t before_seq) {
    return apply_admin && next_admin < admin.size() && admin[next_admin].after_seq < before_seq;
  };
  using Page = std::pair<store::Status, std::vector<store::LoggedEvent>>;
  // Pages are read on another thread while the engine applies the previous one. Reading
  // never waits for the engine, so the engine's own look-ups in the log (recorded call
  // results) only queue behind a page read, they cannot deadlock with it.
  auto read_page = [&log](std::int64_t from) {
    Page page;
    page.second.reserve(kPage);
    page.first = log.replay(from, [&](store::LoggedEvent& logged) {
      page.second.push_back(std::move(logged));
      return page.second.size() < kPage;
    });
    return page;
  };
  bool first = true;
  std::future<Page> next = std::async(std::launch::async, read_page, from_seq);
  for (;;) {
    Page page = next.get();
    if (!page.first.ok()) return page.first;
    if (page.second.empty()) {
      while (admin_due(INT64_MAX)) apply_admin(admin[next_admin++]);
      return log.verified();
    }
    const bool last = page.second.size() < kPage;
    if (!last) next = std::async(std::launch::async, read_page, page.second.back().seq + 1);
    std::vector<Event> batch;
    auto flush = [&] {
      counts.events += batch.size();
      engine.feed(std::exchange(batch, {}));
    };
    for (auto& logged : page.second) {
      if (admin_due(logged.seq)) {
        flush();
        while (admin_due(logged.seq)) apply_admin(admin[next_admin++]);
      }
      if (logged.kind == store::EventKind::Timer) {  // the run moved its clock here (--until)
        flush();
        // Events plugins emitted while that move fired timers joined at an earlier clock:
        // they are made at their clock, on the way (apply_admin moves the clock there).
        while (admin_due(logged.seq + 1) && admin[next_admin].after_seq == logged.seq &&
               admin[next_admin].kind == "emitted" && emitted_before(admin[next_admin], logged.event.time))
          apply_admin(admin[next_admin++]);
        engine.advance_to(logged.event.time);
        ++counts.clock_moves;
        continue;
      }
      if (logged.kind != store::EventKind::External) continue;
      if (first) {
        first = false;
        std::string why;
        if (first_event && !first_event(logged.event, why)) {
          if (!last) next.wait();  // the reader uses `log`: let it finish before returning
          return {store::Code::Invalid, log.location() + ": " + why};
        }
      }
      batch.push_back(std::move(logged.event));
    }
    flush();
    if (last) {
      while (admin_due(INT64_MAX)) apply_admin(admin[next_admin++]);
      return log.verified();
    }
  }
}

}  // namespace cohort::run
