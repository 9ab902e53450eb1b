// The only runtime file that includes Asio: the thread pool and the partition strands.
#include "runtime/engine.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <latch>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "runtime/details/instance.hpp"
#include "runtime/details/stepper.hpp"

namespace cohort::runtime {

using details::Delivery;
using details::DeliveryKind;
using details::Instance;

namespace {

std::uint64_t fnv1a(std::string_view a, std::string_view b = {}) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : a) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h = (h ^ 0xFFu) * 1099511628211ULL;  // separator: ("ab","c") != ("a","bc")
  for (char c : b) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

struct TimerLater {
  bool operator()(const details::TimerRecord& a, const details::TimerRecord& b) const {
    if (a.due != b.due) return a.due > b.due;
    if (a.instance->subject != b.instance->subject) return a.instance->subject > b.instance->subject;
    if (a.entry_seq != b.entry_seq) return a.entry_seq > b.entry_seq;
    return a.step > b.step;
  }
};

}  // namespace

class EngineImpl {
 public:
  explicit EngineImpl(EngineOptions options)
      : opt_(std::move(options)), work_(boost::asio::make_work_guard(io_)) {
    unsigned threads = opt_.threads ? opt_.threads : std::max(1u, std::thread::hardware_concurrency());
    if (opt_.partitions == 0) opt_.partitions = 1;
    for (unsigned i = 0; i < opt_.partitions; ++i)
      parts_.push_back(std::make_unique<Partition>(boost::asio::make_strand(io_)));
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
    if (const Value* id = opt_.programme.find("id"); id && id->is_string()) programme_subject_ = id->as_string();
  }

  ~EngineImpl() {
    work_.reset();
    io_.stop();
    for (auto& t : threads_) t.join();
  }

  void add_definition(std::shared_ptr<const model::Definition> def) {
    for (const auto& type : def->start_events) starters_.emplace(event_type_id(type), def);
    definitions_.push_back(std::move(def));
  }

  SubmitResult submit(Event e) {
    if (e.id.empty() || e.source.empty() || e.type.empty() || e.subject.empty()) {
      ++stats_.rejected;
      std::string missing;
      for (auto [name, value] : {std::pair{"id", &e.id}, {"source", &e.source}, {"type", &e.type},
                                 {"subject", &e.subject}})
        if (value->empty()) missing += missing.empty() ? name : std::string(", ") + name;
      return {SubmitStatus::Invalid, "event is missing " + missing};
    }
    const std::uint64_t key = fnv1a(e.source, e.id);
    if (seen_.contains(key)) {
      ++stats_.duplicates;
      return {SubmitStatus::Duplicate,
              "event id '" + e.id + "' from source '" + e.source + "' was applied before; ignored"};
    }
    e.type_id = event_type_id(e.type);
    Instance* target = find_or_create(e.subject, e.type_id);
    if (!target) {
      ++stats_.rejected;
      return {SubmitStatus::NoInstance, "no instance has subject '" + e.subject + "' and type '" + e.type +
                                            "' starts no workflow (event id '" + e.id + "')"};
    }
    seen_.insert(key);
    ++stats_.applied;
    pending_.push_back({target, Delivery{DeliveryKind::External, std::move(e), nullptr, nullptr, 0}});
    return {};
  }

  void drain() {
    while (!pending_.empty()) round();
  }

  void advance_to(Timestamp t) {
    drain();
    while (!timers_.empty() && timers_.top().due <= t) {
      clock_ = std::max(clock_, timers_.top().due);
      while (!timers_.empty() && timers_.top().due <= clock_) {
        auto r = timers_.top();
        timers_.pop();
        Delivery d;
        d.kind = r.kind;
        d.timer = r.timer;
        d.entry_seq = r.kind == DeliveryKind::CallRetry ? r.step : r.entry_seq;
        ++stats_.internal;
        pending_.push_back({r.instance, std::move(d)});
      }
      drain();
    }
    clock_ = std::max(clock_, t);
  }

  std::vector<SubmitResult> feed(std::vector<Event> events, const std::function<void(std::size_t)>& progress) {
    std::vector<SubmitResult> results;
    results.reserve(events.size());
    std::size_t done = 0;
    for (auto& e : events) {
      if (e.has_time && e.time > clock_) advance_to(e.time);
      results.push_back(submit(std::move(e)));
      if (progress && ++done % 10000 == 0) progress(done);
    }
    drain();
    if (progress) progress(events.size());
    return results;
  }

