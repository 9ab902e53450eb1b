#include "runtime/plugin_gateway.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace cohort::runtime {

std::vector<CallOutcome> PluginGateway::perform(const std::vector<CallRequest>& requests) {
  return call_concurrently(*this, requests);
}

std::vector<CallOutcome> call_concurrently(PluginGateway& gateway, const std::vector<CallRequest>& requests,
                                           unsigned max_threads) {
  std::vector<CallOutcome> outcomes(requests.size());
  // Mail servers and other systems answer slowly compared with the engine: while one
  // call waits for its server, the others of the round go out.
  const std::size_t threads = std::min<std::size_t>(std::max(1u, max_threads), requests.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < requests.size();) outcomes[i] = gateway.call(requests[i]);
  };
  if (threads <= 1) {
    work();
    return outcomes;
  }
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return outcomes;
}

}  // namespace cohort::runtime
