#include "loader/details/emit_check.hpp"

#include <algorithm>
#include <set>

#include "loader/details/suggest.hpp"

namespace cohort::loader::details {
namespace {

const model::Definition* find_id(const std::vector<const model::Definition*>& known, std::string_view id) {
  for (const auto* d : known)
    if (d->id == id) return d;
  return nullptr;
}

bool handles(const model::Definition& d, const std::string& type) {
  auto consumed = d.consumed_events();
  return std::find(consumed.begin(), consumed.end(), type) != consumed.end();
}

template <typename F>
void for_each_emit(const model::Definition& d, F&& f) {
  auto scan = [&f](const std::vector<model::Action>& actions) {
    for (const auto& a : actions)
      if (const auto* e = std::get_if<model::EmitAction>(&a.body)) f(a, *e);
  };
  for (const auto& s : d.states) {
    scan(s.entry);
    scan(s.exit);
    for (const auto& h : s.on)
      for (const auto& t : h.transitions) scan(t.actions);
    for (const auto& t : s.after) scan(t.transition.actions);
  }
}

}  // namespace

std::size_t check_emits(const model::Definition& self, const SourceMap& map,
                        const std::vector<const model::Definition*>& known, std::vector<Diagnostic>& out) {
  std::size_t before = out.size();
  bool others_known = std::any_of(known.begin(), known.end(), [&](const auto* d) { return d != &self; });
  for_each_emit(self, [&](const model::Action& action, const model::EmitAction& emit) {
    if (emit.event_type.empty()) return;
    std::vector<const model::Definition*> receivers;
    std::string to;
    switch (emit.target) {
      case model::EmitTarget::Programme:
        to = "\"programme\"";
        if (const auto* d = find_id(known, "programme")) receivers.push_back(d);
        break;
      case model::EmitTarget::Participants:
        to = "\"participants\"";
        if (const auto* d = find_id(known, "participant")) receivers.push_back(d);
        break;
      case model::EmitTarget::Self:
        to = "\"self\"";
        receivers.push_back(&self);
        break;
      case model::EmitTarget::Subjects:
        to = "\"=" + emit.subjects.text() + "\"";
        if (others_known) receivers = known;
        break;
    }
    if (receivers.empty()) return;
    std::set<std::string> handled;
    for (const auto* r : receivers) {
      if (handles(*r, emit.event_type)) return;
      auto consumed = r->consumed_events();
      handled.insert(consumed.begin(), consumed.end());
    }
    std::string who = receivers.size() == 1 ? "the definition '" + receivers.front()->id + "'" : "no loaded definition";
    std::string message = receivers.size() == 1
                              ? who + " does not handle the event '" + emit.event_type + "' emitted to " + to + " "
                              : "no loaded definition handles the event '" + emit.event_type + "' emitted to " + to + " ";
    message += known_hint(emit.event_type, {handled.begin(), handled.end()}, "handled there") +
               ": add a transition for it there or emit an event it handles";
    auto where = map.at(action.where.pointer + "/emit");
    out.push_back(Diagnostic{DiagnosticKind::Meaning, where.file, where.line, where.column, where.pointer, message});
  });
  return out.size() - before;
}

}  // namespace cohort::loader::details
