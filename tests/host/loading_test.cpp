// Loading and refusing plugins: every refusal names the file, what was expected and what was found,
// and the engine (and the plugins already loaded) keep working.
#include <gtest/gtest.h>

#include <string>

#include "fixtures.hpp"
#include "host/plugin_host.hpp"

namespace cohort::host {
namespace {

using test::fixture_dir;
using test::fixture_manifest;

class Loading : public ::testing::Test {
 protected:
  HostOptions options() {
    HostOptions o;
    o.data_dir = test::scratch_dir("loading");
    return o;
  }
  // The good plugin still answers: a refusal changed nothing.
  static void expect_good_works(PluginHost& host) {
    CallResult r = host.call("good.echo", R"({"still":"alive"})", CallContext{"app-1", "check", 1, "", 5000});
    EXPECT_EQ(r.status, CallStatus::Ok) << r.message;
    EXPECT_EQ(r.json, R"({"still":"alive"})");
  }
  static void expect_contains(const std::string& text, const std::string& part) {
    EXPECT_NE(text.find(part), std::string::npos) << "expected \"" << part << "\" in: " << text;
  }
};

TEST_F(Loading, GoodPluginLoadsFromManifestDirectoryOrLibrary) {
  {
    PluginHost host(options());
    LoadResult r = host.load(fixture_manifest("good"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.plugin_id, "org.example.good");
    EXPECT_EQ(host.plugin_for("good.echo"), "org.example.good");
    ASSERT_EQ(host.plugins().size(), 1u);
    EXPECT_EQ(host.plugins()[0].manifest.version, "1.2.3");
    EXPECT_EQ(host.plugins()[0].abi_major, 1u);
    // Descriptions come from the library even when the manifest lists names only.
    EXPECT_EQ(host.plugins()[0].manifest.operations[0].description, "returns its arguments");
    expect_good_works(host);
  }
  {
    PluginHost host(options());
    ASSERT_TRUE(host.load(fixture_dir("good")).ok);
    expect_good_works(host);
  }
  {
    PluginHost host(options());
    ASSERT_TRUE(host.load(fixture_dir("good") / "good.so").ok);
    expect_good_works(host);
  }
}

TEST_F(Loading, TutorialPluginLoadsAndGreets) {
  PluginHost host(options());
  LoadResult r = host.load(test::hello_dir());
  ASSERT_TRUE(r.ok) << r.error;
  CallResult c = host.call("hello.greet", "{}", CallContext{"app-9", "welcome", 1, "", 5000});
  ASSERT_EQ(c.status, CallStatus::Ok) << c.message;
  EXPECT_EQ(c.json, R"({"greeting":"hello, app-9","key":"app-9/welcome/1"})");
}

TEST_F(Loading, MissingFileIsRefusedNamingIt) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_dir("good") / "nowhere.so");
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "nowhere.so: no such file");

  r = host.load(fixture_manifest("missing"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.plugin_id, "org.example.missing");
  expect_contains(r.error, "missing.so: library file does not exist");
  expect_contains(r.error, "cohort_fixture_missing/plugin.json");
  expect_good_works(host);
}

TEST_F(Loading, TextFileNamedSoIsNotASharedObject) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("text"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "text.so: not a shared object: expected an ELF library, found a text file");
  expect_contains(r.error, "this is a text file");
  expect_good_works(host);
}

TEST_F(Loading, LibraryWithoutEntrySymbolIsRefused) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("no_entry"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "no_entry.so: missing entry symbol: expected an exported \"cohort_plugin_entry\"");
  expect_contains(r.error, "found none");
  expect_good_works(host);
}

// The ABI fixtures abort() in every function: passing these tests proves nothing was called.
TEST_F(Loading, DifferentAbiMajorIsRefusedBeforeAnyCall) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("abi_major"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "abi_major.so: incompatible plugin ABI: expected major 1 (engine ABI 1.0), found 2.0");
  expect_good_works(host);
}

TEST_F(Loading, NewerAbiMinorIsRefusedBeforeAnyCall) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("abi_minor"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "abi_minor.so: plugin ABI 1.99 is newer than the engine's 1.0: expected minor <= 0, found 99");
  expect_good_works(host);
}

TEST_F(Loading, ManifestIdDifferentFromDescriptorIsRefused) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("id_mismatch"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "id_mismatch.so: plugin id differs from the manifest: expected \"org.example.expected\"");
  expect_contains(r.error, "found \"org.example.actual\"");
  EXPECT_FALSE(host.plugin_for("idm.run"));
  expect_good_works(host);
}

