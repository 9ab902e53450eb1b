#pragma once
/// @file participant_export.hpp
/// @brief Participants of a run, as the ministry's reports want them: a list, or counts
///        per country, sector and gender.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/engine.hpp"
#include "value/value.hpp"

namespace cohort::import {

/// @brief One participant instance, flattened.
struct ParticipantRow {
  std::string id;
  std::string name;
  std::string country;  ///< nationality, ISO 3166-1 alpha-2
  std::string sector;   ///< the applicant's employer_type
  std::string employer;
  std::string gender;
  std::string state;
};

/// @brief The participant instances (definition "participant") whose state is in
///        `states` (all when empty), by id.
std::vector<ParticipantRow> participant_rows(const runtime::Engine& engine, const std::set<std::string>& states);

/// @brief Header "id,name,country,sector,employer,gender,state" and a line per row.
std::string rows_csv(const std::vector<ParticipantRow>& rows);
/// @brief {"count": n, "participants": [{id, name, country, sector, employer, gender, state}]}.
Value rows_json(const std::vector<ParticipantRow>& rows);

/// @brief Counts of the rows; an empty value counts as "unknown".
struct Summary {
  std::uint64_t total = 0;
  std::map<std::string, std::uint64_t> by_country, by_sector, by_gender, by_state;
};

Summary summarize(const std::vector<ParticipantRow>& rows);
/// @brief "dimension,value,count" lines: total, then country, sector, gender and state.
std::string summary_csv(const Summary& s);
/// @brief {"total", "by_country", "by_sector", "by_gender", "by_state"}.
Value summary_json(const Summary& s);

}  // namespace cohort::import
