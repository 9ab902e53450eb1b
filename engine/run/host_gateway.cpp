#include "run/host_gateway.hpp"

#include "event/cloudevent.hpp"

namespace cohort::run {

HostGateway::HostGateway(host::PluginHost& host) : host_(host) {
  host_.set_emit_handler([this](std::string, std::string event_json) {
    std::lock_guard lock(mutex_);
    emitted_.push_back(std::move(event_json));
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

void HostGateway::publish(const Event& event) { host_.publish(to_cloudevent_json(event), event.type); }

std::vector<std::string> HostGateway::take_emitted() {
  std::lock_guard lock(mutex_);
  return std::exchange(emitted_, {});
}

}  // namespace cohort::run
