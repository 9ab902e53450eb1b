#include "runtime/details/stepper.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::runtime::details {
namespace {

using Kind = HistoryEntry::Kind;

/// "SUBJECT/STEP/ATTEMPT": an attempt's idempotency key, and the id of its result event.
std::string call_key(const Instance& in, const PendingCall& pc) {
  return in.subject + "/" + std::to_string(pc.step) + "/" + std::to_string(pc.attempt);
}

HistoryPiece state_word(const model::State& s) {
  return s.symbol != kNoSymbol ? HistoryPiece::word(s.symbol) : HistoryPiece(s.name);
}

/// One step's working set: the instance, the environment, and the results of
/// calls made during the step, which go to the front of the inbox afterwards.
class Step {
 public:
  Step(Instance& in, const StepEnv& env, StepOutput& out) : in_(in), env_(env), out_(out) {}

  void apply(Delivery& d);
  /// The instance was just moved to another definition version and state.
  void rebound(const std::string& from_version, const std::string& from_state, const std::string& why);
  void on_event(DeliveryKind kind, const Event& e, const model::CallAction* call);
  void flush_results() {
    if (results_.empty()) return;
    in_.inbox.insert(in_.inbox.begin() + static_cast<std::ptrdiff_t>(in_.inbox_head),
                     std::make_move_iterator(results_.begin()), std::make_move_iterator(results_.end()));
    results_.clear();
  }

 private:
  const model::Definition& def() const { return *in_.definition; }
  expr::Scope scope(const Value& event_data) const {
    return expr::Scope{in_.data, event_data, env_.programme, env_.now};
  }
  Symbol source_symbol(const std::string& source) {
    // Sources repeat from event to event: remember the last one per partition.
    if (source != out_.last_source) {
      out_.last_source = source;
      out_.last_source_symbol = symbol(source);
    }
    return out_.last_source_symbol;
  }
  void note(Kind kind, std::initializer_list<HistoryPiece> pieces) {
    if (env_.keep_history) in_.history.add(env_.now, kind, pieces);
  }

  void start(const Event& e);
  bool try_transitions(const std::vector<model::Transition>& ts, const Event& e);
  void take(const model::Transition& t, const Event& e);
  void enter(int target, const Event& e, const model::State* from);
  void run_actions(const std::vector<model::Action>& actions, const Event& e);
  void call(const model::CallAction& a, const Event& e);
  void attempt(PendingCall pc);
  void settle(PendingCall pc, CallOutcome outcome);
  void fail_path(const model::CallAction& a, const Event& e);
  void set(const model::SetAction& a, const Event& e);
  void emit(const model::EmitAction& a, const Event& e);
  void arm_timers(const model::State& s, const Event& e);

