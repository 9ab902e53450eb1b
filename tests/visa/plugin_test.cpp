// The built visa.so loaded the way the engine loads it, configured as a programme file would.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "host/plugin_host.hpp"

namespace fs = std::filesystem;

TEST(VisaPlugin, ChecksAnMrzAndAPassportThroughThePluginHost) {
  cohort::host::HostOptions options;
  options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "visa" / "plugin";
  options.config["org.cohort.visa"] = R"({"passport_min_days": 183, "reminder_days": [14, 3]})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "visa");
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(host.plugin_for("visa.check_mrz"), "org.cohort.visa");

  cohort::host::CallContext ctx;
  ctx.instance = "GLC-2025-A0042";
  ctx.step = "accepted";
  auto mrz = host.call("visa.check_mrz", R"({"mrz": ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
                                            "typed": {"surname": "Eriksson", "given_names": "Anna Maria"}})", ctx);
  ASSERT_TRUE(mrz.ok()) << mrz.message;
  EXPECT_NE(mrz.json.find(R"("valid":true,"matches":true)"), std::string::npos) << mrz.json;

  auto passport = host.call("visa.check_passport", R"({"expires": "2025-09-20", "departure": "2025-03-21"})", ctx);
  ASSERT_TRUE(passport.ok()) << passport.message;
  EXPECT_NE(passport.json.find(R"("valid":true)"), std::string::npos) << passport.json;
  EXPECT_NE(passport.json.find(R"("rule":"183 days")"), std::string::npos) << passport.json;

  auto reminders = host.call("visa.reminders", R"({"visa_deadline": "2025-02-28T23:59:00+08:00", "now": "2025-02-01T00:00:00Z"})", ctx);
  ASSERT_TRUE(reminders.ok()) << reminders.message;
  EXPECT_NE(reminders.json.find(R"("next":{"days_before":14,"at":"2025-02-14T23:59:00+08:00"})"), std::string::npos)
      << reminders.json;

  auto bad = host.call("visa.check_mrz", R"({"mrz": 42})", ctx);
  EXPECT_EQ(bad.status, cohort::host::CallStatus::InvalidArgument);
  EXPECT_NE(bad.message.find("mrz must be a string"), std::string::npos);
}

TEST(VisaPlugin, RefusesAConfigurationOutsideItsSchema) {
  cohort::host::HostOptions options;
  options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "visa" / "bad-config";
  options.config["org.cohort.visa"] = R"({"passport_min_months": "six"})";
  cohort::host::PluginHost host(options);
  EXPECT_FALSE(host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "visa").ok);
}
