#pragma once
// Shared by the runtime tests: load definitions from text, make events, a scripted gateway.

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <mutex>
#include <string>
#include <vector>

#include "loader/loader.hpp"
#include "runtime/engine.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::testing {

inline std::shared_ptr<const model::Definition> definition(const std::string& json,
                                                           const std::string& name = "test.json") {
  std::vector<loader::Diagnostic> diags;
  auto def = loader::load_definition_text(json, name, {}, diags);
  std::string all;
  for (const auto& d : diags) all += d.format() + "\n";
  EXPECT_TRUE(def) << all;
  return def;
}

inline Event event(std::string type, std::string subject, std::string id, std::string time = "",
                   std::string data_json = "{}") {
  Event e;
  e.type = std::move(type);
  e.subject = std::move(subject);
  e.id = std::move(id);
  e.source = "test";
  if (!time.empty()) {
    auto t = parse_iso_datetime(time);
    EXPECT_TRUE(t) << time;
    e.time = *t;
    e.has_time = true;
  }
  JsonError err;
  EXPECT_TRUE(parse_json(data_json, e.data, err)) << err.message;
  return e;
}

inline Timestamp at(const std::string& iso) { return *parse_iso_datetime(iso); }

/// An in-process gateway whose operations are lambdas: lets the runtime tests drive
/// success, failure and retries without a shared library (those are tested in tests/host).
class ScriptedGateway : public runtime::PluginGateway {
 public:
  using Handler = std::function<runtime::CallOutcome(const runtime::CallRequest&)>;
  void on(const std::string& op, Handler h) { handlers_[op] = std::move(h); }
  runtime::CallOutcome call(const runtime::CallRequest& r) override {
    {
      std::lock_guard lock(mutex_);
      keys.push_back(r.idempotency_key);
      args.push_back(r.args_json);
    }
    auto it = handlers_.find(std::string(r.operation));
    if (it == handlers_.end()) return {false, "", "unknown_operation", "no such operation"};
    return it->second(r);
  }
  bool has_effects(std::string_view op) const override { return effects.count(std::string(op)) > 0; }
  std::vector<runtime::CallOutcome> perform(const std::vector<runtime::CallRequest>& requests) override {
    {
      std::lock_guard lock(mutex_);
      std::vector<std::string> batch;
      for (const auto& r : requests) batch.push_back(r.idempotency_key);
      performed.push_back(std::move(batch));
    }
    return runtime::PluginGateway::perform(requests);
  }
  void publish(const Event&) override { ++published; }
  std::vector<Event> take_emitted(const runtime::EmitPoint&) override {
    std::lock_guard lock(mutex_);
    return std::exchange(to_emit, {});
  }
  /// What plugins "emit" next; guarded by the same mutex as the call log.
  void emit(Event e) {
    std::lock_guard lock(mutex_);
    to_emit.push_back(std::move(e));
  }
  std::vector<Event> to_emit;
  std::vector<std::string> keys, args;
  std::atomic<int> published{0};
  /// Operations with side effects, and the keys of each perform() batch, in order.
  std::set<std::string> effects;
  std::vector<std::vector<std::string>> performed;

 private:
  std::map<std::string, Handler> handlers_;
  std::mutex mutex_;
};

}  // namespace cohort::testing
