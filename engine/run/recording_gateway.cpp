#include "run/recording_gateway.hpp"

#include <spdlog/spdlog.h>

#include "event/cloudevent.hpp"
#include "value/json.hpp"

namespace cohort::run {

runtime::CallOutcome RecordingGateway::call(const runtime::CallRequest& request) {
  store::CallRecord recorded;
  bool found = false;
  auto st = log_.find_call_result(request.idempotency_key, recorded, found);
  if (!st.ok()) spdlog::error("call {}: cannot read the event log: {}", request.idempotency_key, st.to_string());
  if (found) {
    ++replayed_;
    return runtime::CallOutcome{recorded.ok, std::move(recorded.result_json), std::move(recorded.code),
                                std::move(recorded.message)};
  }
  ++live_;
  auto outcome = inner_.call(request);
  store::CallRecord record;
  record.key = request.idempotency_key;
  record.operation = std::string(request.operation);
  record.ok = outcome.ok;
  record.result_json = outcome.result_json;
  record.code = outcome.code;
  record.message = outcome.message;
  st = log_.record_call_result(record);
  if (!st.ok()) {
    // Not recorded: a replay would call again. Say so; the outcome itself stands.
    spdlog::error("call {}: its result could not be recorded: {}", request.idempotency_key, st.to_string());
    note_failure(st.to_string());
  }
  return outcome;
}

std::vector<runtime::CallOutcome> RecordingGateway::perform(const std::vector<runtime::CallRequest>& requests) {
  std::vector<runtime::CallOutcome> outcomes(requests.size());
  std::vector<std::size_t> live;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    store::CallRecord recorded;
    bool found = false;
    if (auto st = log_.find_call_result(requests[i].idempotency_key, recorded, found); !st.ok())
      spdlog::error("call {}: cannot read the event log: {}", requests[i].idempotency_key, st.to_string());
    if (found) {
      ++replayed_;
      outcomes[i] = runtime::CallOutcome{recorded.ok, std::move(recorded.result_json), std::move(recorded.code),
                                         std::move(recorded.message)};
    } else {
      live.push_back(i);
    }
  }
  if (live.empty()) return outcomes;

  // Intent first: once this commits, a crash before the results are recorded leaves the
  // entries pending, and the next run makes the same calls with the same keys.
  store::Batch intents;
  for (std::size_t i : live) {
    const auto& r = requests[i];
    intents.outbox.push_back(store::OutboxEntry{r.idempotency_key, std::string(r.operation), r.args_json, false, 0, {}});
    if (interrupted_.erase(r.idempotency_key)) {
      spdlog::warn("call {} ({}) was being made when the last run stopped, before its completion was recorded: "
                   "made again with the same idempotency key, which the plugin uses to do it only once",
                   r.idempotency_key, r.operation);
      intents.outbox_failures.emplace_back(r.idempotency_key, "interrupted: the process stopped before its "
                                                              "completion was recorded");
    }
  }
  store::AppendResult ignored;
  if (auto st = log_.append(intents, ignored); st.code == store::Code::ReadOnly) {
    // Reading a log (cohort instances, history) never acts outside Cohort.
    for (std::size_t i : live) outcomes[i].not_made = true;
    return outcomes;
  } else if (!st.ok()) {
    spdlog::error("{} calls with side effects were not made: their outbox entries could not be written: {}",
                  live.size(), st.to_string());
    note_failure(st.to_string());
    for (std::size_t i : live) outcomes[i].not_made = true;
    return outcomes;
  }
  live_ += live.size();
  std::vector<runtime::CallRequest> to_make;
  to_make.reserve(live.size());
  for (std::size_t i : live) to_make.push_back(requests[i]);
  std::vector<runtime::CallOutcome> made = runtime::call_concurrently(inner_, to_make);

  store::Batch completions;
  for (std::size_t j = 0; j < live.size(); ++j) {
    const auto& r = to_make[j];
    const auto& o = made[j];
    completions.call_results.push_back(
        store::CallRecord{r.idempotency_key, std::string(r.operation), o.ok, o.result_json, o.code, o.message, 0});
    completions.outbox_done.push_back(r.idempotency_key);
    outcomes[live[j]] = std::move(made[j]);
  }
  if (auto st = log_.append(completions, ignored); !st.ok()) {
    // Made, but not recorded: the entries stay pending and a later run makes them again
    // with the same keys. The outcomes stand.
    spdlog::error("{} calls with side effects were made but their completion could not be recorded: {}", live.size(),
                  st.to_string());
    note_failure(st.to_string());
  }
  return outcomes;
}

