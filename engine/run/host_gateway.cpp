#include "run/host_gateway.hpp"

#include <spdlog/spdlog.h>

#include "event/cloudevent.hpp"
#include "host/plugin_description.hpp"

namespace cohort::run {

HostGateway::HostGateway(host::PluginHost& host) : host_(host) {
  for (const auto& plugin : host_.plugins()) {
    subscriptions_.insert(subscriptions_.end(), plugin.manifest.subscribes.begin(), plugin.manifest.subscribes.end());
    for (const auto& op : plugin.manifest.operations)
      if (op.effects) effects_.insert(op.name);
  }
  host_.set_emit_handler([this](std::string plugin_id, std::string event_json) {
    std::lock_guard lock(mutex_);
    emitted_.emplace_back(std::move(plugin_id), std::move(event_json));
  });
}

runtime::CallOutcome HostGateway::call(const runtime::CallRequest& r) {
  host::CallContext ctx;
  ctx.instance = std::string(r.subject);
  ctx.step = r.idempotency_key.substr(0, r.idempotency_key.rfind('/'));
  ctx.step = ctx.step.substr(ctx.step.rfind('/') + 1);
  ctx.attempt = static_cast<std::uint32_t>(r.attempt);
  ctx.idempotency_key = r.idempotency_key;
  ctx.timeout_ms = static_cast<std::uint32_t>(r.timeout_ms);
  auto result = host_.call(r.operation, r.args_json, ctx);
  runtime::CallOutcome out;
  out.ok = result.ok();
  out.result_json = std::move(result.json);
  out.code = std::string(host::to_string(result.status));
  out.message = std::move(result.message);
  return out;
}

bool HostGateway::has_effects(std::string_view operation) const { return effects_.find(operation) != effects_.end(); }

void HostGateway::publish(const Event& event) {
  // Most events interest no plugin: do not write them out as JSON for nobody.
  if (!host::subscribes_to(subscriptions_, event.type)) return;
  host_.publish(to_cloudevent_json(event), event.type);
}

std::vector<Event> HostGateway::take_emitted(const runtime::EmitPoint&) {
  std::vector<std::pair<std::string, std::string>> texts;
  {
    std::lock_guard lock(mutex_);
    texts = std::exchange(emitted_, {});
  }
  std::vector<Event> events;
  for (auto& [plugin, json] : texts) {
    Event e;
    std::string error;
    if (parse_cloudevent(json, e, error)) {
      events.push_back(std::move(e));
    } else {
      spdlog::error("[plugin {}] emitted an invalid event ({}); dropped: {}", plugin, error, json.substr(0, 200));
    }
  }
  return events;
}

}  // namespace cohort::run
