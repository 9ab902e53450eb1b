// Tutorial 01: a plugin offering one operation ("hello.greet") and listening to one event type.
#include <cohort/cpp/plugin.hpp>

#include <string>
#include <string_view>

namespace {

// Minimal JSON string escaping, so that the example needs no JSON library.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

class Hello : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    // The engine hands over this plugin's config object ("{}" when none); a real plugin parses it.
    host().info("hello plugin ready, config " + std::string(host().config()));
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    if (operation != "hello.greet") return cohort::sdk::Result::unknown_operation(operation);
    if (args_json.empty() || args_json.front() != '{')
      return cohort::sdk::Result::invalid_argument("hello.greet expects a JSON object");
    // The idempotency key says "this is the same side effect" across retries.
    return cohort::sdk::Result::ok("{\"greeting\":" + quoted("hello, " + std::string(ctx.instance)) +
                                   ",\"key\":" + quoted(ctx.idempotency_key) + "}");
  }

  cohort::sdk::Status on_event(std::string_view event_json) override {
    host().debug("saw an enrolment: " + std::string(event_json));
    return cohort::sdk::Status::Ok;
  }
};

}  // namespace

COHORT_PLUGIN(Hello,
              .id = "org.example.hello",
              .name = "Hello",
              .vendor = "Example University",
              .version = "1.0.0",
              .description = "Greets people; the first plugin of the SDK tutorial.",
              .operations = {{"hello.greet", "Returns a greeting for the calling instance"}},
              .subscribes = {"participant.enrolled"})
