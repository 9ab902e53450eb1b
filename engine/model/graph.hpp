#pragma once
/// @file graph.hpp
/// @brief The state graph of a definition as text for diagram tools.

#include <string>

#include "model/definition.hpp"

namespace cohort::model {

/// @brief A Mermaid `stateDiagram-v2`: `[*] --> initial`, one edge per transition or
///        timer with a target (labelled "event [guard]" or "after(P14D)"), `final --> [*]`.
std::string to_mermaid(const Definition& definition);

/// @brief The same graph in Graphviz DOT (`dot -Tsvg`).
std::string to_dot(const Definition& definition);

}  // namespace cohort::model
