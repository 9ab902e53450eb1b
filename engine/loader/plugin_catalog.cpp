#include "loader/plugin_catalog.hpp"

namespace cohort::loader {

bool PluginCatalog::knows(std::string_view operation) const {
  return operations_.find(operation) != operations_.end();
}

}  // namespace cohort::loader
