#include "run/recording_gateway.hpp"

#include <spdlog/spdlog.h>

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
    ++unrecorded_;
    std::lock_guard lock(failure_mutex_);
    if (first_failure_.empty()) first_failure_ = st.to_string();
  }
  return outcome;
}

void RecordingGateway::publish(const Event& event) {
  if (!replaying_) inner_.publish(event);
}

}  // namespace cohort::run
