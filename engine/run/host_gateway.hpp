#pragma once
/// @file host_gateway.hpp
/// @brief The runtime's PluginGateway served by the real plugin host.

#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "host/plugin_host.hpp"
#include "runtime/plugin_gateway.hpp"

namespace cohort::run {

/// @brief Routes runtime calls and published events to host::PluginHost, and collects
///        the events plugins emit so the session can submit them between rounds.
class HostGateway : public runtime::PluginGateway {
 public:
  explicit HostGateway(host::PluginHost& host);
  runtime::CallOutcome call(const runtime::CallRequest& request) override;
  /// @brief True for an operation a loaded plugin flags as acting outside Cohort.
  bool has_effects(std::string_view operation) const override;
  void publish(const Event& event) override;
  /// @brief Events plugins emitted since the last take, in arrival order. A plugin emits
  ///        a CloudEvent (specversion, id, source, type, subject, data); one that does not
  ///        parse is logged and dropped.
  std::vector<Event> take_emitted(const runtime::EmitPoint& at) override;

 private:
  host::PluginHost& host_;
  std::vector<std::string> subscriptions_;  ///< every loaded plugin's patterns
  std::set<std::string, std::less<>> effects_;  ///< operations with side effects
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> emitted_;  ///< (plugin id, event JSON)
};

}  // namespace cohort::run