TEST_F(Loading, ManifestOperationsDifferentFromDescriptorAreRefused) {
  PluginHost host(options());
  LoadResult r = host.load(fixture_manifest("ops_mismatch"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "operations differ from the manifest: expected [ops.extra, ops.run]");
  expect_contains(r.error, "found [ops.run]");
}

TEST_F(Loading, SideEffectFlagsMustAgreeWithTheManifest) {
  PluginHost host(options());
  LoadResult r = host.load(fixture_manifest("effects_mismatch"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "effects_mismatch.so: operations with side effects differ from the manifest: expected "
                           "[fxm.send]");
  expect_contains(r.error, "the library flags none (COHORT_OPERATION_EFFECTS)");
  EXPECT_FALSE(host.plugin_for("fxm.send"));

  LoadResult ok = host.load(fixture_manifest("effects"));
  ASSERT_TRUE(ok.ok) << ok.error;
  for (const auto& p : host.plugins())
    for (const auto& op : p.manifest.operations) EXPECT_EQ(op.effects, op.name == "effects.deliver") << op.name;
}

TEST_F(Loading, InitFailureIsRefusedWithThePluginsMessage) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("init_fails"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "init_fails.so: plugin \"org.example.init-fails\" init failed (error): missing api_key in config");
  EXPECT_FALSE(host.plugin_for("initf.run"));
  expect_good_works(host);
}

TEST_F(Loading, ConfigurationIsCheckedAgainstTheManifestSchema) {
  {
    HostOptions o = options();
    PluginHost host(o);
    LoadResult r = host.load(fixture_manifest("config"));  // no config at all: api_key is required
    EXPECT_FALSE(r.ok);
    expect_contains(r.error, "configuration of plugin \"org.example.config\" does not match its config_schema");
    expect_contains(r.error, "\"required\"");
  }
  {
    HostOptions o = options();
    o.config["org.example.config"] = R"({"api_key":"short"})";
    PluginHost host(o);
    LoadResult r = host.load(fixture_manifest("config"));
    EXPECT_FALSE(r.ok);
    expect_contains(r.error, "at #/api_key the \"minLength\" rule");
  }
  {
    HostOptions o = options();
    o.config["org.example.config"] = R"(["not", "an", "object"])";
    PluginHost host(o);
    LoadResult r = host.load(fixture_manifest("config"));
    EXPECT_FALSE(r.ok);
    expect_contains(r.error, "must be a JSON object, found an array");
  }
  {
    HostOptions o = options();
    o.config["org.example.config"] = R"({"api_key":"0123456789","retries":3})";
    PluginHost host(o);
    LoadResult r = host.load(fixture_manifest("config"));
    ASSERT_TRUE(r.ok) << r.error;
    // The plugin reads exactly the configuration it was given.
    CallResult c = host.call("config.get", "{}", CallContext{"i", "s", 1, "", 5000});
    EXPECT_EQ(c.json, R"({"api_key":"0123456789","retries":3})");
  }
}

TEST_F(Loading, SecondPluginOfferingATakenOperationIsRefusedNamingBoth) {
  PluginHost host(options());
  ASSERT_TRUE(host.load(fixture_manifest("good")).ok);
  LoadResult r = host.load(fixture_manifest("conflict"));
  EXPECT_FALSE(r.ok);
  expect_contains(r.error, "operation \"good.echo\" of plugin \"org.example.conflict\" is already offered by plugin "
                           "\"org.example.good\"");
  EXPECT_EQ(host.plugin_for("good.echo"), "org.example.good");
  expect_good_works(host);

  LoadResult again = host.load(fixture_manifest("good"));
  EXPECT_FALSE(again.ok);
  expect_contains(again.error, "plugin \"org.example.good\" is already loaded");
}

TEST_F(Loading, LoadAllLoadsTheGoodAndReportsTheBad) {
  PluginHost host(options());
  auto results = host.load_all({std::filesystem::path(COHORT_BINARY_DIR) / "tests/host/fixtures"});
  std::size_t ok = 0, refused = 0;
  for (const auto& r : results) (r.ok ? ok : refused)++;
  // Sorted by directory: "conflict" comes before "good" and takes good.echo, so good is the one refused.
  EXPECT_EQ(ok, 3u);
  EXPECT_EQ(refused, 11u);
  EXPECT_EQ(host.plugin_for("good.echo"), "org.example.conflict");
  EXPECT_TRUE(host.plugin_for("bad.throw"));
}

}  // namespace
}  // namespace cohort::host
