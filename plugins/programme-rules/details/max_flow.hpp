#pragma once
/// @file max_flow.hpp
/// @brief A small integer max-flow (Dinic) for the seat feasibility checks: the graphs have
///        a few dozen nodes (countries, genders), so simplicity beats cleverness here.

#include <vector>

namespace cohort_rules::details {

/// @brief Directed graph with integer capacities; run() computes a maximum flow once.
class MaxFlow {
 public:
  explicit MaxFlow(int nodes);

  /// @brief Adds an edge and returns its index (for flow_on).
  int add_edge(int from, int to, int capacity);

  /// @brief The maximum flow from source to sink.
  int run(int source, int sink);

  /// @brief Flow on an edge after run().
  int flow_on(int edge) const;

 private:
  struct Edge {
    int to;
    int capacity;  // residual
    int original;
  };
  bool levels(int source, int sink);
  int push(int node, int sink, int amount);

  std::vector<Edge> edges_;
  std::vector<std::vector<int>> out_;
  std::vector<int> level_;
  std::vector<std::size_t> next_;
};

}  // namespace cohort_rules::details
