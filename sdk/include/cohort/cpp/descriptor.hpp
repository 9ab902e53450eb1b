#pragma once
/// @file descriptor.hpp
/// @brief The C++ form of a plugin descriptor, as written in COHORT_PLUGIN(...).

#include <string_view>
#include <vector>

namespace cohort::sdk {

/// @brief One operation offered: a dotted name, a one-line description, and whether it
///        acts outside Cohort (mail, payments, other systems: see COHORT_OPERATION_EFFECTS).
struct Operation {
  std::string_view name;
  std::string_view description;
  bool effects = false;
};

/// @brief What a plugin is. Must agree with its plugin.json manifest (the engine checks).
struct Descriptor {
  std::string_view id;           ///< reverse-DNS, e.g. "org.example.hello"
  std::string_view name;         ///< for people
  std::string_view vendor;       ///< who wrote it
  std::string_view version;      ///< semver, e.g. "1.0.0"
  std::string_view description;  ///< one line
  std::vector<Operation> operations;
  std::vector<std::string_view> subscribes;  ///< event types; "*" = all
};

}  // namespace cohort::sdk