  Instance& in_;
  const StepEnv& env_;
  StepOutput& out_;
  std::vector<Delivery> results_;
};

void Step::rebound(const std::string& from_version, const std::string& from_state, const std::string& why) {
  const auto& s = def().states[static_cast<std::size_t>(in_.state)];
  note(Kind::Migration, {{from_version.substr(0, 12) + " " + from_state, false},
                         {"->"},
                         {def().hash.substr(0, 12) + " " + s.name, false},
                         {why, false}});
  // Deadlines keep counting from when the instance entered the state, not from the migration.
  arm_timers(s, Event{});
}

void Step::apply(Delivery& d) {
  switch (d.kind) {
    case DeliveryKind::TimerFired: {
      if (in_.state < 0 || d.entry_seq != in_.entry_seq) return;  // the state was left since
      const auto& t = *d.timer;
      note(Kind::Timer, {{"after"}, {t.delay_ms ? "delay" : "at"},
                         {def().states[static_cast<std::size_t>(in_.state)].name}});
      Event fired;
      fired.type = "timer";
      fired.time = env_.now;
      if (t.transition.guard.empty() || t.transition.guard.test(scope(fired.data))) take(t.transition, fired);
      return;
    }
    case DeliveryKind::CallRetry: {
      auto it = std::find_if(in_.pending_calls.begin(), in_.pending_calls.end(),
                             [&](const PendingCall& pc) { return pc.step == d.entry_seq; });
      if (it == in_.pending_calls.end()) return;
      PendingCall pc = std::move(*it);
      in_.pending_calls.erase(it);
      ++pc.attempt;
      attempt(std::move(pc));
      return;
    }
    case DeliveryKind::CallSettled: {
      // run_instance hands it over only once the call was made (settled_call).
      auto it = std::find_if(in_.pending_calls.begin(), in_.pending_calls.end(),
                             [&](const PendingCall& pc) { return pc.step == d.entry_seq && pc.settled; });
      if (it == in_.pending_calls.end()) return;
      PendingCall pc = std::move(*it);
      in_.pending_calls.erase(it);
      CallOutcome outcome = std::move(*pc.settled);
      pc.settled.reset();
      pc.deferred = false;
      settle(std::move(pc), std::move(outcome));
      return;
    }
    default: on_event(d.kind, d.event, d.call);
  }
}

void Step::on_event(DeliveryKind kind, const Event& e, const model::CallAction* call) {
  note(Kind::Event, {HistoryPiece::word(e.type_id), {e.id, false}, HistoryPiece::word(source_symbol(e.source))});
  if (env_.plugins && kind != DeliveryKind::CallResult) env_.plugins->publish(e);
  if (in_.state == Instance::kNoState) {
    start(e);
    return;
  }
  const auto& state = def().states[static_cast<std::size_t>(in_.state)];
  const model::Handlers* handlers = state.handlers_for(e.type_id);
  if (handlers && try_transitions(handlers->transitions, e)) return;
  if (kind == DeliveryKind::CallResult && call && e.type.ends_with(".failed")) {
    fail_path(*call, e);
    return;
  }
  note(Kind::Ignored, {{e.type}, {e.id, false},
                       {handlers ? "no guard held in state " + state.name
                                 : "state " + state.name + " has no transition for it", false}});
}

void Step::start(const Event& e) {
  // A new instance's data starts as its start event's payload, plus the subject
  // under the definition's correlation field.
  in_.data = e.data.is_object() ? e.data : Value::object();
  if (!def().correlation.empty()) in_.data.set(def().correlation, Value(in_.subject));
  enter(def().initial, e, nullptr);
}

bool Step::try_transitions(const std::vector<model::Transition>& ts, const Event& e) {
  auto sc = scope(e.data);
  for (const auto& t : ts) {
    if (t.guard.empty() || t.guard.test(sc)) {
      take(t, e);
      return true;
    }
  }
  return false;
}

void Step::take(const model::Transition& t, const Event& e) {
  if (t.target < 0) {
    run_actions(t.actions, e);
    return;
  }
  const auto& from = def().states[static_cast<std::size_t>(in_.state)];
  run_actions(from.exit, e);
  run_actions(t.actions, e);
  enter(t.target, e, &from);
}

void Step::enter(int target, const Event& e, const model::State* from) {
  in_.state = target;
  in_.entered_at = env_.now;
  ++in_.entry_seq;
  ++out_.transitions;
  const auto& s = def().states[static_cast<std::size_t>(target)];
  note(Kind::Transition, {from ? state_word(*from) : HistoryPiece(""), state_word(s)});
  if (env_.observer) env_.observer->on_transition(in_.subject, def().id, from ? from->name : "", s.name, e);
  run_actions(s.entry, e);
  if (in_.state == target) arm_timers(s, e);  // an entry action may have moved on already
}

void Step::arm_timers(const model::State& s, const Event& e) {
  for (const auto& t : s.after) {
    Timestamp due;
    if (t.delay_ms) {
      due = Timestamp{in_.entered_at.ms + *t.delay_ms};
    } else {
      Value v = t.at.evaluate(scope(e.data));
      std::optional<Timestamp> at;
      if (v.is_time()) at = v.as_time();
      else if (v.is_string()) at = parse_iso_datetime(v.as_string());
      if (!at) {
        note(Kind::Timer, {{"not armed:"}, {"'" + t.at.text() + "' gave " + std::string(v.kind_name()) +
                                                ", not a time", false}});
        spdlog::warn("instance {}: timer in state {} not armed: '{}' gave {} ({}:{}:{})", in_.subject,
                     s.name, t.at.text(), v.kind_name(), t.where.file, t.where.line, t.where.column);
        continue;
      }
      due = *at;
    }
    out_.timers.push_back(TimerRecord{due, &in_, DeliveryKind::TimerFired, &t, in_.entry_seq, 0});
  }
}

void Step::run_actions(const std::vector<model::Action>& actions, const Event& e) {
  for (const auto& a : actions) {
    if (const auto* c = std::get_if<model::CallAction>(&a.body)) call(*c, e);
    else if (const auto* s = std::get_if<model::SetAction>(&a.body)) set(*s, e);
    else emit(std::get<model::EmitAction>(a.body), e);
  }
}

void Step::call(const model::CallAction& a, const Event& e) {
  PendingCall pc;
  pc.action = &a;
  pc.args_json = a.args.empty() ? std::string("{}") : to_json(a.args.render(scope(e.data)));
  pc.step = ++in_.call_steps;
  pc.attempt = 1;
  attempt(std::move(pc));
}

void Step::attempt(PendingCall pc) {
  const auto& a = *pc.action;
  CallRequest req;
  req.operation = a.operation;
  req.args_json = pc.args_json;
  req.subject = in_.subject;
  req.idempotency_key = call_key(in_, pc);
  req.attempt = pc.attempt;
  req.timeout_ms = a.timeout_ms;
  note(Kind::Call, {{a.operation}, {req.idempotency_key, false}});
  ++out_.calls;

  CallOutcome outcome;
  if (env_.plugins && env_.plugins->has_effects(a.operation)) {
    // Made with the round's other side effects once the round is over (through the
    // outbox of a durable run). Its place among the step's results is kept, so the
    // instance takes its calls' results in the order it made the calls, and waits there.
    out_.effects.push_back(EffectRequest{&in_, pc.step, std::move(req)});
    Delivery placeholder;
    placeholder.kind = DeliveryKind::CallSettled;
    placeholder.entry_seq = pc.step;
    results_.push_back(std::move(placeholder));
    pc.deferred = true;
    in_.pending_calls.push_back(std::move(pc));
    return;
  }
  if (env_.plugins) {
    outcome = env_.plugins->call(req);
  } else {
    outcome.code = "no_plugin_host";
    outcome.message = "no plugin host is configured";
  }
  settle(std::move(pc), std::move(outcome));
}

void Step::settle(PendingCall pc, CallOutcome outcome) {
  const auto& a = *pc.action;
  Value result;
  if (outcome.ok) {
    JsonError err;
    if (!parse_json(outcome.result_json.empty() ? "{}" : outcome.result_json, result, err)) {
      outcome.ok = false;
      outcome.code = "bad_result";
      outcome.message = "the plugin returned invalid JSON: " + err.message;
    }
  }
  note(Kind::CallResult, {{a.operation}, {outcome.ok ? "ok" : outcome.code}, {outcome.message, false}});

  Delivery d;
  d.kind = DeliveryKind::CallResult;
  d.call = &a;
  d.event.source = "cohort/plugin";
  d.event.time = env_.now;
  d.event.has_time = true;
  d.event.subject = in_.subject;
  d.event.id = call_key(in_, pc);
  if (outcome.ok) {
    d.event.type = a.operation + ".done";
    d.event.data = std::move(result);
  } else {
    ++out_.call_failures;
    // Attempts past the workflow's count are an administrator's retries (cohort retry).
    if (pc.attempt <= a.retry.attempts)
      spdlog::warn("instance {}: call {} attempt {}/{} failed: {}: {}", in_.subject, a.operation, pc.attempt,
                   a.retry.attempts, outcome.code, outcome.message);
    else
      spdlog::warn("instance {}: call {} failed again on an administrator's retry (attempt {}): {}: {}", in_.subject,
                   a.operation, pc.attempt, outcome.code, outcome.message);
    if (pc.attempt < a.retry.attempts) {
      double wait = static_cast<double>(a.retry.backoff_ms) * std::pow(a.retry.multiplier, pc.attempt - 1);
      pc.last_code = outcome.code;
      pc.last_message = outcome.message;
      out_.timers.push_back(TimerRecord{Timestamp{env_.now.ms + static_cast<std::int64_t>(wait)}, &in_,
                                        DeliveryKind::CallRetry, nullptr, 0, pc.step});
      in_.pending_calls.push_back(std::move(pc));
      in_.blocked = true;
      return;
    }
    d.event.type = a.operation + ".failed";
    d.event.data = Value::object({{"code", Value(outcome.code)},
                                  {"message", Value(outcome.message)},
                                  {"attempts", Value(static_cast<std::int64_t>(pc.attempt))}});
    in_.incident_call = std::make_unique<PendingCall>(std::move(pc));
  }
  d.event.type_id = event_type_id(d.event.type);
  results_.push_back(std::move(d));
}

void Step::fail_path(const model::CallAction& a, const Event& e) {
  if (a.on_error_state >= 0) {
    const auto& from = def().states[static_cast<std::size_t>(in_.state)];
    run_actions(from.exit, e);
    enter(a.on_error_state, e, &from);
    in_.incident_call.reset();
    return;
  }
  const auto& from = def().states[static_cast<std::size_t>(in_.state)];
  note(Kind::Incident, {{a.operation}, {e.data["message"].is_string() ? e.data["message"].as_string() : "", false}});
  note(Kind::Transition, {{from.name}, {"incident"}});
  if (env_.observer) env_.observer->on_transition(in_.subject, def().id, from.name, "incident", e);
  in_.state_before_incident = in_.state;
  in_.state = Instance::kIncident;
  in_.blocked = true;
  ++out_.transitions;
}

void Step::set(const model::SetAction& a, const Event& e) {
  std::string fields;
  for (const auto& f : a.fields) {
    Value v = f.value.render(scope(e.data));
    in_.data.set_path(f.path, std::move(v));
    if (env_.keep_history) {
      if (!fields.empty()) fields += ", ";
      for (std::size_t i = 0; i < f.path.size(); ++i) fields += (i ? "." : "") + f.path[i];
    }
  }
  note(Kind::Set, {{fields, false}});
}

void Step::emit(const model::EmitAction& a, const Event& e) {
  EmitRecord r;
  r.from_subject = in_.subject;
  r.from = &in_;
  r.seq = ++in_.emit_seq;
  r.action = &a;
  auto sc = scope(e.data);
  if (a.target == model::EmitTarget::Subjects) r.subjects = a.subjects.evaluate(sc);
  r.event.id = in_.subject + "/emit/" + std::to_string(r.seq);
  r.event.source = "cohort/instance/" + in_.subject;
  r.event.type = a.event_type;
  r.event.type_id = a.event_type_id;
  r.event.time = env_.now;
  r.event.has_time = true;
  r.event.data = a.data.empty() ? Value::object() : a.data.render(sc);
  const char* to = a.target == model::EmitTarget::Programme      ? "programme"
                   : a.target == model::EmitTarget::Participants ? "participants"
                   : a.target == model::EmitTarget::Self         ? "self"
                                                                 : "subjects";
  note(Kind::Emit, {{a.event_type}, {to}});
  out_.emits.push_back(std::move(r));
}

}  // namespace

