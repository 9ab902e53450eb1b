// The webhook plugin: events of the types each target asks for are POSTed to it as signed
// CloudEvents. The engine's event thread only enqueues (Dispatcher::offer); each target
// has its own worker, so a receiver that is down holds up nobody else.
#include <cohort/cpp/plugin.hpp>

#include <memory>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "config.hpp"
#include "dispatcher.hpp"

namespace {

class Webhook : public cohort::sdk::Plugin {
 public:
  // The dispatcher's destructor delivers what it can within the grace period first.
  ~Webhook() override = default;

  cohort::sdk::Result on_init() override {
    cohort_webhook::Config config;
    std::string error;
    if (!cohort_webhook::parse_config(host().config(), config, error))
      return cohort::sdk::Result::invalid_argument("webhook: " + error);
    if (config.targets.empty()) {
      host().info("webhook: no targets configured; no event is sent anywhere");
      return cohort::sdk::Result::ok();
    }
    const std::string dir(host().data_dir());
    if (dir.empty()) return cohort::sdk::Result::error("webhook: the engine gave no data directory");
    const std::size_t targets = config.targets.size();
    const std::string dead_letters = dir + "/" + config.dead_letter_file;
    const cohort::sdk::Host h = host();
    dispatcher_ = std::make_unique<cohort_webhook::Dispatcher>(
        std::move(config), dead_letters, [h](cohort_webhook::Level level, const std::string& message) {
          switch (level) {
            case cohort_webhook::Level::Debug: h.debug(message); break;
            case cohort_webhook::Level::Info: h.info(message); break;
            case cohort_webhook::Level::Warn: h.warn(message); break;
            case cohort_webhook::Level::Error: h.error(message); break;
          }
        });
    if (!dispatcher_->start(error)) return cohort::sdk::Result::error("webhook: " + error);
    host().info("webhook: " + std::to_string(targets) + " target(s); undeliverable events go to " + dead_letters);
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Status on_event(std::string_view event_json) override {
    if (dispatcher_) dispatcher_->offer(event_json);
    return cohort::sdk::Status::Ok;
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view,
                              const cohort::sdk::CallContext&) override {
    if (operation != "webhook.status") return cohort::sdk::Result::unknown_operation(operation);
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.StartObject();
    w.Key("targets");
    w.StartArray();
    if (dispatcher_) {
      for (const auto& s : dispatcher_->stats()) {
        w.StartObject();
        w.Key("name");
        w.String(s.name.c_str());
        w.Key("delivered");
        w.Uint64(s.delivered);
        w.Key("retries");
        w.Uint64(s.retries);
        w.Key("dead_lettered");
        w.Uint64(s.dead_lettered);
        w.Key("queued");
        w.Uint64(s.queued);
        w.Key("last_error");
        w.String(s.last_error.c_str());
        w.EndObject();
      }
    }
    w.EndArray();
    w.Key("dead_letter_file");
    w.String(dispatcher_ ? dispatcher_->dead_letter_path().c_str() : "");
    w.EndObject();
    return cohort::sdk::Result::ok(std::string(sb.GetString(), sb.GetSize()));
  }

 private:
  std::unique_ptr<cohort_webhook::Dispatcher> dispatcher_;
};

}  // namespace

COHORT_PLUGIN(Webhook,
              .id = "org.cohort.webhook",
              .name = "Webhooks",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "POSTs chosen events to configured URLs as signed CloudEvents, with retries and a "
                             "dead-letter file.",
              .operations = {{"webhook.status", "Delivery counters per target and the dead-letter file"}},
              .subscribes = {"*"})
