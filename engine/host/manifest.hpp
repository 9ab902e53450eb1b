#pragma once
/// @file manifest.hpp
/// @brief plugin.json: read a plugin's sidecar manifest and find manifests in plugin directories.

#include <filesystem>
#include <string>
#include <vector>

#include "host/plugin_description.hpp"

namespace cohort::host {

/// @brief A parsed plugin.json (schema: workflows/schema/plugin.schema.json).
struct Manifest : PluginDescription {
  /// The plugin.json file itself (absolute).
  std::filesystem::path path;
  /// The library, resolved against the manifest's directory (absolute).
  std::filesystem::path library;
  /// The "abi" field as written, e.g. "1.0".
  std::string abi;
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
  /// JSON text of "config_schema" (a draft-04 schema), empty when the manifest has none.
  std::string config_schema;
};

/// @brief Reads and checks one plugin.json. On failure returns false and sets `error`
/// to a one-line message naming the file (and line:column for syntax errors).
bool read_manifest(const std::filesystem::path& file, Manifest& out, std::string& error);

/// @brief The manifests in plugin directories: DIR/plugin.json and DIR/*/plugin.json,
/// sorted by path. Directories that do not exist are skipped.
std::vector<std::filesystem::path> find_manifests(const std::vector<std::filesystem::path>& dirs);

}  // namespace cohort::host
