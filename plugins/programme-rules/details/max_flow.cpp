#include "details/max_flow.hpp"

#include <algorithm>
#include <climits>
#include <queue>

namespace cohort_rules::details {

MaxFlow::MaxFlow(int nodes) : out_(static_cast<std::size_t>(nodes)) {}

int MaxFlow::add_edge(int from, int to, int capacity) {
  const int index = static_cast<int>(edges_.size());
  edges_.push_back({to, capacity, capacity});
  out_[static_cast<std::size_t>(from)].push_back(index);
  edges_.push_back({from, 0, 0});
  out_[static_cast<std::size_t>(to)].push_back(index + 1);
  return index;
}

bool MaxFlow::levels(int source, int sink) {
  level_.assign(out_.size(), -1);
  std::queue<int> queue;
  level_[static_cast<std::size_t>(source)] = 0;
  queue.push(source);
  while (!queue.empty()) {
    const int node = queue.front();
    queue.pop();
    for (int e : out_[static_cast<std::size_t>(node)]) {
      const Edge& edge = edges_[static_cast<std::size_t>(e)];
      if (edge.capacity > 0 && level_[static_cast<std::size_t>(edge.to)] < 0) {
        level_[static_cast<std::size_t>(edge.to)] = level_[static_cast<std::size_t>(node)] + 1;
        queue.push(edge.to);
      }
    }
  }
  return level_[static_cast<std::size_t>(sink)] >= 0;
}

int MaxFlow::push(int node, int sink, int amount) {
  if (node == sink) return amount;
  auto& next = next_[static_cast<std::size_t>(node)];
  const auto& out = out_[static_cast<std::size_t>(node)];
  for (; next < out.size(); ++next) {
    Edge& edge = edges_[static_cast<std::size_t>(out[next])];
    if (edge.capacity <= 0 ||
        level_[static_cast<std::size_t>(edge.to)] != level_[static_cast<std::size_t>(node)] + 1)
      continue;
    const int pushed = push(edge.to, sink, std::min(amount, edge.capacity));
    if (pushed > 0) {
      edge.capacity -= pushed;
      edges_[static_cast<std::size_t>(out[next] ^ 1)].capacity += pushed;
      return pushed;
    }
  }
  return 0;
}

int MaxFlow::run(int source, int sink) {
  int total = 0;
  while (levels(source, sink)) {
    next_.assign(out_.size(), 0);
    while (int pushed = push(source, sink, INT_MAX)) total += pushed;
  }
  return total;
}

int MaxFlow::flow_on(int edge) const {
  const Edge& e = edges_[static_cast<std::size_t>(edge)];
  return e.original - e.capacity;
}

}  // namespace cohort_rules::details
