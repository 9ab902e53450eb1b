// The built eligibility.so loaded the way the engine loads it, configured as a programme file would.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "host/plugin_host.hpp"

namespace fs = std::filesystem;

TEST(EligibilityPlugin, ChecksAnApplicationThroughThePluginHost) {
  cohort::host::HostOptions options;
  options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "eligibility" / "plugin";
  options.config["org.cohort.eligibility"] = R"({"document_labels": {"employer_nomination": "nomination letter from the employer"}})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "eligibility");
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(host.plugin_for("eligibility.check"), "org.cohort.eligibility");

  cohort::host::CallContext ctx;
  ctx.instance = "ICT-2025-A0007";
  ctx.step = "submitted";
  auto result = host.call("eligibility.check", R"({
      "applicant": {"nationality": "RW", "birth_date": "1990-07-07", "degree": "bachelor", "years_experience": 2,
                    "employer_type": "government", "documents": ["passport", "cv"], "languages": ["fr"]},
      "eligibility": {"reference_date": "2025-07-07", "age": {"min": 25, "max": 34}, "min_degree": "bachelor",
                      "min_experience_years": 2, "required_documents": ["passport", "cv", "employer_nomination"],
                      "languages_any": ["en", "fr"]},
      "countries": ["RW", "UG"]})", ctx);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_NE(result.json.find(R"("eligible":false)"), std::string::npos) << result.json;
  EXPECT_NE(result.json.find(R"("code":"age.too_old")"), std::string::npos) << result.json;
  EXPECT_NE(result.json.find("aged 35 on 2025-07-07, the maximum age is 34"), std::string::npos) << result.json;
  EXPECT_NE(result.json.find("nomination letter from the employer"), std::string::npos) << result.json;

  auto bad = host.call("eligibility.deadline", R"({"at": "now"})", ctx);
  EXPECT_EQ(bad.status, cohort::host::CallStatus::InvalidArgument);
  auto unknown = host.call("eligibility.nothing", "{}", ctx);
  EXPECT_FALSE(unknown.ok());
}

TEST(EligibilityPlugin, RefusesAConfigurationOutsideItsSchema) {
  cohort::host::HostOptions options;
  options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "eligibility" / "bad-config";
  options.config["org.cohort.eligibility"] = R"({"degree_scale": "bachelor"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "eligibility");
  EXPECT_FALSE(loaded.ok);
}
