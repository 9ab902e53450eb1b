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
#include <map>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>

#include "runtime/details/flat_hash.hpp"
#include "runtime/details/instance.hpp"
#include "runtime/details/stepper.hpp"

namespace cohort::runtime {

using details::Delivery;
using details::DeliveryKind;
using details::Instance;

namespace {

struct TimerLater {
  bool operator()(const details::TimerRecord& a, const details::TimerRecord& b) const {
    if (a.due != b.due) return a.due > b.due;
    if (a.instance->subject != b.instance->subject) return a.instance->subject > b.instance->subject;
    if (a.entry_seq != b.entry_seq) return a.entry_seq > b.entry_seq;
    if (a.step != b.step) return a.step > b.step;
    // Two timers of one state entry due at once: in the order the definition lists them
    // (both point into the same `after` vector).
    return std::greater<const model::Timer*>{}(a.timer, b.timer);
  }
};

std::string_view subject_of(const Instance* in) { return in->subject; }

std::string missing_attributes(const Event& e) {
  std::string missing;
  for (auto [name, value] : {std::pair{"id", &e.id}, {"source", &e.source}, {"type", &e.type},
                             {"subject", &e.subject}})
    if (value->empty()) missing += missing.empty() ? name : std::string(", ") + name;
  return missing;
}

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
    for (const auto& type : def->start_events) starters_.insert_or_assign(event_type_id(type), def);
    definitions_.push_back(std::move(def));
  }

  SubmitResult submit(Event e) {
    // One event: correlate on this thread; no phase is running between calls.
    const std::uint64_t h = details::hash64(e.subject);
    Partition& p = *parts_[h % parts_.size()];
    SubmitResult r;
    if (Instance* in = accept(p, e, h, r)) enqueue(p, in, std::move(e));
    merge_ingress_stats(p);
    return r;
  }

  std::vector<SubmitResult> submit_batch(std::vector<Event>& events) {
    return ingest(events, 0, events.size(), false);
  }

