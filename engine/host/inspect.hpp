#pragma once
/// @file inspect.hpp
/// @brief `cohort plugins inspect FILE`: what a plugin is, and whether the engine would load it.

#include <filesystem>
#include <optional>
#include <string>

#include "host/host_options.hpp"
#include "host/plugin_description.hpp"

namespace cohort::host {

/// @brief An ABI version as found in a library.
struct AbiVersion {
  unsigned major = 0, minor = 0, revision = 0;
};

/// @brief Everything found about one plugin file, as far as checking it got.
struct InspectReport {
  /// The file asked about.
  std::filesystem::path path;
  /// The manifest and library used (empty when not found).
  std::filesystem::path manifest_path;
  std::filesystem::path library_path;
  /// From plugin.json, when it could be read.
  std::optional<PluginDescription> manifest;
  std::string manifest_abi;
  /// From the library's entry, when it could be opened.
  std::optional<AbiVersion> abi;
  std::optional<PluginDescription> descriptor;
  /// The engine's own ABI.
  AbiVersion engine_abi;
  /// True when the engine would load it; otherwise `refusal` says why (one line).
  bool loadable = false;
  std::string refusal;
};

/// @brief Checks a plugin (its plugin.json, its directory or its library) the way load() does,
/// including running its init with the configuration in `options`, then unloads it.
InspectReport inspect(const std::filesystem::path& path, const HostOptions& options = {});

/// @brief A report for people.
std::string render_text(const InspectReport& report);
/// @brief A report as a JSON object.
std::string render_json(const InspectReport& report);

}  // namespace cohort::host
