#include "run/funnel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cohort::run {
namespace {

const char* const kMilestones[] = {"submitted", "eligible",     "under_review", "shortlisted", "offered",
                                   "accepted",  "visa_granted", "enrolled",     "completed",   "certified"};

std::string country_of(const Value& data) {
  for (const char* key : {"nationality", "country"})
    if (const Value* v = data.find(key); v && v->is_string()) return v->as_string();
  return "??";
}

}  // namespace

Funnel make_funnel(const runtime::Engine& engine, const model::Definition& participant,
                   const std::string& programme_id) {
  Funnel f;
  f.programme = programme_id;
  for (const char* m : kMilestones)
    if (participant.state_index(m) >= 0) f.milestones.emplace_back(m);

  std::map<std::string, std::uint64_t> by_state;
  std::map<std::string, std::uint64_t> reached;
  std::vector<std::string> subjects;
  engine.for_each_instance([&](const runtime::InstanceView& v) {
    if (v.definition != participant.id) return;
    subjects.push_back(v.subject);
  });
  for (const auto& subject : subjects) {
    auto v = engine.instance(subject, /*with_history=*/true);
    if (!v) continue;
    ++f.instances;
    ++by_state[v->state];
    std::set<std::string> visited;
    for (const auto& h : v->history) {
      if (h.kind != runtime::HistoryEntry::Kind::Transition) continue;
      auto arrow = h.detail.find(" -> ");
      if (arrow != std::string::npos) visited.insert(h.detail.substr(arrow + 4));
    }
    auto& c = f.countries[country_of(v->data)];
    ++c.applicants;
    for (const auto& m : f.milestones)
      if (visited.contains(m)) {
        ++c.reached[m];
        ++reached[m];
      }
  }
  for (const auto& s : participant.states) {
    auto it = by_state.find(s.name);
    f.states.emplace_back(s.name, it == by_state.end() ? 0 : it->second);
    if (it != by_state.end()) by_state.erase(it);
  }
  for (const auto& [name, n] : by_state) f.states.emplace_back(name, n);  // e.g. incident
  for (const auto& m : f.milestones) f.reached.emplace_back(m, reached[m]);
  return f;
}

std::string render_text(const Funnel& f, const runtime::EngineStats& stats) {
  std::string out = fmt::format("Programme {}: {} participants\n\nParticipants by current state\n",
                                f.programme, f.instances);
  std::uint64_t top = 1;
  for (const auto& [_, n] : f.states) top = std::max(top, n);
  for (const auto& [name, n] : f.states) {
    if (n == 0) continue;
    auto bar = std::string(static_cast<std::size_t>((n * 40 + top - 1) / top), '#');
    out += fmt::format("  {:<16} {:>6}  {}\n", name, n, bar);
  }
  out += "\nReached (ever)\n";
  for (const auto& [name, n] : f.reached) out += fmt::format("  {:<16} {:>6}\n", name, n);

  out += "\nBy country        applicants";
  for (const auto& m : f.milestones) out += fmt::format(" {:>12}", m);
  out += "\n";
  for (const auto& [cc, c] : f.countries) {
    out += fmt::format("  {:<16} {:>10}", cc, c.applicants);
    for (const auto& m : f.milestones) {
      auto it = c.reached.find(m);
      out += fmt::format(" {:>12}", it == c.reached.end() ? 0 : it->second);
    }
    out += "\n";
  }
  out += fmt::format("\nEvents: {} applied, {} duplicates, {} rejected; {} internal, {} transitions, "
                     "{} plugin calls ({} failed)\n",
                     stats.applied, stats.duplicates, stats.rejected, stats.internal, stats.transitions,
                     stats.calls, stats.call_failures);
  return out;
}

Value render_json(const Funnel& f, const runtime::EngineStats& stats) {
  Members states, reached, countries;
  for (const auto& [name, n] : f.states)
    if (n) states.emplace_back(name, Value(static_cast<std::int64_t>(n)));
  for (const auto& [name, n] : f.reached) reached.emplace_back(name, Value(static_cast<std::int64_t>(n)));
  for (const auto& [cc, c] : f.countries) {
    Members r;
    for (const auto& [m, n] : c.reached) r.emplace_back(m, Value(static_cast<std::int64_t>(n)));
    countries.emplace_back(cc, Value::object({{"applicants", Value(static_cast<std::int64_t>(c.applicants))},
                                              {"reached", Value::object(std::move(r))}}));
  }
  auto n = [](std::uint64_t v) { return Value(static_cast<std::int64_t>(v)); };
  return Value::object({
      {"programme", Value(f.programme)},
      {"instances", n(f.instances)},
      {"states", Value::object(std::move(states))},
      {"reached", Value::object(std::move(reached))},
      {"countries", Value::object(std::move(countries))},
      {"events", Value::object({{"applied", n(stats.applied)},
                                {"duplicates", n(stats.duplicates)},
                                {"rejected", n(stats.rejected)},
                                {"internal", n(stats.internal)}})},
      {"transitions", n(stats.transitions)},
      {"calls", Value::object({{"made", n(stats.calls)}, {"failed", n(stats.call_failures)}})},
  });
}

}  // namespace cohort::run
