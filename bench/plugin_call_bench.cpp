// What a plugin call costs through the real host (a .so loaded with Boost.DLL, the call
// run on a host worker under a deadline, results copied across the C ABI) against the
// same echo as an in-process function behind the runtime's PluginGateway interface, the
// way the runtime tests script plugins. Read the two as a ratio: the host's overhead.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "host/plugin_host.hpp"
#include "runtime/plugin_gateway.hpp"

namespace {

using namespace cohort;

// A small but realistic argument object, the size of a typical `with` template's output.
const std::string kArgs =
    R"({"applicant":"A1042","template":"offer","to":"linh@example.org","vars":{"name":"Linh","programme":"Fellows 2025"}})";

void BM_PluginCall(benchmark::State& state) {
  host::HostOptions options;
  options.data_dir = std::filesystem::temp_directory_path() / "cohort-microbench";
  host::PluginHost plugins(options);
  auto loaded = plugins.load(COHORT_BENCH_PLUGIN_DIR);
  if (!loaded.ok) {
    state.SkipWithError(("bench plugin did not load: " + loaded.error).c_str());
    return;
  }
  host::CallContext ctx{"A1042", "offer", 1, "", 5000};
  for (auto _ : state) {
    host::CallResult r = plugins.call("bench.echo", kArgs, ctx);
    if (!r.ok()) {
      state.SkipWithError(("bench.echo failed: " + r.message).c_str());
      return;
    }
    benchmark::DoNotOptimize(r.json.data());
  }
  state.SetItemsProcessed(state.iterations());
}
// Real time: the plugin runs on a host worker while this thread waits for it.
BENCHMARK(BM_PluginCall)->UseRealTime();

// The runtime tests' ScriptedGateway, reduced: operations are lambdas found by name.
class InProcessGateway : public runtime::PluginGateway {
 public:
  using Handler = std::function<runtime::CallOutcome(const runtime::CallRequest&)>;
  void on(std::string operation, Handler handler) { handlers_[std::move(operation)] = std::move(handler); }
  runtime::CallOutcome call(const runtime::CallRequest& request) override {
    auto it = handlers_.find(request.operation);
    if (it == handlers_.end()) return {false, "", "unknown_operation", "no such operation"};
    return it->second(request);
  }

 private:
  std::map<std::string, Handler, std::less<>> handlers_;
};

void BM_InProcessCall(benchmark::State& state) {
  InProcessGateway in_process;
  in_process.on("bench.echo", [](const runtime::CallRequest& r) {
    return runtime::CallOutcome{true, r.args_json, "", ""};
  });
  runtime::PluginGateway& gateway = in_process;
  runtime::CallRequest request;
  request.operation = "bench.echo";
  request.subject = "A1042";
  request.idempotency_key = "A1042/offer/1";
  for (auto _ : state) {
    // The runtime renders fresh arguments for every call, so the copy is part of the cost.
    request.args_json = kArgs;
    runtime::CallOutcome out = gateway.call(request);
    if (!out.ok) {
      state.SkipWithError("bench.echo failed in process");
      return;
    }
    benchmark::DoNotOptimize(out.result_json.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InProcessCall)->UseRealTime();

}  // namespace
