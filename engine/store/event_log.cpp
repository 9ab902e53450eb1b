#include "store/event_log.hpp"

#include <utility>

namespace cohort::store {

Status EventLog::append_events(std::vector<NewEvent> events, AppendResult& result) {
  Batch batch;
  batch.events = std::move(events);
  return append(batch, result);
}

Status EventLog::record_call_result(const CallRecord& record) {
  Batch batch;
  batch.call_results.push_back(record);
  batch.outbox_done.push_back(record.key);
  AppendResult ignored;
  return append(batch, ignored);
}

Status EventLog::put_snapshot(std::int64_t seq, std::string blob) {
  Batch batch;
  batch.snapshot = Snapshot{seq, 0, std::move(blob)};
  AppendResult ignored;
  return append(batch, ignored);
}

Status EventLog::mark_outbox_done(std::vector<std::string> keys) {
  Batch batch;
  batch.outbox_done = std::move(keys);
  AppendResult ignored;
  return append(batch, ignored);
}

}  // namespace cohort::store
