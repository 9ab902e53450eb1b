#pragma once
/// @file migration.hpp
/// @brief Moving running instances to another version of their definition (`cohort
///        migrate`): the plan an administrator writes, and what it does to each instance.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "expr/expression.hpp"
#include "model/definition.hpp"
#include "runtime/engine.hpp"
#include "value/value.hpp"

namespace cohort::run {

/// @brief A migration plan (docs/STORE.md "Definition versions and migration").
struct MigrationPlan {
  std::string definition;                     ///< definition id, e.g. "participant"
  std::string from;                           ///< version hash or prefix; empty: every other version
  std::string to = "current";                 ///< version hash or prefix, or "current" (deployed last)
  std::map<std::string, std::string> states;  ///< old state -> new state; others keep their name
  Value set_json;                             ///< data members to assign (a template: "=EXPR" strings)
  expr::Template set;
  std::vector<std::string> remove;            ///< data members to drop
  std::string reason;
};

/// @brief Reads a plan (JSON text); `file` names it in errors. Errors are
///        `FILE: error: MESSAGE (at POINTER)` lines.
bool parse_migration_plan(const std::string& text, const std::string& file, MigrationPlan& plan,
                          std::vector<std::string>& errors);

/// @brief The plan as it is recorded in the log (to resolved to a full hash).
Value migration_payload(const MigrationPlan& plan, const std::string& target_hash);
/// @brief The plan back from a logged payload.
bool migration_from_payload(const Value& payload, MigrationPlan& plan, std::string& error);

/// @brief What the plan does to one instance.
struct MigrationItem {
  std::string subject;
  std::string from_version;
  std::string from_state;
  std::string to_state;
  Value data;           ///< the data after the plan's set/remove
  std::string problem;  ///< why it cannot be moved; empty when it can
};

/// @brief Every instance the plan affects, in subject order, with what would become of it.
std::vector<MigrationItem> plan_migration(const runtime::Engine& engine, const MigrationPlan& plan,
                                          const model::Definition& target, const Value& programme);

}  // namespace cohort::run
