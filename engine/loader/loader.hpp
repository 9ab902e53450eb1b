#pragma once
/// @file loader.hpp
/// @brief Turns workflow definition files (docs/WORKFLOWS.md) into checked model::Definitions.
///
/// Every problem is reported, not only the first: JSON syntax (alone, since nothing else
/// can be read then), the schema (workflows/schema/workflow.schema.json), and the meaning
/// (targets, reachability, guards and templates, durations, plugin operations, emits).

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loader/diagnostic.hpp"
#include "loader/plugin_catalog.hpp"
#include "model/definition.hpp"

namespace cohort::loader {

/// @brief What a definition is checked against besides itself.
struct LoadOptions {
  /// Operations plugins offer; null or empty: `call` operations are not checked.
  const PluginCatalog* plugins = nullptr;
  /// Definitions already loaded, for cross-definition checks of emits: an emit to
  /// "programme" must be handled by the definition with id "programme", one to
  /// "participants" by id "participant", one to "=EXPR" by some loaded definition.
  /// A receiver that is not loaded is not checked.
  std::vector<std::shared_ptr<const model::Definition>> others;
};

/// @brief Loads and checks one file. Returns null when any error was found; every
///        error is appended to `out`.
std::shared_ptr<const model::Definition> load_definition(const std::string& path, const LoadOptions& options,
                                                         std::vector<Diagnostic>& out);

/// @brief Same, from text; `file` names it in diagnostics and in Definition::file.
std::shared_ptr<const model::Definition> load_definition_text(std::string_view text, const std::string& file,
                                                              const LoadOptions& options,
                                                              std::vector<Diagnostic>& out);

/// @brief Loads several files together (`cohort validate FILE...`): each is checked, then
///        the emits of each against all of them (plus `options.others`); two definitions
///        with one id are an error. The result has one entry per path, null where the file
///        has errors.
std::vector<std::shared_ptr<const model::Definition>> load_definitions(const std::vector<std::string>& paths,
                                                                       const LoadOptions& options,
                                                                       std::vector<Diagnostic>& out);

/// @brief Same as load_definitions, from (file name, text) pairs.
std::vector<std::shared_ptr<const model::Definition>> load_definition_texts(
    const std::vector<std::pair<std::string, std::string>>& sources, const LoadOptions& options,
    std::vector<Diagnostic>& out);

/// @brief The text of workflows/schema/workflow.schema.json the loader validates against.
const std::string& workflow_schema_text();

}  // namespace cohort::loader
