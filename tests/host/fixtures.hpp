#pragma once
/// @file fixtures.hpp
/// @brief Paths of the plugin fixtures built by tests/host/CMakeLists.txt.

#include <filesystem>
#include <string>
#include <unistd.h>

namespace cohort::host::test {

/// @brief The directory of fixture `name` (holds plugin.json and the library).
inline std::filesystem::path fixture_dir(const std::string& name) {
  return std::filesystem::path(COHORT_BINARY_DIR) / "tests/host/fixtures" / ("cohort_fixture_" + name);
}

inline std::filesystem::path fixture_manifest(const std::string& name) { return fixture_dir(name) / "plugin.json"; }

/// @brief The tutorial plugin (sdk/examples/01-hello) as built in-tree by tests/sdk.
inline std::filesystem::path hello_dir() {
  return std::filesystem::path(COHORT_BINARY_DIR) / "tests/sdk/plugins/cohort_example_hello";
}

/// @brief A fresh scratch directory for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path(COHORT_BINARY_DIR) / "tests/host/scratch" /
             (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace cohort::host::test
