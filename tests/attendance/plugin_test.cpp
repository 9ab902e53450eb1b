// The attendance plugin loaded the way the engine loads it: a token issued by one call is
// accepted by the next, the key is made once and kept in the plugin's data directory.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fixture.hpp"
#include "host/plugin_host.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kPlugin = fs::path(COHORT_BINARY_DIR) / "plugins" / "attendance";

fs::path fresh_dir(const std::string& name) {
  const auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "attendance" / name;
  fs::remove_all(dir);
  return dir;
}

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  return d;
}

cohort::host::CallResult call(cohort::host::PluginHost& host, const std::string& op, const std::string& args) {
  cohort::host::CallContext ctx;
  ctx.instance = "GLC-2025-A0042";
  ctx.step = "attending";
  return host.call(op, args, ctx);
}

std::string issue_token(cohort::host::PluginHost& host) {
  auto result = call(host, "attendance.token",
                     R"({"programme": )" + attendance_test::programme_json() + R"(, "participant": "GLC-2025-A0042", "session": "S01"})");
  EXPECT_TRUE(result.ok()) << result.message;
  auto d = parse(result.json);
  return d.HasMember("token") ? d["token"].GetString() : "";
}

TEST(AttendancePlugin, IssuesATokenAndChecksInWithIt) {
  const auto data = fresh_dir("plugin");
  cohort::host::HostOptions options;
  options.data_dir = data;
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  // Loading alone leaves no key behind.
  EXPECT_FALSE(fs::exists(data / "plugins" / "org.cohort.attendance" / "token-secret.hex"));

  const std::string token = issue_token(host);
  ASSERT_EQ(token.rfind("CA1.GLC-2025.S01.GLC-2025-A0042.", 0), 0u) << token;

  const auto key = data / "plugins" / "org.cohort.attendance" / "token-secret.hex";
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0) << key;
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto result = call(host, "attendance.check_in",
                     R"({"programme": )" + attendance_test::programme_json() + R"(, "participant": "GLC-2025-A0042", "token": ")" +
                         token + R"(", "at": "2025-03-10T01:02:00Z", "checkins": []})");
  ASSERT_TRUE(result.ok()) << result.message;
  auto d = parse(result.json);
  EXPECT_TRUE(d["accepted"].GetBool()) << result.json;
  EXPECT_STREQ(d["checkin"]["at"].GetString(), "2025-03-10T09:02:00+08:00");

  // Bad arguments come back as invalid_argument naming the field.
  auto bad = call(host, "attendance.summary", R"({"programme": {"id": "GLC-2025"}, "at": "2025-03-10T01:02:00Z"})");
  EXPECT_EQ(bad.status, cohort::host::CallStatus::InvalidArgument);
  EXPECT_NE(bad.message.find("programme.timezone is required"), std::string::npos) << bad.message;
}

TEST(AttendancePlugin, TheKeySurvivesARestartSoTokensStayValid) {
  const auto data = fresh_dir("plugin-restart");
  cohort::host::HostOptions options;
  options.data_dir = data;
  std::string first, second;
  {
    cohort::host::PluginHost host(options);
    ASSERT_TRUE(host.load(kPlugin).ok);
    first = issue_token(host);
  }
  {
    cohort::host::PluginHost host(options);
    ASSERT_TRUE(host.load(kPlugin).ok);
    second = issue_token(host);
  }
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST(AttendancePlugin, AConfiguredKeyIsUsedInsteadOfAGeneratedOne) {
  const auto data = fresh_dir("plugin-configured");
  cohort::host::HostOptions options;
  options.data_dir = data;
  options.config["org.cohort.attendance"] = R"({"secret": ")" + std::string(64, '7') + R"("})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  const std::string token = issue_token(host);
  // The same key gives the same token here as in plain C++ (0x77 repeated).
  cohort_attendance::TokenSigner signer(attendance_test::test_key(0x77));
  EXPECT_EQ(token, signer.issue({"GLC-2025", "S01", "GLC-2025-A0042"}));
  EXPECT_FALSE(fs::exists(data / "plugins" / "org.cohort.attendance" / "token-secret.hex"));
}

TEST(AttendancePlugin, AShortConfiguredKeyIsRefusedAtLoad) {
  cohort::host::HostOptions options;
  options.data_dir = fresh_dir("plugin-short-key");
  options.config["org.cohort.attendance"] = R"({"secret": "abcd"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  EXPECT_FALSE(loaded.ok);
}

TEST(AttendancePlugin, EveryProgrammeFileGivesAValidSchedule) {
  cohort::host::HostOptions options;
  options.data_dir = fresh_dir("plugin-programmes");
  cohort::host::PluginHost host(options);
  ASSERT_TRUE(host.load(kPlugin).ok);
  for (const char* name : {"glc-2025", "cni-2025", "ict-2025", "ghe-2025"}) {
    std::ifstream in(fs::path(COHORT_TEST_DIR).parent_path() / "workflows" / "programmes" / (std::string(name) + ".json"));
    std::stringstream text;
    text << in.rdbuf();
    auto result = call(host, "attendance.schedule", R"({"programme": )" + text.str() + "}");
    ASSERT_TRUE(result.ok()) << name << ": " << result.message;
    auto d = parse(result.json);
    EXPECT_STREQ(d["timezone"].GetString(), "Asia/Shanghai") << name;
    ASSERT_GT(d["sessions"].Size(), 0u) << name;
    // Venue-local times come back with the venue's offset.
    const std::string starts = d["sessions"][0]["starts_at"].GetString();
    EXPECT_EQ(starts.substr(starts.size() - 6), "+08:00") << name;
  }
}

}  // namespace