std::size_t RecordingGateway::load_interrupted() {
  std::vector<store::OutboxEntry> pending;
  if (auto st = log_.pending_outbox(pending); !st.ok()) {
    spdlog::error("cannot read the outbox of the event log: {}", st.to_string());
    return 0;
  }
  for (auto& e : pending) interrupted_.insert(std::move(e.key));
  return interrupted_.size();
}

std::size_t RecordingGateway::settle_unreached() {
  if (interrupted_.empty()) return 0;
  store::Batch batch;
  for (const auto& key : interrupted_) {
    batch.outbox_failures.emplace_back(key, "its completion was not recorded; the snapshot taken after it "
                                            "holds its outcome");
    batch.outbox_done.push_back(key);
  }
  const std::size_t n = interrupted_.size();
  interrupted_.clear();
  store::AppendResult ignored;
  if (auto st = log_.append(batch, ignored); st.code != store::Code::ReadOnly && !st.ok())
    spdlog::error("{} outbox entries could not be settled: {}", n, st.to_string());
  return n;
}

void RecordingGateway::note_failure(const std::string& what) {
  ++unrecorded_;
  std::lock_guard lock(failure_mutex_);
  if (first_failure_.empty()) first_failure_ = what;
}

void RecordingGateway::begin_feed(std::int64_t before_seq, const std::vector<std::int64_t>& seqs) {
  before_feed_seq_ = before_seq;
  feed_seq_.resize(seqs.size());
  std::int64_t highest = before_seq;
  for (std::size_t i = 0; i < seqs.size(); ++i) feed_seq_[i] = highest = std::max(highest, seqs[i]);
}

void RecordingGateway::set_position(std::int64_t seq) { position_ = seq; }

std::vector<Event> RecordingGateway::take_emitted(const runtime::EmitPoint& at) {
  if (replaying_) return {};  // left with the plugin host until the live run takes them
  std::vector<Event> events = inner_.take_emitted(at);
  if (events.empty()) return events;
  for (auto& e : events)
    if (!e.has_time) {  // what the engine would give it, written down so a replay gives the same
      e.time = at.clock;
      e.has_time = true;
    }
  store::AdminRecord record;
  if (at.fed == runtime::EmitPoint::kNotFeeding) record.after_seq = position_;
  else if (at.fed == 0 || feed_seq_.empty()) record.after_seq = before_feed_seq_;
  else record.after_seq = feed_seq_[std::min(at.fed, feed_seq_.size()) - 1];
  record.kind = "emitted";
  record.by = "plugins";
  record.payload_json = emitted_payload(events, at.clock);
  store::Batch batch;
  batch.admin.push_back(std::move(record));
  store::AppendResult ignored;
  if (auto st = log_.append(batch, ignored); !st.ok()) {
    // Applied all the same (they happened); a replay will not see them. Reported as a log failure.
    spdlog::error("{} events plugins emitted could not be recorded: {}", events.size(), st.to_string());
    note_failure(st.to_string());
  }
  return events;
}

std::string emitted_payload(const std::vector<Event>& events, Timestamp clock) {
  std::string out = "{\"clock\":" + std::to_string(clock.ms) + ",\"events\":[";
  for (std::size_t i = 0; i < events.size(); ++i) out += (i ? "," : "") + to_cloudevent_json(events[i]);
  return out + "]}";
}

bool parse_emitted_payload(std::string_view payload, std::vector<Event>& events, Timestamp& clock,
                           std::string& error) {
  Value v;
  JsonError jerr;
  if (!parse_json(payload, v, jerr) || !v.is_object() || !v["clock"].is_int() || !v["events"].is_list()) {
    error = "not a record of emitted events";
    return false;
  }
  clock = Timestamp{v["clock"].as_int()};
  events.clear();
  for (const auto& item : v["events"].as_list()) {
    Event e;
    if (!parse_cloudevent(to_json(item), e, error)) return false;
    events.push_back(std::move(e));
  }
  return true;
}

void RecordingGateway::publish(const Event& event) {
  if (!replaying_) inner_.publish(event);
}

}  // namespace cohort::run
