#pragma once
/// @file loader.hpp
/// @brief Internal: the checks between a path and a running plugin instance, in order.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "host/details/loaded_plugin.hpp"
#include "host/host_options.hpp"
#include "host/inspect.hpp"

namespace cohort::host::details {

/// @brief What loading found so far, whether or not it succeeded (for inspect).
struct LoadTrace {
  std::filesystem::path manifest_path;
  std::filesystem::path library_path;
  std::optional<Manifest> manifest;
  std::optional<AbiVersion> abi;
  std::optional<PluginDescription> descriptor;
};

/// @brief Reads the manifest, opens the library, checks the ABI (before calling anything),
/// the descriptor against the manifest and the configuration. Creates no instance.
/// Returns nullptr and sets `error` (one line naming the file) on refusal.
std::shared_ptr<LoadedPlugin> prepare_plugin(const std::filesystem::path& path, const HostOptions& options,
                                             std::shared_ptr<HostShared> shared, LoadTrace& trace,
                                             std::string& error);

/// @brief Creates the instance and runs its init. On refusal sets `error` (with the plugin's message).
bool start_plugin(LoadedPlugin& plugin, std::string& error);

}  // namespace cohort::host::details
