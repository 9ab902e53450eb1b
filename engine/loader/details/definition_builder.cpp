#include "loader/details/definition_builder.hpp"
#include "value/symbol.hpp"

#include <algorithm>
#include <deque>

#include "loader/details/suggest.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::loader::details {
namespace {

// Offsets in template diagnostics count from the expression text, after the leading "=".
constexpr std::size_t kTemplateExpressionStart = 1;

std::string child(const std::string& ptr, std::string_view key) { return ptr + "/" + json_pointer_escape(key); }
std::string child(const std::string& ptr, std::size_t index) { return ptr + "/" + std::to_string(index); }

/// Payload of OPERATION.failed, as the runtime builds it.
Value failed_event_schema() {
  auto prop = [](const char* type) { return Value::object(Members{{"type", Value(type)}}); };
  return Value::object(Members{
      {"type", Value("object")},
      {"properties", Value::object(Members{{"code", prop("string")}, {"message", prop("string")}, {"attempts", prop("integer")}})}});
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The expression types a declared JSON Schema type accepts.
bool accepts(const Value& schema, expr::Type t) {
  if (t == expr::Type::Any) return true;
  const Value* type = schema.find("type");
  if (!type) return true;
  auto one = [t](const std::string& name) {
    if (name == "string") return t == expr::Type::String || t == expr::Type::Time;
    if (name == "integer") return t == expr::Type::Int;
    if (name == "number") return t == expr::Type::Int || t == expr::Type::Number;
    if (name == "boolean") return t == expr::Type::Bool;
    if (name == "array") return t == expr::Type::List;
    if (name == "object") return t == expr::Type::Object;
    if (name == "null") return t == expr::Type::Null;
    return true;
  };
  if (type->is_string()) return one(type->as_string());
  if (type->is_list())
    for (const auto& n : type->as_list())
      if (n.is_string() && one(n.as_string())) return true;
  return !type->is_list();
}

expr::Type literal_type(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return expr::Type::Null;
    case Value::Kind::Bool: return expr::Type::Bool;
    case Value::Kind::Int: return expr::Type::Int;
    case Value::Kind::Double: return expr::Type::Number;
    case Value::Kind::String: return expr::Type::String;
    case Value::Kind::Time: return expr::Type::Time;
    case Value::Kind::List: return expr::Type::List;
    case Value::Kind::Object: return expr::Type::Object;
  }
  return expr::Type::Any;
}

std::string describe_schema_type(const Value& schema) {
  const Value* type = schema.find("type");
  if (!type) return "any value";
  if (type->is_string()) return type->as_string();
  return to_json(*type);
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

class Builder {
 public:
  Builder(const Value& doc, const SourceMap& map, const LoadOptions& options, const std::set<std::string>& skip,
          std::vector<Diagnostic>& out)
      : doc_(doc), map_(map), options_(options), skip_(skip), out_(out) {}

  std::unique_ptr<model::Definition> build() {
    def_ = std::make_unique<model::Definition>();
    def_->file = map_.file();
    if (!doc_.is_object()) return std::move(def_);
    read_header();
    read_states();
    for (std::size_t i = 0; i < state_pointers_.size(); ++i) read_state(i);
    check_graph();
    return std::move(def_);
  }

 private:
  // --- diagnostics -------------------------------------------------------------------

  void error(const model::Location& where, std::string message) {
    if (skip_.count(where.pointer)) return;
    out_.push_back(Diagnostic{DiagnosticKind::Meaning, where.file, where.line, where.column, where.pointer,
                              std::move(message)});
  }
  void error_at(const std::string& ptr, std::string message) { error(map_.at(ptr), std::move(message)); }
  void error_at_key(const std::string& ptr, std::string message) { error(map_.at_key(ptr), std::move(message)); }

  std::vector<std::string> state_names() const {
    std::vector<std::string> names;
    for (const auto& s : def_->states) names.push_back(s.name);
    return names;
  }

  // --- top level -----------------------------------------------------------------------

  void read_header() {
    if (const Value* v = doc_.find("id"); v && v->is_string()) def_->id = v->as_string();
    if (const Value* v = doc_.find("version"); v && v->is_int()) def_->version = static_cast<int>(v->as_int());
    if (const Value* v = doc_.find("description"); v && v->is_string()) def_->description = v->as_string();
    if (const Value* v = doc_.find("correlation"); v && v->is_string()) def_->correlation = v->as_string();
    if (const Value* v = doc_.find("start"); v && v->is_list())
      for (const auto& t : v->as_list())
        if (t.is_string()) def_->start_events.push_back(t.as_string());
    if (const Value* v = doc_.find("data"); v && v->is_object()) def_->data_schema = *v;
    for (const char* section : {"events", "emits"}) {
      const Value* v = doc_.find(section);
      if (!v || !v->is_object()) continue;
      auto& target = std::string_view(section) == "events" ? def_->event_schemas : def_->emits;
      for (const auto& [type, decl] : v->members()) target[type] = decl.is_object() ? decl["data"] : Value();
    }
    if (!def_->correlation.empty() && declares_fields(def_->data_schema) &&
        !def_->data_schema["properties"].find(def_->correlation))
      error_at("/correlation", "the correlation field '" + def_->correlation +
                                   "' is not declared in 'data' " + known_hint(def_->correlation, property_names(def_->data_schema), "declared"));
  }

  static bool declares_fields(const Value& schema) { return schema.is_object() && schema["properties"].is_object(); }

  static std::vector<std::string> property_names(const Value& schema) {
    std::vector<std::string> names;
    if (declares_fields(schema))
      for (const auto& m : schema["properties"].members()) names.push_back(m.first);
    return names;
  }

  void read_states() {
    const Value* states = doc_.find("states");
    if (!states || !states->is_object()) return;
    // Members are sorted by name; the model keeps the order of the file, which is the
    // order people think in (and the order the graph is drawn in).
    std::vector<std::pair<std::size_t, std::string>> order;
    for (const auto& [name, body] : states->members()) order.emplace_back(map_.offset(child("/states", name)), name);
    std::sort(order.begin(), order.end());
    for (const auto& [offset, name] : order) {
      model::State s;
      s.name = name;
      s.symbol = symbol(name);
      std::string ptr = child("/states", name);
      s.where = map_.at_key(ptr);
      const Value& body = (*states)[name];
      s.final = body.is_object() && body["type"].is_string() && body["type"].as_string() == "final";
      def_->states.push_back(std::move(s));
      state_pointers_.push_back(ptr);
    }
    const Value* initial = doc_.find("initial");
    if (initial && initial->is_string()) {
      def_->initial = def_->state_index(initial->as_string());
      if (def_->initial < 0) {
        error_at("/initial", "the initial state '" + initial->as_string() + "' is not a state " +
                                 known_hint(initial->as_string(), state_names(), "states"));
        def_->initial = 0;
      }
    }
  }

  // --- states ------------------------------------------------------------------------

  expr::TypeEnv env_for(const Value& event_schema) const {
    return expr::TypeEnv{def_->data_schema, event_schema, Value()};
  }

  Value event_schema_for(const std::string& type) const {
    auto it = def_->event_schemas.find(type);
    if (it != def_->event_schemas.end()) return it->second;
    if (ends_with(type, ".failed")) return failed_event_schema();
    return Value();
  }

  void read_state(std::size_t index) {
    const std::string& ptr = state_pointers_[index];
    const Value& body = doc_["states"][def_->states[index].name];
    if (!body.is_object()) return;
    auto& state = def_->states[index];
    expr::TypeEnv no_event = env_for(Value());
    read_actions(body.find("entry"), child(ptr, "entry"), no_event, state.entry);
    read_actions(body.find("exit"), child(ptr, "exit"), no_event, state.exit);

    if (state.final) {
      for (const char* key : {"on", "after"})
        if (body.find(key))
          error_at_key(child(ptr, key), "the final state '" + state.name + "' cannot have '" + key +
                                            "': a final state takes no more events and no timers (remove '" + key +
                                            "', or the \"type\": \"final\" if the instance is not done here)");
    }

    if (const Value* on = body.find("on"); on && on->is_object()) {
      for (const auto& [type, transitions] : on->members()) {
        model::Handlers h;
        h.event_type = type;
        h.event_type_id = event_type_id(type);
        std::string on_ptr = child(child(ptr, "on"), type);
        expr::TypeEnv env = env_for(event_schema_for(type));
        if (transitions.is_object()) {
          h.transitions.push_back(read_transition(transitions, on_ptr, env, index));
        } else if (transitions.is_list()) {
          for (std::size_t i = 0; i < transitions.as_list().size(); ++i)
            if (transitions.as_list()[i].is_object())
              h.transitions.push_back(read_transition(transitions.as_list()[i], child(on_ptr, i), env, index));
        }
        def_->states[index].on.push_back(std::move(h));
      }
      auto& handlers = def_->states[index].on;
      std::sort(handlers.begin(), handlers.end(),
                [](const model::Handlers& a, const model::Handlers& b) { return a.event_type_id < b.event_type_id; });
    }

    if (const Value* after = body.find("after"); after && after->is_list()) {
      for (std::size_t i = 0; i < after->as_list().size(); ++i) {
        const Value& t = after->as_list()[i];
        if (t.is_object()) def_->states[index].after.push_back(read_timer(t, child(child(ptr, "after"), i), index));
      }
    }
  }

  int resolve_state(const std::string& name, const std::string& ptr, std::string_view role) {
    int target = def_->state_index(name);
    if (target < 0)
      error_at(ptr, "unknown " + std::string(role) + " state '" + name + "' " + known_hint(name, state_names(), "states"));
    return target;
  }

  model::Transition read_transition(const Value& t, const std::string& ptr, const expr::TypeEnv& env, std::size_t from) {
    model::Transition out;
    out.where = map_.at(ptr);
    if (const Value* guard = t.find("if"); guard && guard->is_string() && !guard->as_string().empty()) {
      std::string gptr = child(ptr, "if");
      if (compile_expression(guard->as_string(), 0, gptr, env, out.guard, "guard") && out.guard.type() != expr::Type::Bool &&
          out.guard.type() != expr::Type::Any)
        error_at(gptr, "the guard must be a boolean expression, but '" + guard->as_string() + "' has type " +
                           std::string(expr::type_name(out.guard.type())));
    }
    if (const Value* target = t.find("target"); target && target->is_string()) {
      out.target = resolve_state(target->as_string(), child(ptr, "target"), "target");
      if (out.target >= 0) edges_.emplace_back(static_cast<int>(from), out.target);
    }
    read_actions(t.find("do"), child(ptr, "do"), env, out.actions, from);
    return out;
  }

  model::Timer read_timer(const Value& t, const std::string& ptr, std::size_t from) {
    model::Timer out;
    out.where = map_.at(ptr);
    expr::TypeEnv env = env_for(Value());
    if (const Value* delay = t.find("delay"); delay && delay->is_string()) {
      out.delay_ms = parse_iso_duration_ms(delay->as_string());
      if (!out.delay_ms) bad_duration(*delay, child(ptr, "delay"));
    }
    if (const Value* at = t.find("at"); at && at->is_string() && !at->as_string().empty()) {
      std::string aptr = child(ptr, "at");
      auto type = expr::Type::Any;
      if (compile_expression(at->as_string(), 0, aptr, env, out.at, "'at' expression")) type = out.at.type();
      if (type != expr::Type::Time && type != expr::Type::String && type != expr::Type::Any)
        error_at(aptr, "'at' must give a time, but '" + at->as_string() + "' has type " + std::string(expr::type_name(type)));
    }
    out.transition = read_transition(t, ptr, env, from);
    return out;
  }

  void bad_duration(const Value& v, const std::string& ptr) {
    error_at(ptr, "bad duration " + to_json(v) +
                      ": write an ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. \"P14D\", "
                      "\"PT36H\", \"P1DT12H\" (years and months are not allowed)");
  }

  std::int64_t duration_or(const Value* v, const std::string& ptr, std::int64_t fallback) {
    if (!v || !v->is_string()) return fallback;
    auto ms = parse_iso_duration_ms(v->as_string());
    if (!ms) {
      bad_duration(*v, ptr);
      return fallback;
    }
    return *ms;
  }

  // --- actions -------------------------------------------------------------------------

  void read_actions(const Value* list, const std::string& ptr, const expr::TypeEnv& env, std::vector<model::Action>& out,
                    std::size_t from = static_cast<std::size_t>(-1)) {
    if (!list || !list->is_list()) return;
    for (std::size_t i = 0; i < list->as_list().size(); ++i) {
      const Value& a = list->as_list()[i];
      if (!a.is_object()) continue;
      std::string aptr = child(ptr, i);
      model::Action action;
      action.where = map_.at(aptr);
      // With a schema error ("exactly one of") the first present kind is still checked.
      if (a.find("call")) action.body = read_call(a, aptr, env, from);
      else if (a.find("set")) action.body = read_set(a, aptr, env);
      else if (a.find("emit")) action.body = read_emit(a, aptr, env);
      else continue;
      out.push_back(std::move(action));
    }
  }

  model::CallAction read_call(const Value& a, const std::string& ptr, const expr::TypeEnv& env, std::size_t from) {
    model::CallAction call;
    if (a["call"].is_string()) {
      call.operation = a["call"].as_string();
      const PluginCatalog* catalog = options_.plugins;
      if (catalog && !catalog->empty() && !catalog->knows(call.operation))
        error_at(child(ptr, "call"), "unknown plugin operation '" + call.operation + "' " +
                                         known_hint(call.operation, catalog->operations(), "operations plugins offer"));
    }
    if (const Value* with = a.find("with")) compile_template(*with, child(ptr, "with"), env, call.args, "'with'");
    if (const Value* retry = a.find("retry"); retry && retry->is_object()) {
      std::string rptr = child(ptr, "retry");
      if ((*retry)["attempts"].is_int()) call.retry.attempts = static_cast<int>((*retry)["attempts"].as_int());
      call.retry.backoff_ms = duration_or(retry->find("backoff"), child(rptr, "backoff"), call.retry.backoff_ms);
      if ((*retry)["multiplier"].is_number()) call.retry.multiplier = (*retry)["multiplier"].as_number();
    }
    call.timeout_ms = duration_or(a.find("timeout"), child(ptr, "timeout"), call.timeout_ms);
    if (const Value* on_error = a.find("on_error"); on_error && on_error->is_string()) {
      call.on_error_state = resolve_state(on_error->as_string(), child(ptr, "on_error"), "on_error");
      if (call.on_error_state >= 0 && from != static_cast<std::size_t>(-1))
        edges_.emplace_back(static_cast<int>(from), call.on_error_state);
      else if (call.on_error_state >= 0)
        entry_exit_edges_.emplace_back(ptr, call.on_error_state);
    }
    return call;
  }

  model::SetAction read_set(const Value& a, const std::string& ptr, const expr::TypeEnv& env) {
    model::SetAction set;
    const Value& fields = a["set"];
    if (!fields.is_object()) return set;
    for (const auto& [path, value] : fields.members()) {
      std::string fptr = child(child(ptr, "set"), path);
      model::SetAction::Field f;
      f.path = split_path(path);
      bool ok = compile_template(value, fptr, env, f.value, "'set' value");
      if (ok) check_set_type(f.path, path, value, fptr, env);
      set.fields.push_back(std::move(f));
    }
    return set;
  }

  void check_set_type(const std::vector<std::string>& path, const std::string& dotted, const Value& value,
                      const std::string& ptr, const expr::TypeEnv& env) {
    const Value* schema = &def_->data_schema;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (!declares_fields(*schema)) return;  // not declared this deep: anything goes
      const Value* next = (*schema)["properties"].find(path[i]);
      if (!next) {
        error_at_key(ptr, "'set' of 'data." + dotted + "': the field '" + path[i] + "' is not declared in the data schema " +
                              known_hint(path[i], property_names(*schema), "declared"));
        return;
      }
      schema = next;
    }
    expr::Type type = literal_type(value);
    if (value.is_string() && value.as_string().rfind("=", 0) == 0 && value.as_string().rfind("==", 0) != 0) {
      expr::Expression e;
      std::vector<expr::Diagnostic> ignored;
      if (!expr::compile(std::string_view(value.as_string()).substr(1), env, e, ignored)) return;
      type = e.type();
    }
    if (!accepts(*schema, type))
      error_at(ptr, "'set' of 'data." + dotted + "': the data schema declares " + describe_schema_type(*schema) +
                        ", but the value has type " + std::string(expr::type_name(type)));
  }

  model::EmitAction read_emit(const Value& a, const std::string& ptr, const expr::TypeEnv& env) {
    model::EmitAction emit;
    if (a["emit"].is_string()) {
      emit.event_type = a["emit"].as_string();
      emit.event_type_id = event_type_id(emit.event_type);
      if (const Value* declared = doc_.find("emits"); declared && declared->is_object() && !declared->find(emit.event_type)) {
        std::vector<std::string> names;
        for (const auto& m : declared->members()) names.push_back(m.first);
        error_at(child(ptr, "emit"), "the emitted event '" + emit.event_type + "' is not declared in 'emits' " +
                                         known_hint(emit.event_type, names, "declared"));
      }
    }
    if (const Value* to = a.find("to"); to && to->is_string()) {
      const auto& t = to->as_string();
      if (t == "programme") emit.target = model::EmitTarget::Programme;
      else if (t == "participants") emit.target = model::EmitTarget::Participants;
      else if (t == "self") emit.target = model::EmitTarget::Self;
      else if (t.size() > 1 && t[0] == '=') {
        emit.target = model::EmitTarget::Subjects;
        std::string tptr = child(ptr, "to");
        if (compile_expression(t.substr(1), 1, tptr, env, emit.subjects, "'to' expression")) {
          auto type = emit.subjects.type();
          if (type != expr::Type::String && type != expr::Type::List && type != expr::Type::Any)
            error_at(tptr, "'to' must give a subject (a string) or a list of subjects, but '" + t.substr(1) + "' has type " +
                               std::string(expr::type_name(type)));
        }
      }
    }
    if (const Value* data = a.find("data")) compile_template(*data, child(ptr, "data"), env, emit.data, "'data'");
    return emit;
  }

  // --- expressions ---------------------------------------------------------------------

  bool compile_expression(const std::string& text, std::size_t start, const std::string& ptr, const expr::TypeEnv& env,
                          expr::Expression& out, std::string_view what) {
    std::vector<expr::Diagnostic> diagnostics;
    if (expr::compile(text, env, out, diagnostics)) return true;
    for (const auto& d : diagnostics)
      error(map_.inside_string(ptr, start + d.offset), "in the " + std::string(what) + ": " + d.message);
    if (diagnostics.empty()) error_at(ptr, "the " + std::string(what) + " does not compile");
    return false;
  }

  bool compile_template(const Value& json, const std::string& ptr, const expr::TypeEnv& env, expr::Template& out,
                        std::string_view what) {
    std::vector<expr::TemplateDiagnostic> diagnostics;
    if (expr::compile_template(json, env, out, diagnostics)) return true;
    for (const auto& d : diagnostics)
      error(map_.inside_string(ptr + d.pointer, kTemplateExpressionStart + d.error.offset),
            "in an expression of " + std::string(what) + ": " + d.error.message);
    if (diagnostics.empty()) error_at(ptr, std::string(what) + " does not compile");
    return false;
  }

  // --- the graph -----------------------------------------------------------------------

  void check_graph() {
    const auto n = def_->states.size();
    if (n == 0 || !doc_.find("initial") || !doc_["initial"].is_string()) return;
    // on_error of entry/exit actions: reachable once their state is, so an edge from it.
    for (const auto& [ptr, target] : entry_exit_edges_)
      for (std::size_t i = 0; i < n; ++i)
        if (ptr.rfind(state_pointers_[i] + "/", 0) == 0) edges_.emplace_back(static_cast<int>(i), target);

    std::vector<std::vector<int>> forward(n), backward(n);
    for (const auto& [from, to] : edges_) {
      forward[from].push_back(to);
      backward[to].push_back(from);
    }
    auto walk = [n](const std::vector<std::vector<int>>& graph, std::vector<int> seeds) {
      std::vector<bool> seen(n, false);
      std::deque<int> queue(seeds.begin(), seeds.end());
      for (int s : seeds) seen[s] = true;
      while (!queue.empty()) {
        int s = queue.front();
        queue.pop_front();
        for (int t : graph[s])
          if (!seen[t]) {
            seen[t] = true;
            queue.push_back(t);
          }
      }
      return seen;
    };
    auto reachable = walk(forward, {def_->initial});
    const std::string& initial = def_->states[def_->initial].name;
    for (std::size_t i = 0; i < n; ++i)
      if (!reachable[i])
        error_at_key(state_pointers_[i], "the state '" + def_->states[i].name + "' is unreachable: no transition from the initial state '" +
                                             initial + "' leads to it (add a transition targeting it, or remove it)");

    std::vector<int> finals;
    for (std::size_t i = 0; i < n; ++i)
      if (def_->states[i].final) finals.push_back(static_cast<int>(i));
    if (finals.empty()) {
      error_at("/states", "the definition has no final state: mark the state where an instance is done with \"type\": \"final\"");
      return;
    }
    auto can_finish = walk(backward, finals);
    for (std::size_t i = 0; i < n; ++i)
      if (reachable[i] && !can_finish[i])
        error_at_key(state_pointers_[i], "no final state can be reached from the state '" + def_->states[i].name +
                                             "': an instance that enters it can never finish (add a transition towards a final state)");
  }

  const Value& doc_;
  const SourceMap& map_;
  const LoadOptions& options_;
  const std::set<std::string>& skip_;
  std::vector<Diagnostic>& out_;
  std::unique_ptr<model::Definition> def_;
  std::vector<std::string> state_pointers_;
  std::vector<std::pair<int, int>> edges_;
  std::vector<std::pair<std::string, int>> entry_exit_edges_;
};

}  // namespace

std::unique_ptr<model::Definition> build_definition(const Value& doc, const SourceMap& map, const LoadOptions& options,
                                                    const std::set<std::string>& skip, std::vector<Diagnostic>& out) {
  return Builder(doc, map, options, skip, out).build();
}

}  // namespace cohort::loader::details
