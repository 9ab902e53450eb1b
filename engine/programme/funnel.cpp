// funnel_report(): how far applicants got, overall and per country.
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "programme/generator.hpp"

namespace cohort::programme {
namespace {

struct Stage {
  const char* label;
  std::vector<const char*> states;  ///< entering any of these means the stage was reached
};

// In pipeline order; a stage counts everyone who ever entered one of its states.
const std::vector<Stage>& stages() {
  static const std::vector<Stage> s = {
      {"applied", {"draft"}},
      {"submitted", {"submitted"}},
      {"eligible", {"eligible"}},
      {"reviewed", {"under_review"}},
      {"shortlisted", {"shortlisted"}},
      {"offered", {"offered"}},
      {"accepted", {"accepted"}},
      {"visa granted", {"visa_granted"}},
      {"enrolled", {"enrolled"}},
      {"completed", {"completed"}},
      {"certified", {"certified"}},
  };
  return s;
}

bool reached(const ApplicantOutcome& o, const Stage& stage) {
  for (const auto& s : o.path)
    for (const char* name : stage.states)
      if (s == name) return true;
  return false;
}

bool visited(const ApplicantOutcome& o, const char* state) {
  return std::find(o.path.begin(), o.path.end(), state) != o.path.end();
}

std::string line(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string line(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return std::string(buf) + "\n";
}

}  // namespace

std::string funnel_report(const GeneratedProgramme& g) {
  std::string out;
  const double total = static_cast<double>(std::max<std::size_t>(1, g.outcomes.size()));
  out += line("Programme %s: %zu applicants, %zu events, programme state %s", g.programme_id.c_str(),
              g.outcomes.size(), g.events.size(), g.programme_state.c_str());
  out += "\nFunnel (ever reached)\n";
  for (const auto& stage : stages()) {
    std::size_t n = 0;
    for (const auto& o : g.outcomes) n += reached(o, stage) ? 1 : 0;
    out += line("  %-14s %6zu  %5.1f%%", stage.label, n, 100.0 * static_cast<double>(n) / total);
  }
  out += "\nFinal states\n";
  for (const auto& [state, n] : g.participant_states)
    out += line("  %-14s %6llu", state.c_str(), static_cast<unsigned long long>(n));

  // Per country: applicants, eligible, offered, accepted, certified.
  struct Row {
    std::size_t applied = 0, eligible = 0, offered = 0, accepted = 0, certified = 0;
  };
  std::map<std::string, Row> rows;
  for (const auto& o : g.outcomes) {
    Row& r = rows[o.country.empty() ? "??" : o.country];
    ++r.applied;
    r.eligible += visited(o, "eligible") ? 1 : 0;
    r.offered += visited(o, "offered") ? 1 : 0;
    r.accepted += visited(o, "accepted") ? 1 : 0;
    r.certified += visited(o, "certified") ? 1 : 0;
  }
  out += "\nPer country\n";
  out += line("  %-7s %8s %8s %8s %8s %9s", "country", "applied", "eligible", "offered", "accepted", "certified");
  for (const auto& [cc, r] : rows)
    out += line("  %-7s %8zu %8zu %8zu %8zu %9zu", cc.c_str(), r.applied, r.eligible, r.offered, r.accepted,
                r.certified);
  return out;
}

}  // namespace cohort::programme
