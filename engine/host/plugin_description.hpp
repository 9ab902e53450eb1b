#pragma once
/// @file plugin_description.hpp
/// @brief What a plugin says about itself (from its manifest or its descriptor).

#include <string>
#include <string_view>
#include <vector>

namespace cohort::host {

/// @brief One operation a plugin offers.
struct OperationInfo {
  std::string name;
  std::string description;
  /// Acts outside Cohort (COHORT_OPERATION_EFFECTS, "effects": true in plugin.json):
  /// the engine makes it through the event log's outbox.
  bool effects = false;
};

/// @brief The identity and offer of a plugin, as in plugin.json and in the library's descriptor.
struct PluginDescription {
  std::string id;
  std::string name;
  std::string vendor;
  std::string version;
  std::string description;
  std::vector<OperationInfo> operations;
  /// False for a library built before operations carried flags: its `effects` are unknown
  /// (the manifest's hold).
  bool declares_effects = true;
  /// Event types it wants; "*" is all, "prefix.*" all types under a prefix.
  std::vector<std::string> subscribes;
};

/// @brief True when `type` matches one of the subscription patterns ("*", "a.b", "a.*").
bool subscribes_to(const std::vector<std::string>& patterns, std::string_view type);

}  // namespace cohort::host
