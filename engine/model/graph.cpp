#include "model/graph.hpp"

#include <cstdint>
#include <vector>

namespace cohort::model {
namespace {

struct Edge {
  int from;
  int to;
  std::string label;
};

// Long guards would make the diagram unreadable; the definition has the full text.
constexpr std::size_t kGuardWidth = 32;

std::string shorten(const std::string& text) {
  if (text.size() <= kGuardWidth) return text;
  std::size_t cut = kGuardWidth - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return text.substr(0, cut) + "...";
}

std::string iso_duration(std::int64_t ms) {
  std::int64_t days = ms / 86400000, rest = ms % 86400000;
  std::int64_t hours = rest / 3600000, minutes = rest % 3600000 / 60000, millis = rest % 60000;
  std::string out = "P";
  if (days) out += std::to_string(days) + "D";
  if (hours || minutes || millis) {
    out += "T";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (millis) {
      out += std::to_string(millis / 1000);
      if (millis % 1000) {
        std::string frac = std::to_string(1000 + millis % 1000).substr(1);
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
      }
      out += "S";
    }
  }
  return out == "P" ? "PT0S" : out;
}

std::string with_guard(std::string label, const Transition& t) {
  if (!t.guard.empty()) label += " [" + shorten(t.guard.text()) + "]";
  return label;
}

std::vector<Edge> edges(const Definition& d) {
  std::vector<Edge> out;
  for (std::size_t i = 0; i < d.states.size(); ++i) {
    const auto& s = d.states[i];
    for (const auto& h : s.on)
      for (const auto& t : h.transitions)
        if (t.target >= 0) out.push_back({static_cast<int>(i), t.target, with_guard(h.event_type, t)});
    for (const auto& timer : s.after) {
      if (timer.transition.target < 0) continue;
      std::string when = timer.delay_ms ? iso_duration(*timer.delay_ms) : shorten(timer.at.text());
      out.push_back({static_cast<int>(i), timer.transition.target, with_guard("after(" + when + ")", timer.transition)});
    }
  }
  return out;
}

/// Mermaid ends a label at ';' and reads '#' as an entity; neither matters for reading.
std::string mermaid_label(const std::string& text) {
  std::string out;
  for (char c : text) out += c == ';' ? ',' : c == '#' ? ' ' : c;
  return out;
}

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string to_mermaid(const Definition& d) {
  std::string out = "stateDiagram-v2\n";
  if (!d.states.empty()) out += "  [*] --> " + d.states[d.initial].name + "\n";
  for (const auto& e : edges(d))
    out += "  " + d.states[e.from].name + " --> " + d.states[e.to].name + " : " + mermaid_label(e.label) + "\n";
  for (const auto& s : d.states)
    if (s.final) out += "  " + s.name + " --> [*]\n";
  return out;
}

std::string to_dot(const Definition& d) {
  std::string out = "digraph " + dot_quote(d.id) + " {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
  out += "  __start [shape=point, label=\"\"];\n";
  for (const auto& s : d.states)
    if (s.final) out += "  " + dot_quote(s.name) + " [peripheries=2];\n";
  if (!d.states.empty()) out += "  __start -> " + dot_quote(d.states[d.initial].name) + ";\n";
  for (const auto& e : edges(d))
    out += "  " + dot_quote(d.states[e.from].name) + " -> " + dot_quote(d.states[e.to].name) +
           " [label=" + dot_quote(e.label) + "];\n";
  return out + "}\n";
}

}  // namespace cohort::model