  bool retry_incident(std::string_view subject) {
    auto it = index_.find(subject);
    if (it == index_.end()) return false;
    Instance* in = it->second;
    if (in->state != Instance::kIncident || !in->incident_call) return false;
    in->state = in->state_before_incident;
    in->blocked = false;
    auto pc = std::move(*in->incident_call);
    in->incident_call.reset();
    pc.attempt = 0;  // the retry delivery counts it up to 1
    const std::uint32_t step = pc.step;
    in->pending_calls.push_back(std::move(pc));
    Delivery d;
    d.kind = DeliveryKind::CallRetry;
    d.entry_seq = step;
    pending_.push_back({in, std::move(d)});
    drain();
    return true;
  }

  std::optional<InstanceView> instance(std::string_view subject, bool with_history) const {
    auto it = index_.find(subject);
    if (it == index_.end()) return std::nullopt;
    return view(*it->second, with_history);
  }

  void for_each_instance(const std::function<void(const InstanceView&)>& visit) const {
    std::vector<const Instance*> sorted;
    sorted.reserve(instances_.size());
    for (const auto& in : instances_) sorted.push_back(&in);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->subject < b->subject; });
    for (const auto* in : sorted) visit(view(*in, false));
  }

  std::map<std::string, std::uint64_t> count_by_state(std::string_view definition) const {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& in : instances_)
      if (in.definition->id == definition) ++counts[std::string(details::state_name(in))];
    return counts;
  }

  std::size_t instance_count() const { return instances_.size(); }
  EngineStats stats() const { return stats_; }
  Timestamp now() const { return clock_; }

 private:
  struct Partition {
    explicit Partition(boost::asio::strand<boost::asio::io_context::executor_type> s) : strand(std::move(s)) {}
    boost::asio::strand<boost::asio::io_context::executor_type> strand;
    std::vector<Instance*> active;
    details::StepOutput out;
  };

  Instance* find_or_create(const std::string& subject, EventTypeId type) {
    auto it = index_.find(subject);
    if (it != index_.end()) return it->second;
    auto st = starters_.find(type);
    if (st == starters_.end()) return nullptr;
    Instance& in = instances_.emplace_back();
    in.subject = subject;
    in.definition = st->second;
    in.partition = static_cast<std::uint32_t>(fnv1a(subject) % parts_.size());
    index_.emplace(in.subject, &in);
    if (in.definition->id == "participant") participants_.push_back(&in);
    return &in;
  }

  static InstanceView view(const Instance& in, bool with_history) {
    InstanceView v;
    v.subject = in.subject;
    v.definition = in.definition->id;
    v.definition_hash = in.definition->hash;
    v.state = std::string(details::state_name(in));
    v.final = in.state >= 0 && in.definition->states[static_cast<std::size_t>(in.state)].final;
    v.data = in.data;
    if (with_history) v.history = in.history.entries();
    return v;
  }

  void round() {
    // 1. Hand each delivery to its instance; list instances with work per partition.
    for (auto& [in, d] : pending_) {
      if (d.kind == DeliveryKind::CallRetry) {
        in->inbox.insert(in->inbox.begin() + static_cast<std::ptrdiff_t>(in->inbox_head), std::move(d));
        in->blocked = false;
      } else {
        in->inbox.push_back(std::move(d));
      }
      if (!in->blocked && !in->active) {
        in->active = true;
        parts_[in->partition]->active.push_back(in);
      }
    }
    pending_.clear();

    // 2. Run the partitions with work, each on its strand, and wait for all of them.
    std::vector<Partition*> busy;
    for (auto& p : parts_)
      if (!p->active.empty()) busy.push_back(p.get());
    if (busy.empty()) return;
    details::StepEnv env{clock_, opt_.programme, opt_.plugins, opt_.observer, opt_.keep_history};
    std::latch done(static_cast<std::ptrdiff_t>(busy.size()));
    for (Partition* p : busy) {
      boost::asio::post(p->strand, [p, &env, &done] {
        for (Instance* in : p->active) {
          details::run_instance(*in, env, p->out);
          in->active = false;
        }
        p->active.clear();
        done.count_down();
      });
    }
    done.wait();

    // 3. Collect what the steps produced, in an order that does not depend on threads.
    std::vector<details::EmitRecord> emits;
    for (Partition* p : busy) {
      auto& out = p->out;
      stats_.transitions += out.transitions;
      stats_.calls += out.calls;
      stats_.call_failures += out.call_failures;
      for (auto& t : out.timers) timers_.push(t);
      std::move(out.emits.begin(), out.emits.end(), std::back_inserter(emits));
      out = details::StepOutput{};
    }
    std::sort(emits.begin(), emits.end(), [](const auto& a, const auto& b) {
      return a.from_subject != b.from_subject ? a.from_subject < b.from_subject : a.seq < b.seq;
    });
    for (auto& r : emits) route(r);
  }

  void deliver_emit(const std::string& subject, const details::EmitRecord& r) {
    Instance* target = find_or_create(subject, r.event.type_id);
    if (!target) {
      spdlog::warn("instance {} emitted {} to '{}', which is no instance and which {} starts none; dropped",
                   r.from_subject, r.event.type, subject, r.event.type);
      return;
    }
    Delivery d;
    d.kind = DeliveryKind::Emitted;
    d.event = r.event;
    d.event.subject = subject;
    ++stats_.internal;
    if (opt_.observer) opt_.observer->on_emit(r.from_subject, d.event);
    pending_.push_back({target, std::move(d)});
  }

  void route(details::EmitRecord& r) {
    switch (r.action->target) {
      case model::EmitTarget::Programme:
        if (programme_subject_.empty()) {
          spdlog::warn("instance {} emitted {} to the programme, but no programme is loaded; dropped",
                       r.from_subject, r.event.type);
          return;
        }
        deliver_emit(programme_subject_, r);
        return;
      case model::EmitTarget::Self: deliver_emit(r.from->subject, r); return;
      case model::EmitTarget::Participants: {
        std::vector<Instance*> targets = participants_;  // deliver_emit may create and append
        for (Instance* p : targets) deliver_emit(p->subject, r);
        return;
      }
      case model::EmitTarget::Subjects:
        if (r.subjects.is_string()) {
          deliver_emit(r.subjects.as_string(), r);
        } else if (r.subjects.is_list()) {
          for (const auto& s : r.subjects.as_list())
            if (s.is_string()) deliver_emit(s.as_string(), r);
        } else if (!r.subjects.is_null()) {
          spdlog::warn("instance {} emitted {} to a {}, not a subject or a list of subjects; dropped",
                       r.from_subject, r.event.type, r.subjects.kind_name());
        }
        return;
    }
  }

  EngineOptions opt_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::vector<std::unique_ptr<Partition>> parts_;

  std::vector<std::shared_ptr<const model::Definition>> definitions_;
  std::unordered_map<EventTypeId, std::shared_ptr<const model::Definition>> starters_;
  std::deque<Instance> instances_;
  std::unordered_map<std::string_view, Instance*> index_;
  std::vector<Instance*> participants_;
  std::string programme_subject_;
  std::unordered_set<std::uint64_t> seen_;
  std::vector<std::pair<Instance*, Delivery>> pending_;
  std::priority_queue<details::TimerRecord, std::vector<details::TimerRecord>, TimerLater> timers_;
  Timestamp clock_{0};
  EngineStats stats_;
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<EngineImpl>(std::move(options))) {}
Engine::~Engine() = default;
void Engine::add_definition(std::shared_ptr<const model::Definition> d) { impl_->add_definition(std::move(d)); }
SubmitResult Engine::submit(Event e) { return impl_->submit(std::move(e)); }
std::vector<SubmitResult> Engine::submit_batch(std::vector<Event> events) {
  std::vector<SubmitResult> out;
  out.reserve(events.size());
  for (auto& e : events) out.push_back(impl_->submit(std::move(e)));
  return out;
}
void Engine::drain() { impl_->drain(); }
std::vector<SubmitResult> Engine::feed(std::vector<Event> events, const std::function<void(std::size_t)>& progress) {
  return impl_->feed(std::move(events), progress);
}
void Engine::advance_to(Timestamp t) { impl_->advance_to(t); }
Timestamp Engine::now() const { return impl_->now(); }
bool Engine::retry_incident(std::string_view s) { return impl_->retry_incident(s); }
std::optional<InstanceView> Engine::instance(std::string_view s, bool h) const { return impl_->instance(s, h); }
void Engine::for_each_instance(const std::function<void(const InstanceView&)>& v) const { impl_->for_each_instance(v); }
std::map<std::string, std::uint64_t> Engine::count_by_state(std::string_view d) const { return impl_->count_by_state(d); }
std::size_t Engine::instance_count() const { return impl_->instance_count(); }
EngineStats Engine::stats() const { return impl_->stats(); }

}  // namespace cohort::runtime
