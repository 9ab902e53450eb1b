// The built webhook.so, loaded the way the engine loads it, posting to a real receiver.
#include <gtest/gtest.h>

#include "host/plugin_host.hpp"
#include "receiver.hpp"

using namespace cohort::webhook_test;
using cohort::Value;

namespace {

const fs::path kPlugin = fs::path(COHORT_BINARY_DIR) / "plugins" / "webhook";

}  // namespace

TEST(WebhookPlugin, PostsTheSubscribedEventsTheEnginePublishes) {
  const auto dir = scratch_dir();
  Receiver receiver(dir, "office", "s3cret");
  cohort::host::HostOptions options;
  options.data_dir = dir / "data";
  options.config["org.cohort.webhook"] =
      R"({"targets":[{"name":"office","url":")" + receiver.url("/cohort") +
      R"(","events":["participant.*","offer.accepted"],"secret":"s3cret"}],"retry":{"initial_backoff_ms":10}})";
  {
    cohort::host::PluginHost host(options);
    auto loaded = host.load(kPlugin);
    ASSERT_TRUE(loaded.ok) << loaded.error;

    host.publish(R"({"specversion":"1.0","id":"A1-001","source":"/portal","type":"application.started","subject":"A1"})",
                 "application.started");
    host.publish(R"({"specversion":"1.0","id":"A1-002","source":"/portal","type":"offer.accepted","subject":"A1",)"
                 R"("time":"2025-01-10T08:00:00Z","data":{"passport":{"number":"KE1"}}})",
                 "offer.accepted");
    host.publish(R"({"specversion":"1.0","id":"A1-003","source":"/office","type":"participant.registered","subject":"A1"})",
                 "participant.registered");
    ASSERT_TRUE(host.wait_for_events());
    ASSERT_TRUE(eventually([&] { return receiver.requests().size() == 2; }));

    cohort::host::CallContext ctx;
    ctx.instance = "test";
    auto status = host.call("webhook.status", "{}", ctx);
    ASSERT_TRUE(status.ok()) << status.message;
    EXPECT_NE(status.json.find(R"("name":"office","delivered":2)"), std::string::npos) << status.json;
  }
  auto got = receiver.requests();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]["event"]["id"].as_string(), "A1-002");
  EXPECT_EQ(got[0]["event"]["data"]["passport"]["number"].as_string(), "KE1");
  EXPECT_EQ(got[1]["event"]["type"].as_string(), "participant.registered");
  EXPECT_FALSE(got[1]["event"]["time"].as_string().empty());
  for (const auto& r : got) EXPECT_TRUE(r["signature_ok"].as_bool()) << r["signature_reason"].as_string();
  EXPECT_EQ(got[0]["path"].as_string(), "/cohort");
}

TEST(WebhookPlugin, LoadsWithoutConfigurationAndSendsNothing) {
  // Every programme loads every plugin in the plugin directory: one without targets must be harmless.
  const auto dir = scratch_dir();
  cohort::host::HostOptions options;
  options.data_dir = dir / "data";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  host.publish(R"({"specversion":"1.0","id":"1","source":"/portal","type":"offer.accepted","subject":"A1"})",
               "offer.accepted");
  EXPECT_TRUE(host.wait_for_events());
  cohort::host::CallContext ctx;
  auto status = host.call("webhook.status", "{}", ctx);
  ASSERT_TRUE(status.ok()) << status.message;
  EXPECT_NE(status.json.find(R"("targets":[])"), std::string::npos) << status.json;
}

TEST(WebhookPlugin, RefusesATargetWithoutASecret) {
  const auto dir = scratch_dir();
  cohort::host::HostOptions options;
  options.data_dir = dir / "data";
  options.config["org.cohort.webhook"] = R"({"targets":[{"url":"http://127.0.0.1:9/","events":["*"]}]})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  EXPECT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("secret"), std::string::npos) << loaded.error;
}
