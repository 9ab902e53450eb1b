#pragma once
/// @file listing.hpp
/// @brief `cohort plugins list`: the plugins in plugin directories, from their manifests only.

#include <filesystem>
#include <string>
#include <vector>

#include "host/manifest.hpp"

namespace cohort::host {

/// @brief One plugin directory entry, described without loading its library.
struct ListedPlugin {
  Manifest manifest;
  /// The library file named by the manifest exists.
  bool library_present = false;
  /// The manifest's "abi" is compatible with this engine's ABI.
  bool abi_compatible = false;
};

/// @brief All manifests found, and the ones that could not be read (one line each).
struct PluginListing {
  std::vector<ListedPlugin> plugins;
  std::vector<std::string> errors;
};

/// @brief Reads the manifests in `dirs` (see find_manifests). Loads no library.
PluginListing list_plugins(const std::vector<std::filesystem::path>& dirs);

/// @brief A table for people.
std::string render_text(const PluginListing& listing);
/// @brief {"plugins":[...],"errors":[...]}.
std::string render_json(const PluginListing& listing);

}  // namespace cohort::host
