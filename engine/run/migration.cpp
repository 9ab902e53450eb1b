#include "run/migration.hpp"

#include "value/json.hpp"

namespace cohort::run {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

bool parse_migration_plan(const std::string& text, const std::string& file, MigrationPlan& plan,
                          std::vector<std::string>& errors) {
  Value doc;
  JsonError jerr;
  if (!parse_json(text, doc, jerr)) {
    errors.push_back(file + ":" + std::to_string(jerr.where.line) + ":" + std::to_string(jerr.where.column) +
                     ": error: " + jerr.message);
    return false;
  }
  auto error = [&](const std::string& message, const std::string& pointer) {
    errors.push_back(file + ": error: " + message + " (at " + pointer + ")");
  };
  if (!doc.is_object()) {
    error("a migration plan is a JSON object", "");
    return false;
  }
  static const char* known[] = {"definition", "from", "to", "states", "set", "remove", "reason"};
  for (const auto& [key, value] : doc.members()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) error("unknown member '" + key + "'; a plan has definition, from, to, states, set, remove, reason",
                   "/" + key);
  }
  auto text_member = [&](const char* name, std::string& out, bool required) {
    const Value* v = doc.find(name);
    if (!v) {
      if (required) error(std::string("\"") + name + "\" is required", "/" + std::string(name));
      return;
    }
    if (!v->is_string() || v->as_string().empty()) {
      error(std::string("\"") + name + "\" must be a non-empty string", "/" + std::string(name));
      return;
    }
    out = v->as_string();
  };
  text_member("definition", plan.definition, true);
  text_member("from", plan.from, false);
  text_member("to", plan.to, false);
  text_member("reason", plan.reason, true);
  if (const Value* states = doc.find("states")) {
    if (!states->is_object()) error("\"states\" maps old state names to new ones (an object)", "/states");
    else
      for (const auto& [from, to] : states->members()) {
        if (!to.is_string() || to.as_string().empty()) error("the new state must be a state name", "/states/" + from);
        else plan.states[from] = to.as_string();
      }
  }
  if (const Value* set = doc.find("set")) {
    if (!set->is_object()) {
      error("\"set\" maps data members to values or \"=EXPRESSION\" strings (an object)", "/set");
    } else {
      std::vector<expr::TemplateDiagnostic> diags;
      plan.set_json = *set;
      if (!expr::compile_template(*set, expr::TypeEnv{}, plan.set, diags))
        for (const auto& d : diags)
          error("expression error at offset " + std::to_string(d.error.offset) + ": " + d.error.message,
                "/set" + d.pointer);
    }
  }
  if (const Value* remove = doc.find("remove")) {
    if (!remove->is_list()) error("\"remove\" lists data members to drop", "/remove");
    else
      for (std::size_t i = 0; i < remove->as_list().size(); ++i) {
        const Value& r = remove->as_list()[i];
        if (!r.is_string()) error("a data member name (string)", "/remove/" + std::to_string(i));
        else plan.remove.push_back(r.as_string());
      }
  }
  if (!plan.from.empty() && plan.from.size() < 6) error("give at least 6 characters of the version hash", "/from");
  if (plan.to != "current" && plan.to.size() < 6) error("give at least 6 characters of the version hash, or \"current\"", "/to");
  return errors.empty();
}

Value migration_payload(const MigrationPlan& plan, const std::string& target_hash) {
  Members states;
  for (const auto& [from, to] : plan.states) states.emplace_back(from, Value(to));
  List remove;
  for (const auto& r : plan.remove) remove.emplace_back(r);
  return Value::object({{"definition", Value(plan.definition)},
                        {"from", Value(plan.from)},
                        {"to", Value(target_hash)},
                        {"states", Value::object(std::move(states))},
                        {"set", plan.set_json.is_null() ? Value::object() : plan.set_json},
                        {"remove", Value(std::move(remove))},
                        {"reason", Value(plan.reason)}});
}

bool migration_from_payload(const Value& payload, MigrationPlan& plan, std::string& error) {
  std::vector<std::string> errors;
  if (!parse_migration_plan(to_json(payload), "(logged migration)", plan, errors)) {
    error = errors.empty() ? "unreadable migration" : errors.front();
    return false;
  }
  return true;
}

std::vector<MigrationItem> plan_migration(const runtime::Engine& engine, const MigrationPlan& plan,
                                          const model::Definition& target, const Value& programme) {
  std::vector<MigrationItem> items;
  engine.for_each_instance([&](const runtime::InstanceView& v) {
    if (v.definition != plan.definition || v.definition_hash == target.hash) return;
    if (!plan.from.empty() && !starts_with(v.definition_hash, plan.from)) return;
    MigrationItem item;
    item.subject = v.subject;
    item.from_version = v.definition_hash;
    item.from_state = v.state;
    auto mapped = plan.states.find(v.state);
    item.to_state = mapped == plan.states.end() ? v.state : mapped->second;
    if (v.blocked) {
      item.problem = v.state == "incident" ? "parked in incident: retry it first (cohort retry " + v.subject + ")"
                                           : "waiting for a plugin call retry: migrate once the call settled";
    } else if (target.state_index(item.to_state) < 0) {
      item.problem = mapped == plan.states.end()
                         ? "state '" + v.state + "' does not exist in the new version; map it in \"states\""
                         : "the plan maps it to '" + item.to_state + "', which the new version does not have";
    }
    item.data = v.data.is_object() ? v.data : Value::object();
    if (!plan.set.empty()) {
      const Value event = Value::object({{"subject", Value(v.subject)}, {"state", Value(v.state)},
                                         {"version", Value(v.definition_hash)}});
      Value assigned = plan.set.render(expr::Scope{v.data, event, programme, engine.now()});
      if (assigned.is_object())
        for (const auto& [key, value] : assigned.members()) item.data.set(key, value);
    }
    for (const auto& r : plan.remove) item.data.erase(r);
    items.push_back(std::move(item));
  });
  return items;
}

}  // namespace cohort::run
