#include "dispatcher.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <curl/curl.h>
#include <rapidjson/document.h>

#include "signature.hpp"

namespace cohort_webhook {
namespace {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool type_of(std::string_view event_json, std::string& type) {
  rapidjson::Document doc;
  doc.Parse(event_json.data(), event_json.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  auto it = doc.FindMember("type");
  if (it == doc.MemberEnd() || !it->value.IsString()) return false;
  type.assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

}  // namespace

struct Dispatcher::Worker {
  Target target;
  std::string safe_url;
  mutable std::mutex mutex;
  std::condition_variable cv;
  std::deque<std::shared_ptr<const Outgoing>> queue;
  bool busy = false;
  bool finished = false;
  std::thread thread;
  std::atomic<std::uint64_t> delivered{0}, retries{0}, dead_lettered{0}, overflowed{0};
  std::string last_error;  // guarded by mutex
};

Dispatcher::Dispatcher(Config config, std::string dead_letter_path, LogFn log)
    : config_(std::move(config)), log_(std::move(log)), dead_letter_path_(std::move(dead_letter_path)) {
  if (!log_) log_ = [](Level, const std::string&) {};
}

Dispatcher::~Dispatcher() { stop(); }

bool Dispatcher::start(std::string& error) {
  if (started_) return true;
  if (!dead_letters_.open(dead_letter_path_, error)) return false;
  // Before any worker makes a handle: the global init is not safe to race with one.
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    error = "libcurl could not be initialised";
    return false;
  }
  for (const auto& t : config_.targets) {
    auto w = std::make_unique<Worker>();
    w->target = t;
    w->safe_url = redact_url(t.url);
    workers_.push_back(std::move(w));
  }
  for (auto& w : workers_) {
    Worker* raw = w.get();
    w->thread = std::thread([this, raw] { run(*raw); });
  }
  started_ = true;
  return true;
}

std::chrono::milliseconds Dispatcher::backoff(const RetryPolicy& policy, std::uint32_t attempt) {
  double wait = policy.initial_backoff_ms;
  for (std::uint32_t i = 1; i < attempt && wait < policy.max_backoff_ms; ++i) wait *= policy.multiplier;
  if (wait > policy.max_backoff_ms) wait = policy.max_backoff_ms;
  return std::chrono::milliseconds(static_cast<std::int64_t>(wait));
}

void Dispatcher::offer(std::string_view event_json) {
  if (workers_.empty()) return;
  std::string type;
  if (!type_of(event_json, type)) {
    log_(Level::Warn, "webhook: ignored an event that is not a JSON object with a type");
    return;
  }
  std::shared_ptr<Outgoing> item;
  for (auto& w : workers_) {
    if (!matches(w->target.events, type)) continue;
    if (!item) {
      item = std::make_shared<Outgoing>();
      std::string error;
      if (!make_outgoing(event_json, unix_ms(), *item, error)) {
        log_(Level::Warn, "webhook: ignored an event: " + error);
        return;
      }
    }
    bool full = false;
    {
      std::lock_guard lock(w->mutex);
      if (stopping_.load() || w->queue.size() >= config_.queue_limit) {
        full = true;
      } else {
        w->queue.push_back(item);
      }
    }
    if (full) {
      // A receiver down for hours overflows on every event: log the 1st, 10th, 100th, ...
      const std::uint64_t n = w->overflowed.fetch_add(1) + 1;
      bool loud = true;
      for (std::uint64_t k = n; k >= 10 && loud; k /= 10) loud = k % 10 == 0;
      bury(*w, *item, 0,
           stopping_.load() ? "offered while the plugin was closing"
                            : "queue full: " + std::to_string(config_.queue_limit) +
                                  " events already wait for this target (receiver down or too slow); " +
                                  std::to_string(n) + " event(s) overflowed so far",
           loud);
      continue;
    }
    w->cv.notify_all();
  }
}

void Dispatcher::run(Worker& w) {
  HttpClient client;
  for (;;) {
    std::shared_ptr<const Outgoing> item;
    {
      std::unique_lock lock(w.mutex);
      w.cv.wait(lock, [&] { return !w.queue.empty() || stopping_.load(); });
      if (w.queue.empty()) break;
      item = std::move(w.queue.front());
      w.queue.pop_front();
      w.busy = true;
    }
    deliver(w, client, *item);
    std::lock_guard lock(w.mutex);
    w.busy = false;
  }
  std::lock_guard lock(w.mutex);
  w.finished = true;
  w.cv.notify_all();
}

void Dispatcher::deliver(Worker& w, HttpClient& client, const Outgoing& item) {
  const Target& t = w.target;
  HttpRequest request;
  request.url = t.url;
  request.body = item.body;
  request.timeout_ms = t.timeout_ms;
  request.connect_timeout_ms = t.connect_timeout_ms;
  request.ca_file = t.ca_file;
  std::string last_error;
  for (std::uint32_t attempt = 1; attempt <= t.retry.max_attempts; ++attempt) {
    if (abort_.load()) {
      bury(w, item, attempt - 1,
           "not delivered before the plugin closed" + (last_error.empty() ? "" : " (last error: " + last_error + ")"));
      return;
    }
    // Signed afresh each attempt: the timestamp says when this request was made.
    request.headers = {"Content-Type: " + std::string(kCloudEventsContentType),
                       std::string(kSignatureHeader) + ": " +
                           signature_header_value(t.secret, unix_ms() / 1000, item.body),
                       "Cohort-Delivery-Attempt: " + std::to_string(attempt)};
    for (const auto& [name, value] : t.headers) request.headers.push_back(name + ": " + value);

    HttpResponse r = client.post(request, &abort_);
    if (r.transport_ok && r.status >= 200 && r.status < 300) {
      w.delivered.fetch_add(1);
      log_(Level::Debug, "webhook " + t.name + ": delivered " + item.type + " " + item.id + " (HTTP " +
                             std::to_string(r.status) + ", attempt " + std::to_string(attempt) + ")");
      return;
    }
    last_error = r.transport_ok ? "HTTP " + std::to_string(r.status) : r.error;
    {
      std::lock_guard lock(w.mutex);
      w.last_error = last_error;
    }
    if (r.aborted) continue;  // the top of the loop buries it
    if (r.transport_ok && !is_retryable_status(r.status)) {
      bury(w, item, attempt, last_error + " from " + w.safe_url + ": the receiver refused it; not retried");
      return;
    }
    if (attempt == t.retry.max_attempts) break;
    auto wait = backoff(t.retry, attempt);
    if (r.retry_after_ms >= 0)
      wait = std::max(wait, std::chrono::milliseconds(std::min<std::int64_t>(r.retry_after_ms, t.retry.max_backoff_ms)));
    w.retries.fetch_add(1);
    log_(Level::Warn, "webhook " + t.name + ": " + item.type + " " + item.id + " to " + w.safe_url + " failed (" +
                          last_error + "), attempt " + std::to_string(attempt) + " of " +
                          std::to_string(t.retry.max_attempts) + "; next in " + std::to_string(wait.count()) + " ms");
    std::unique_lock lock(w.mutex);
    w.cv.wait_for(lock, wait, [&] { return abort_.load(); });
  }
  bury(w, item, t.retry.max_attempts,
       "gave up after " + std::to_string(t.retry.max_attempts) + " attempts: " + last_error);
}

void Dispatcher::bury(Worker& w, const Outgoing& item, std::uint32_t attempts, const std::string& why, bool loud) {
  DeadLetter letter;
  letter.target = w.target.name;
  letter.url = w.safe_url;
  letter.attempts = attempts;
  letter.error = why;
  letter.event_json = item.body;
  letter.failed_at_ms = unix_ms();
  std::string error;
  w.dead_lettered.fetch_add(1);
  if (!dead_letters_.append(letter, error)) {
    log_(Level::Error, "webhook " + w.target.name + ": " + item.type + " " + item.id + " is LOST: " + why +
                           ", and it could not be kept: " + error);
    return;
  }
  {
    std::lock_guard lock(w.mutex);
    w.last_error = why;
  }
  if (!loud) return;
  log_(Level::Error, "webhook " + w.target.name + ": " + item.type + " " + item.id + " not delivered (" + why +
                         "); kept in " + dead_letters_.path());
}

void Dispatcher::stop() {
  if (!started_ || stopped_) return;
  stopped_ = true;
  stopping_.store(true);
  for (auto& w : workers_) {
    std::lock_guard lock(w->mutex);
    w->cv.notify_all();
  }
  // What is queued gets the grace period to go out; after it, transfers and backoff
  // waits are interrupted and the rest is kept in the dead-letter file.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.shutdown_grace_ms);
  for (auto& w : workers_) {
    std::unique_lock lock(w->mutex);
    w->cv.wait_until(lock, deadline, [&] { return w->finished; });
  }
  abort_.store(true);
  for (auto& w : workers_) {
    std::lock_guard lock(w->mutex);
    w->cv.notify_all();
  }
  for (auto& w : workers_)
    if (w->thread.joinable()) w->thread.join();
  curl_global_cleanup();
}

bool Dispatcher::wait_idle(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    bool idle = true;
    for (const auto& w : workers_) {
      std::lock_guard lock(w->mutex);
      if (!w->queue.empty() || w->busy) idle = false;
    }
    if (idle) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::vector<TargetStats> Dispatcher::stats() const {
  std::vector<TargetStats> out;
  for (const auto& w : workers_) {
    TargetStats s;
    s.name = w->target.name;
    s.delivered = w->delivered.load();
    s.retries = w->retries.load();
    s.dead_lettered = w->dead_lettered.load();
    std::lock_guard lock(w->mutex);
    s.queued = w->queue.size() + (w->busy ? 1 : 0);
    s.last_error = w->last_error;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace cohort_webhook
