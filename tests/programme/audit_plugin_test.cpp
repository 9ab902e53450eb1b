// The audit plugin loaded the way the engine loads it: every published event ends up as a line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "host/plugin_host.hpp"

namespace fs = std::filesystem;

TEST(AuditPlugin, AppendsEveryPublishedEventToItsFile) {
  const auto data = fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / "audit-plugin";
  fs::remove_all(data);
  cohort::host::HostOptions options;
  options.data_dir = data;
  options.config["org.cohort.audit"] = R"({"file": "events.jsonl", "fsync": "every_event"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "audit");
  ASSERT_TRUE(loaded.ok) << loaded.error;

  host.publish(R"({"id":"1","type":"application.submitted","subject":"GLC-2025-A0001"})", "application.submitted");
  host.publish(R"({"id":"2","type":"offer.accepted","subject":"GLC-2025-A0001"})", "offer.accepted");
  ASSERT_TRUE(host.wait_for_events());

  cohort::host::CallContext ctx;
  ctx.instance = "test";
  auto result = host.call("audit.query", R"({"type":"offer.accepted"})", ctx);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_NE(result.json.find(R"("count":1)"), std::string::npos) << result.json;

  std::ifstream in(data / "plugins" / "org.cohort.audit" / "events.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) ++lines;
  EXPECT_EQ(lines, 2);
}

TEST(AuditPlugin, RefusesAFileNameThatLeavesItsDataDirectory) {
  cohort::host::HostOptions options;
  options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / "audit-bad";
  options.config["org.cohort.audit"] = R"({"file": "../../escape.jsonl"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "audit");
  EXPECT_FALSE(loaded.ok);
}