  /// Submits a batch; with `apply`, each accepted event is applied at once by its
  /// partition (when its instance has nothing queued), which saves the inbox.
  std::vector<SubmitResult> ingest(std::vector<Event>& events, std::size_t begin, std::size_t end, bool apply) {
    // Scatter first, on this thread, so that each partition then reads and writes only
    // memory of its own: interleaved writes into one results array from two cores
    // would share cache lines.
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint64_t h = details::hash64(events[i].subject);
      parts_[h % parts_.size()]->ingress.push_back(Ingress{i, h});
    }
    // Dedupe and correlation run in parallel, each partition on its strand: they touch
    // only that partition's index, dedupe set and instances.
    details::StepEnv env{clock_, opt_.programme, opt_.plugins, opt_.observer, opt_.keep_history};
    run_on_partitions([](const Partition& p) { return !p.ingress.empty(); },
                      [this, apply, &env, &events](Partition& p) {
                        for (const auto& item : p.ingress) {
                          Event& e = events[item.index];
                          SubmitResult r;
                          Instance* in = accept(p, e, item.subject_hash, r);
                          if (!in) {
                            p.refused.emplace_back(item.index, std::move(r));
                          } else if (apply && !in->blocked && !in->active && in->inbox.empty()) {
                            details::apply_now(*in, e, env, p.out);
                            if (!in->inbox.empty()) schedule(p, in);  // blocked with events left
                          } else {
                            enqueue(p, in, std::move(e));
                          }
                        }
                        p.ingress.clear();
                      });
    std::vector<SubmitResult> results(end - begin);
    for (auto& p : parts_) {
      merge_ingress_stats(*p);
      for (auto& [i, r] : p->refused) results[i - begin] = std::move(r);
      p->refused.clear();
    }
    if (apply) collect();
    return results;
  }

  void drain() {
    // Plugins' own events join between rounds, at the clock, like any external event.
    for (int turns = 0;; ++turns) {
      while (has_work()) round();
      if (!opt_.plugins) return;
      auto emitted = opt_.plugins->take_emitted(EmitPoint{feed_position_, clock_});
      if (emitted.empty()) return;
      if (turns == 1000) {
        spdlog::error("plugins kept emitting events for 1000 rounds in a row; {} events not taken", emitted.size());
        return;
      }
      for (auto& e : emitted) {
        if (!e.has_time) {
          e.time = clock_;
          e.has_time = true;
        }
        auto r = submit(std::move(e));
        if (r.status != SubmitStatus::Accepted) spdlog::warn("an event a plugin emitted was not applied: {}", r.message);
      }
    }
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
    std::size_t begin = 0, next_progress = 10000;
    feed_position_ = 0;  // a clock move before the first event takes plugins' events in at 0
    auto flush = [&](std::size_t end) {
      if (begin == end) return;
      auto r = ingest(events, begin, end, true);
      std::move(r.begin(), r.end(), std::back_inserter(results));
      begin = end;
      feed_position_ = end;
      drain();
      if (progress && results.size() >= next_progress) {
        progress(results.size());
        next_progress = results.size() + 10000;
      }
    };
    // Events that share the clock's time are applied together; a later time first
    // applies what is queued, then moves the clock (firing due timers).
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].has_time && events[i].time > clock_) {
        flush(i);
        advance_to(events[i].time);
      }
    }
    flush(events.size());
    feed_position_ = EmitPoint::kNotFeeding;
    if (progress) progress(results.size());
    return results;
  }

  bool retry_incident(std::string_view subject) {
    Instance* in = find(subject);
    if (!in || in->state != Instance::kIncident || !in->incident_call) return false;
    in->state = in->state_before_incident;
    in->blocked = false;
    auto pc = std::move(*in->incident_call);
    in->incident_call.reset();
    // The retry delivery counts the attempt up: a new attempt number, so a new idempotency
    // key. Reusing the first attempt's key would make a durable run answer the retry with
    // the failure recorded for that key.
    const std::uint32_t step = pc.step;
    in->pending_calls.push_back(std::move(pc));
    Delivery d;
    d.kind = DeliveryKind::CallRetry;
    d.entry_seq = step;
    pending_.push_back({in, std::move(d)});
    drain();
    return true;
  }

  bool migrate(std::string_view subject, std::shared_ptr<const model::Definition> def, std::string_view state,
               Value data, const std::string& note, std::string& error) {
    drain();
    Instance* in = find(subject);
    if (!in) {
      error = "no instance has subject '" + std::string(subject) + "'";
      return false;
    }
    if (!def || def->id != in->definition->id) {
      error = "instance '" + in->subject + "' runs definition '" + in->definition->id + "', not '" +
              (def ? def->id : std::string("(none)")) + "'";
      return false;
    }
    if (in->state == Instance::kIncident || in->blocked || !in->pending_calls.empty()) {
      error = "instance '" + in->subject + "' is " +
              (in->state == Instance::kIncident ? "parked in incident" : "waiting for a plugin call retry") +
              "; resolve that first (cohort retry), then migrate";
      return false;
    }
    std::int32_t target = -1;
    for (std::size_t i = 0; i < def->states.size(); ++i)
      if (def->states[i].name == state) target = static_cast<std::int32_t>(i);
    if (target < 0) {
      error = "state '" + std::string(state) + "' does not exist in version " + def->hash.substr(0, 12) + " of '" +
              def->id + "'";
      return false;
    }
    details::StepEnv env{clock_, opt_.programme, opt_.plugins, opt_.observer, opt_.keep_history};
    details::StepOutput& out = parts_[in->partition]->out;
    details::rebind(*in, std::move(def), target, std::move(data), note, env, out);
    collect();
    return true;
  }

  // A snapshot is positional lists, one per instance, with the versions and the words of
  // histories in tables: restoring 200,000 instances must cost less than replaying them.
  //   {"format": 2, "clock": ms, "versions": [hash...], "words": [text...],
  //    "instances": [[subject, version#, state, entry_seq, call_steps, emit_seq, entered_at,
  //                   data, history bytes]...],
  //    "timers": [[due, subject, timer#, entry_seq]...], "seen": [8-byte keys per partition]}
  Value snapshot(std::string& why) const {
    if (!pending_.empty()) {
      why = "events are still queued";
      return {};
    }
    std::map<std::string_view, std::int64_t> version_number;
    List versions, instances;
    details::PortableWords words;
    for (const auto& p : parts_) {
      if (!p->active.empty()) {
        why = "events are still queued";
        return {};
      }
      for (const auto& in : p->instances) {
        if (in.blocked || in.state == Instance::kIncident || !in.pending_calls.empty() || in.inbox_head < in.inbox.size()) {
          why = "instance " + in.subject + " waits for a plugin call retry or is parked in incident";
          return {};
        }
        auto [it, added] = version_number.try_emplace(in.definition->hash, static_cast<std::int64_t>(versions.size()));
        if (added) versions.push_back(Value(in.definition->hash));
        instances.push_back(Value(List{Value(in.subject), Value(it->second), Value(static_cast<std::int64_t>(in.state)),
                                       Value(static_cast<std::int64_t>(in.entry_seq)),
                                       Value(static_cast<std::int64_t>(in.call_steps)),
                                       Value(static_cast<std::int64_t>(in.emit_seq)), Value(in.entered_at.ms), in.data,
                                       Value(in.history.export_records(words))}));
      }
    }
    List timers;
    auto queue = timers_;
    for (; !queue.empty(); queue.pop()) {
      const auto& t = queue.top();
      const Instance* in = t.instance;
      // A timer left behind by a state the instance has left, or by a settled retry, fires
      // into nothing: it is not part of the state.
      if (t.kind != DeliveryKind::TimerFired || in->state < 0 || t.entry_seq != in->entry_seq) continue;
      const auto& after = in->definition->states[static_cast<std::size_t>(in->state)].after;
      const auto index = static_cast<std::int64_t>(t.timer - after.data());
      if (index < 0 || index >= static_cast<std::int64_t>(after.size())) continue;
      timers.push_back(Value(List{Value(t.due.ms), Value(in->subject), Value(index),
                                  Value(static_cast<std::int64_t>(t.entry_seq))}));
    }
    List seen;
    for (const auto& p : parts_) {
      std::string keys;
      p->seen.for_each([&](std::uint64_t h) {
        for (int b = 0; b < 8; ++b) keys.push_back(static_cast<char>((h >> (8 * b)) & 0xFF));
      });
      seen.push_back(Value(std::move(keys)));
    }
    List texts;
    texts.reserve(words.texts.size());
    for (auto& t : words.texts) texts.push_back(Value(std::move(t)));
    return Value::object({{"format", Value(std::int64_t{2})},
                          {"clock", Value(clock_.ms)},
                          {"versions", Value(std::move(versions))},
                          {"words", Value(std::move(texts))},
                          {"instances", Value(std::move(instances))},
                          {"timers", Value(std::move(timers))},
                          {"seen", Value(std::move(seen))}});
  }

  bool restore(const Value& snap,
               const std::function<std::shared_ptr<const model::Definition>(const std::string&)>& version,
               std::string& error) {
    if (instance_count() != 0) {
      error = "the engine already has instances";
      return false;
    }
    if (!snap.is_object() || !snap["format"].is_int() || snap["format"].as_int() != 2 || !snap["clock"].is_int() ||
        !snap["versions"].is_list() || !snap["words"].is_list() || !snap["instances"].is_list() ||
        !snap["timers"].is_list() || !snap["seen"].is_list()) {
      error = "not a snapshot this build can read";
      return false;
    }
    if (snap["seen"].as_list().size() != parts_.size()) {
      error = "the snapshot was taken with " + std::to_string(snap["seen"].as_list().size()) +
              " partitions, this engine has " + std::to_string(parts_.size());
      return false;
    }
    std::vector<std::shared_ptr<const model::Definition>> defs;
    for (const auto& h : snap["versions"].as_list()) {
      auto def = h.is_string() ? version(h.as_string()) : nullptr;
      if (!def) {
        error = "the snapshot has instances on version " + (h.is_string() ? h.as_string().substr(0, 12) : "?") +
                ", which is not loaded";
        return false;
      }
      defs.push_back(std::move(def));
    }
    std::vector<Symbol> symbols;
    symbols.reserve(snap["words"].as_list().size());
    for (const auto& w : snap["words"].as_list()) {
      if (!w.is_string()) {
        error = "the snapshot's word table is damaged";
        return false;
      }
      symbols.push_back(symbol(w.as_string()));
    }
    auto is_int = [](const Value& v) { return v.is_int(); };
    for (const auto& row : snap["instances"].as_list()) {
      const List* f = row.is_list() ? &row.as_list() : nullptr;
      if (!f || f->size() != 9 || !(*f)[0].is_string() || !std::all_of(f->begin() + 1, f->begin() + 7, is_int) ||
          !(*f)[8].is_string()) {
        error = "the snapshot has a damaged instance";
        return false;
      }
      const std::string& subject = (*f)[0].as_string();
      const auto vnum = (*f)[1].as_int();
      const auto state = (*f)[2].as_int();
      if (vnum < 0 || vnum >= static_cast<std::int64_t>(defs.size()) || state < Instance::kNoState ||
          state >= static_cast<std::int64_t>(defs[static_cast<std::size_t>(vnum)]->states.size())) {
        error = "instance " + subject + " names a version or state the snapshot does not have";
        return false;
      }
      const std::uint64_t h = details::hash64(subject);
      Partition& p = *parts_[h % parts_.size()];
      Instance& in = p.instances.emplace_back();
      in.subject = subject;
      in.definition = defs[static_cast<std::size_t>(vnum)];
      in.partition = static_cast<std::uint32_t>(h % parts_.size());
      in.state = static_cast<std::int32_t>(state);
      in.entry_seq = static_cast<std::uint32_t>((*f)[3].as_int());
      in.call_steps = static_cast<std::uint32_t>((*f)[4].as_int());
      in.emit_seq = static_cast<std::uint32_t>((*f)[5].as_int());
      in.entered_at = Timestamp{(*f)[6].as_int()};
      in.data = (*f)[7];
      if (!in.history.import_records((*f)[8].as_string(), symbols)) {
        error = "instance " + subject + " has an unreadable history";
        return false;
      }
      in.history.shrink();
      p.index.add(h, &in);
      if (in.definition->id == "participant") p.participants.push_back(&in);
    }
    for (const auto& t : snap["timers"].as_list()) {
      const List* f = t.is_list() ? &t.as_list() : nullptr;
      if (!f || f->size() != 4 || !(*f)[0].is_int() || !(*f)[1].is_string() || !(*f)[2].is_int() || !(*f)[3].is_int()) {
        error = "the snapshot has a damaged timer";
        return false;
      }
      Instance* in = find((*f)[1].as_string());
      if (!in || in->state < 0) {
        error = "a timer belongs to no instance in a state";
        return false;
      }
      const auto& after = in->definition->states[static_cast<std::size_t>(in->state)].after;
      const auto index = (*f)[2].as_int();
      if (index < 0 || index >= static_cast<std::int64_t>(after.size())) {
        error = "a timer of " + in->subject + " names no timer of its state";
        return false;
      }
      timers_.push(details::TimerRecord{Timestamp{(*f)[0].as_int()}, in, DeliveryKind::TimerFired,
                                        &after[static_cast<std::size_t>(index)],
                                        static_cast<std::uint32_t>((*f)[3].as_int()), 0});
    }
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const Value& keys = snap["seen"].as_list()[i];
      if (!keys.is_string() || keys.as_string().size() % 8 != 0) {
        error = "the snapshot's dedupe keys are damaged";
        return false;
      }
      const std::string& k = keys.as_string();
      for (std::size_t at = 0; at < k.size(); at += 8) {
        std::uint64_t h = 0;
        for (int b = 0; b < 8; ++b) h |= static_cast<std::uint64_t>(static_cast<unsigned char>(k[at + b])) << (8 * b);
        parts_[i]->seen.insert(h);
      }
    }
    clock_ = Timestamp{snap["clock"].as_int()};
    return true;
  }

  std::optional<InstanceView> instance(std::string_view subject, bool with_history) const {
    const Instance* in = find(subject);
    if (!in) return std::nullopt;
    return view(*in, with_history);
  }

  void for_each_instance(const std::function<void(const InstanceView&)>& visit) const {
    std::vector<const Instance*> sorted;
    for (const auto& p : parts_)
      for (const auto& in : p->instances) sorted.push_back(&in);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->subject < b->subject; });
    for (const auto* in : sorted) visit(view(*in, false));
  }

  std::map<std::string, std::uint64_t> count_by_state(std::string_view definition) const {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& p : parts_)
      for (const auto& in : p->instances)
        if (in.definition->id == definition) ++counts[std::string(details::state_name(in))];
    return counts;
  }

  std::size_t instance_count() const {
    std::size_t n = 0;
    for (const auto& p : parts_) n += p->instances.size();
    return n;
  }
  EngineStats stats() const { return stats_; }
  Timestamp now() const { return clock_; }

 private:
  using SubjectIndex = details::HashIndex<Instance, subject_of>;

  struct Ingress {
    std::size_t index;
    std::uint64_t subject_hash;
  };

  struct Partition {
    explicit Partition(boost::asio::strand<boost::asio::io_context::executor_type> s) : strand(std::move(s)) {}
    boost::asio::strand<boost::asio::io_context::executor_type> strand;
    std::deque<Instance> instances;  // a deque: instances never move once made
    SubjectIndex index;
    details::HashSet64 seen;         // source + id of every accepted external event
    std::vector<Instance*> participants;
    std::vector<Instance*> active;
    std::vector<Ingress> ingress;
    std::vector<std::pair<std::size_t, SubmitResult>> refused;
    details::StepOutput out;
    std::uint64_t applied = 0, duplicates = 0, rejected = 0;
    std::string last_type;
    EventTypeId last_type_id = 0;
  };

  template <typename Pred, typename Job>
  void run_on_partitions(Pred has_work, Job job) {
    std::vector<Partition*> busy;
    for (auto& p : parts_)
      if (has_work(*p)) busy.push_back(p.get());
    if (busy.empty()) return;
    if (busy.size() == 1 || threads_.size() == 1) {
      // Nothing to run in parallel: skip the hand-off to the pool.
      for (Partition* p : busy) job(*p);
      return;
    }
    std::latch done(static_cast<std::ptrdiff_t>(busy.size()));
    for (Partition* p : busy)
      boost::asio::post(p->strand, [p, &job, &done] {
        job(*p);
        done.count_down();
      });
    done.wait();
  }

  /// Dedupe and correlation of one external event, inside its partition. Returns the
  /// instance it goes to, or null with `refusal` saying why.
  Instance* accept(Partition& p, Event& e, std::uint64_t subject_hash, SubmitResult& refusal) {
    if (e.id.empty() || e.source.empty() || e.type.empty() || e.subject.empty()) {
      ++p.rejected;
      refusal = {SubmitStatus::Invalid, "event is missing " + missing_attributes(e)};
      return nullptr;
    }
    const std::uint64_t key = details::hash64(e.source, e.id);
    if (p.seen.contains(key)) {
      ++p.duplicates;
      refusal = {SubmitStatus::Duplicate,
                 "event id '" + e.id + "' from source '" + e.source + "' was applied before; ignored"};
      return nullptr;
    }
    if (e.type != p.last_type) {  // types repeat from event to event: skip the symbol lookup
      p.last_type = e.type;
      p.last_type_id = event_type_id(e.type);
    }
    e.type_id = p.last_type_id;
    Instance* target = find_or_create(p, e.subject, subject_hash, e.type_id);
    if (!target) {
      ++p.rejected;
      refusal = {SubmitStatus::NoInstance, "no instance has subject '" + e.subject + "' and type '" + e.type +
                                               "' starts no workflow (event id '" + e.id + "')"};
      return nullptr;
    }
    p.seen.insert(key);
    ++p.applied;
    return target;
  }

  /// Queues an accepted event in its instance's inbox for the next round.
  static void enqueue(Partition& p, Instance* in, Event&& e) {
    in->inbox.push_back(Delivery{DeliveryKind::External, std::move(e), nullptr, nullptr, 0});
    schedule(p, in);
  }

  void merge_ingress_stats(Partition& p) {
    stats_.applied += std::exchange(p.applied, 0);
    stats_.duplicates += std::exchange(p.duplicates, 0);
    stats_.rejected += std::exchange(p.rejected, 0);
  }

  static void schedule(Partition& p, Instance* in) {
    if (!in->blocked && !in->active) {
      in->active = true;
      p.active.push_back(in);
    }
  }

  Instance* find(std::string_view subject) const {
    const std::uint64_t h = details::hash64(subject);
    return parts_[h % parts_.size()]->index.find(subject, h);
  }

  Instance* find_or_create(Partition& p, const std::string& subject, std::uint64_t h, EventTypeId type) {
    if (Instance* in = p.index.find(subject, h)) return in;
    auto st = starters_.find(type);
    if (st == starters_.end()) return nullptr;
    Instance& in = p.instances.emplace_back();
    in.subject = subject;
    in.definition = st->second;
    in.partition = static_cast<std::uint32_t>(h % parts_.size());
    p.index.add(h, &in);
    if (in.definition->id == "participant") p.participants.push_back(&in);
    return &in;
  }

  static InstanceView view(const Instance& in, bool with_history) {
    InstanceView v;
    v.subject = in.subject;
    v.definition = in.definition->id;
    v.definition_hash = in.definition->hash;
    v.state = std::string(details::state_name(in));
    v.final = in.state >= 0 && in.definition->states[static_cast<std::size_t>(in.state)].final;
    v.blocked = in.blocked || in.state == Instance::kIncident || !in.pending_calls.empty();
    v.data = in.data;
    if (with_history) v.history = in.history.entries();
    return v;
  }

  bool has_work() const {
    if (!pending_.empty()) return true;
    for (const auto& p : parts_)
      if (!p->active.empty()) return true;
    return false;
  }

  void round() {
    // 1. Hand emits, timer firings and retries to their instances; wake those whose call
    //    with side effects was made (its place is in their inbox already), unless another
    //    call of theirs still waits for its retry.
    for (auto& [in, d] : pending_) {
      if (d.kind == DeliveryKind::CallSettled) {
        if (in->state != Instance::kIncident &&
            std::none_of(in->pending_calls.begin(), in->pending_calls.end(),
                         [](const details::PendingCall& pc) { return !pc.deferred; }))
          in->blocked = false;
      } else if (d.kind == DeliveryKind::CallRetry) {
        in->inbox.insert(in->inbox.begin() + static_cast<std::ptrdiff_t>(in->inbox_head), std::move(d));
        in->blocked = false;
      } else {
        in->inbox.push_back(std::move(d));
      }
      schedule(*parts_[in->partition], in);
    }
    pending_.clear();

    // 2. Run the partitions with work, each on its strand, and wait for all of them.
    details::StepEnv env{clock_, opt_.programme, opt_.plugins, opt_.observer, opt_.keep_history};
    run_on_partitions([](const Partition& p) { return !p.active.empty(); },
                      [&env](Partition& p) {
                        for (Instance* in : p.active) {
                          details::run_instance(*in, env, p.out);
                          in->active = false;
                        }
                        p.active.clear();
                      });

    collect();
  }

  /// Gathers what the steps produced (timers, emits, effects, counters) and routes the emits,
  /// in an order that does not depend on threads.
  void collect() {
    std::vector<details::EmitRecord> emits;
    std::vector<details::EffectRequest> effects;
    for (auto& p : parts_) {
      auto& out = p->out;
      stats_.transitions += out.transitions;
      stats_.calls += out.calls;
      stats_.call_failures += out.call_failures;
      for (auto& t : out.timers) timers_.push(t);
      std::move(out.emits.begin(), out.emits.end(), std::back_inserter(emits));
      std::move(out.effects.begin(), out.effects.end(), std::back_inserter(effects));
      out.timers.clear();
      out.emits.clear();
      out.effects.clear();
      out.transitions = out.calls = out.call_failures = 0;
    }
    std::sort(emits.begin(), emits.end(), [](const auto& a, const auto& b) {
      return a.from_subject != b.from_subject ? a.from_subject < b.from_subject : a.seq < b.seq;
    });
    for (auto& r : emits) route(r);
    settle_effects(effects);
  }

  /// Makes the calls with side effects the steps decided, all at once, in an order that
  /// does not depend on threads; their outcomes reach the instances in the next round.
  void settle_effects(std::vector<details::EffectRequest>& effects) {
    if (effects.empty()) return;
    std::sort(effects.begin(), effects.end(), [](const auto& a, const auto& b) {
      return a.instance->subject != b.instance->subject ? a.instance->subject < b.instance->subject
                                                        : a.step < b.step;
    });
    std::vector<CallRequest> requests;
    requests.reserve(effects.size());
    for (const auto& e : effects) requests.push_back(e.request);
    std::vector<CallOutcome> outcomes = opt_.plugins->perform(requests);
    for (std::size_t i = 0; i < effects.size(); ++i) {
      Instance* in = effects[i].instance;
      auto pc = std::find_if(in->pending_calls.begin(), in->pending_calls.end(),
                             [&](const details::PendingCall& c) { return c.step == effects[i].step; });
      if (pc == in->pending_calls.end()) continue;
      if (i < outcomes.size() && outcomes[i].not_made) continue;  // it waits for the next run
      if (i < outcomes.size()) {
        pc->settled = std::move(outcomes[i]);
      } else {
        pc->settled = CallOutcome{false, {}, "error", "the plugin gateway returned no outcome for this call", false};
      }
      Delivery d;  // wakes the instance: the outcome's place is in its inbox
      d.kind = DeliveryKind::CallSettled;
      d.entry_seq = effects[i].step;
      pending_.push_back({in, std::move(d)});
    }
  }

  void deliver_emit(const std::string& subject, const details::EmitRecord& r) {
    const std::uint64_t h = details::hash64(subject);
    Partition& p = *parts_[h % parts_.size()];
    Instance* target = find_or_create(p, subject, h, r.event.type_id);
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
        std::vector<Instance*> targets;  // deliver_emit may create instances and append to the lists
        for (const auto& p : parts_) targets.insert(targets.end(), p->participants.begin(), p->participants.end());
        std::sort(targets.begin(), targets.end(), [](auto* a, auto* b) { return a->subject < b->subject; });
        for (Instance* t : targets) deliver_emit(t->subject, r);
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
  std::string programme_subject_;
  std::vector<std::pair<Instance*, Delivery>> pending_;  // emits, timers, retries for the next round
  std::priority_queue<details::TimerRecord, std::vector<details::TimerRecord>, TimerLater> timers_;
  Timestamp clock_{0};
  std::size_t feed_position_ = EmitPoint::kNotFeeding;  // events of the current feed() taken in (for take_emitted)
  EngineStats stats_;
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<EngineImpl>(std::move(options))) {}
Engine::~Engine() = default;
void Engine::add_definition(std::shared_ptr<const model::Definition> d) { impl_->add_definition(std::move(d)); }
SubmitResult Engine::submit(Event e) { return impl_->submit(std::move(e)); }
std::vector<SubmitResult> Engine::submit_batch(std::vector<Event> events) { return impl_->submit_batch(events); }
void Engine::drain() { impl_->drain(); }
std::vector<SubmitResult> Engine::feed(std::vector<Event> events, const std::function<void(std::size_t)>& progress) {
  return impl_->feed(std::move(events), progress);
}
void Engine::advance_to(Timestamp t) { impl_->advance_to(t); }
Timestamp Engine::now() const { return impl_->now(); }
bool Engine::retry_incident(std::string_view s) { return impl_->retry_incident(s); }
bool Engine::migrate(std::string_view subject, std::shared_ptr<const model::Definition> definition,
                     std::string_view state, Value data, const std::string& note, std::string& error) {
  return impl_->migrate(subject, std::move(definition), state, std::move(data), note, error);
}
std::optional<InstanceView> Engine::instance(std::string_view s, bool h) const { return impl_->instance(s, h); }
Value Engine::snapshot(std::string& why) const { return impl_->snapshot(why); }
bool Engine::restore(const Value& snapshot,
                     const std::function<std::shared_ptr<const model::Definition>(const std::string&)>& version,
                     std::string& error) {
  return impl_->restore(snapshot, version, error);
}
void Engine::for_each_instance(const std::function<void(const InstanceView&)>& v) const { impl_->for_each_instance(v); }
std::map<std::string, std::uint64_t> Engine::count_by_state(std::string_view d) const { return impl_->count_by_state(d); }
std::size_t Engine::instance_count() const { return impl_->instance_count(); }
EngineStats Engine::stats() const { return impl_->stats(); }

}  // namespace cohort::runtime
