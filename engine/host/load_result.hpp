#pragma once
/// @file load_result.hpp
/// @brief The outcome of loading one plugin.

#include <filesystem>
#include <string>

namespace cohort::host {

/// @brief Whether a plugin was loaded, and if not, why (one line naming the file).
struct LoadResult {
  bool ok = false;
  /// The manifest or library the load started from.
  std::filesystem::path path;
  /// The plugin id when known.
  std::string plugin_id;
  /// The refusal, e.g. "/p/foo.so: ABI 2.0 is incompatible: expected major 1, found 2".
  std::string error;
};

}  // namespace cohort::host
