#pragma once
/// @file plugin_catalog.hpp
/// @brief The plugin operations a definition may call, as the plugin manifests declare them.

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohort::loader {

/// @brief Known operation names ("mail.send"). An empty catalog checks nothing: with no
///        plugins described, the loader cannot tell a typo from an operation it has not seen.
class PluginCatalog {
 public:
  PluginCatalog() = default;
  PluginCatalog(std::initializer_list<std::string> operations) : operations_(operations) {}

  /// @brief Declares an operation.
  void add(std::string operation) { operations_.insert(std::move(operation)); }
  bool empty() const { return operations_.empty(); }
  bool knows(std::string_view operation) const;
  /// @brief Every known operation, sorted.
  std::vector<std::string> operations() const { return {operations_.begin(), operations_.end()}; }

 private:
  std::set<std::string, std::less<>> operations_;
};

}  // namespace cohort::loader