/// False while the call with side effects a CallSettled delivery stands for is not made yet.
static bool settled_call(const Instance& in, const Delivery& d) {
  if (d.kind != DeliveryKind::CallSettled) return true;
  for (const auto& pc : in.pending_calls)
    if (pc.step == d.entry_seq) return pc.settled.has_value();
  return true;  // nothing waits for it any more
}

void run_instance(Instance& in, const StepEnv& env, StepOutput& out) {
  Step step(in, env, out);
  while (!in.blocked && in.inbox_head < in.inbox.size()) {
    if (!settled_call(in, in.inbox[in.inbox_head])) {
      in.blocked = true;  // until the engine made the call (end of this round)
      break;
    }
    Delivery d = std::move(in.inbox[in.inbox_head++]);
    step.apply(d);
    step.flush_results();
  }
  if (in.inbox_head == in.inbox.size()) {
    // Idle instances hold no inbox storage: there are many of them and few are busy.
    std::vector<Delivery>().swap(in.inbox);
    in.inbox_head = 0;
  } else if (in.inbox_head > 0) {
    in.inbox.erase(in.inbox.begin(), in.inbox.begin() + static_cast<std::ptrdiff_t>(in.inbox_head));
    in.inbox_head = 0;
  }
}

void apply_now(Instance& in, const Event& e, const StepEnv& env, StepOutput& out) {
  {
    Step step(in, env, out);
    step.on_event(DeliveryKind::External, e, nullptr);
    step.flush_results();
  }
  if (!in.inbox.empty()) run_instance(in, env, out);  // call results, in order
}

void rebind(Instance& in, std::shared_ptr<const model::Definition> definition, std::int32_t state, Value data,
            const std::string& note, const StepEnv& env, StepOutput& out) {
  const std::string from_version = in.definition->hash;
  const std::string from_state(state_name(in));
  in.definition = std::move(definition);
  in.state = state;
  ++in.entry_seq;  // the old version's timers for this instance are stale from now on
  in.data = std::move(data);
  Step step(in, env, out);
  step.rebound(from_version, from_state, note);
}

std::string_view state_name(const Instance& in) {
  if (in.state == Instance::kIncident) return "incident";
  if (in.state < 0) return "(new)";
  return in.definition->states[static_cast<std::size_t>(in.state)].name;
}

}  // namespace cohort::runtime::details
