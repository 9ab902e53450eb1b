#pragma once
/// @file funnel.hpp
/// @brief The programme office's view of a run: participants per state and per country.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/engine.hpp"
#include "value/value.hpp"

namespace cohort::run {

/// @brief Counts of one run.
struct Funnel {
  std::string programme;
  /// Participant instances per current state, in the definition's state order (then others).
  std::vector<std::pair<std::string, std::uint64_t>> states;
  /// Milestones: how many participants ever reached each of these states.
  std::vector<std::pair<std::string, std::uint64_t>> reached;
  struct Country {
    std::uint64_t applicants = 0;
    std::map<std::string, std::uint64_t> reached;  ///< milestone -> count
  };
  std::map<std::string, Country> countries;
  std::vector<std::string> milestones;
  std::uint64_t instances = 0;
};

/// @brief Builds the funnel from an engine after a run. `participant` is the participant
///        definition (its state order orders the table).
Funnel make_funnel(const runtime::Engine& engine, const model::Definition& participant,
                   const std::string& programme_id);

/// @brief The funnel and per-country table as text for a terminal.
std::string render_text(const Funnel& funnel, const runtime::EngineStats& stats);
/// @brief One JSON object: {"programme", "states", "reached", "countries", "events", "instances", ...}.
Value render_json(const Funnel& funnel, const runtime::EngineStats& stats);

}  // namespace cohort::run
