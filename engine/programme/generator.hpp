#pragma once
/// @file generator.hpp
/// @brief `cohort generate`: a whole programme's external events, made by simulation.
///
/// Applicants are synthesised from the programme file (countries, ages, degrees,
/// documents, ...), and the real engine runs the programme's workflows with the real
/// programme-rules plugin in virtual time. Whenever the engine does something an
/// applicant would answer (an offer, an accepted offer, a visa, the sessions), the
/// simulated applicant answers with an event. The output is only the external events,
/// time-ordered with distinct times: feeding them to `cohort run` (same programme,
/// same plugins, `--until` = GeneratedProgramme::until) reproduces the same outcome,
/// because the engine is deterministic. The same seed gives the same file.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "event/event.hpp"
#include "value/value.hpp"

namespace cohort::programme {

/// @brief What to generate.
struct GenerateOptions {
  int applicants = 200;
  std::uint64_t seed = 1;
  /// The programme file the value came from: its `workflows` paths are relative to it.
  std::filesystem::path programme_file;
  /// Plugin directories or plugin.json files; programme-rules, eligibility, visa, attendance,
  /// certificates, email and documents must be among them (the default workflows call all seven).
  std::vector<std::filesystem::path> plugin_paths;
  /// Root of plugin data during the simulation; empty: a fresh folder under the temp
  /// directory, removed afterwards. Give an empty or new folder: the certificates plugin
  /// numbers on from the certificates it finds there.
  std::filesystem::path data_dir;
  /// Engine worker threads (the result does not depend on it); 0: hardware concurrency.
  unsigned threads = 2;
};

/// @brief Where one applicant ended up.
struct ApplicantOutcome {
  std::string id;
  std::string country;
  std::string state;
  std::vector<std::string> path;  ///< every state entered, in order
};

/// @brief The generated events and what the simulation saw.
struct GeneratedProgramme {
  bool ok = false;
  std::string error;  ///< why not, when !ok
  /// External events in time order, times strictly increasing.
  std::vector<Event> events;
  /// Run the events up to this time (`cohort run --until`) so the last timers fire.
  Timestamp until;
  std::string programme_id;
  std::string programme_state;  ///< the programme instance's final state
  std::vector<ApplicantOutcome> outcomes;  ///< by applicant id
  std::map<std::string, std::uint64_t> participant_states;  ///< count per final state
};

/// @brief Simulates the programme and returns its external events. Deterministic for a seed.
GeneratedProgramme generate_events(const Value& programme, const GenerateOptions& options);

/// @brief One event as a CloudEvents 1.0 JSON object (one line, no newline).
std::string cloud_event_json(const Event& event);
/// @brief All events, one JSON line each.
std::string to_jsonl(const GeneratedProgramme& generated);

/// @brief A funnel (how many reached each stage) and a per-country table, for people.
std::string funnel_report(const GeneratedProgramme& generated);

}  // namespace cohort::programme
