// The micro-benchmark plugin: `bench.echo` returns its arguments unchanged, so the
// cost of a call through the plugin host is the host's own (routing, the worker hop,
// the deadline, the copies across the C ABI), not the plugin's.
#include <cohort/cpp/plugin.hpp>

#include <string>
#include <string_view>

namespace {

class BenchEcho : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext&) override {
    if (operation != "bench.echo") return cohort::sdk::Result::unknown_operation(operation);
    return cohort::sdk::Result::ok(std::string(args_json));
  }
};

}  // namespace

COHORT_PLUGIN(BenchEcho,
              .id = "org.cohort.bench",
              .name = "Bench echo",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Micro-benchmark plugin: returns its arguments.",
              .operations = {{"bench.echo", "Returns its arguments"}},
              .subscribes = {})
