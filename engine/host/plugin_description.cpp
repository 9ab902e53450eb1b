#include "host/plugin_description.hpp"

namespace cohort::host {

bool subscribes_to(const std::vector<std::string>& patterns, std::string_view type) {
  for (const auto& p : patterns) {
    if (p == "*" || p == type) return true;
    // "participant.*" takes every type under "participant.", not "participant" itself.
    if (p.size() >= 2 && p.ends_with(".*") && type.size() > p.size() - 1 &&
        type.starts_with(std::string_view(p).substr(0, p.size() - 1)))
      return true;
  }
  return false;
}

}  // namespace cohort::host
