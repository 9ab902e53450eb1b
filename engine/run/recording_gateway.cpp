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
