// Describing plugins without loading them (list), reading manifests, and inspecting files.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "fixtures.hpp"
#include "host/inspect.hpp"
#include "host/listing.hpp"
#include "host/manifest.hpp"

namespace cohort::host {
namespace {

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

TEST(Manifest, ReadsAllFieldsAndResolvesTheLibraryBesideIt) {
  Manifest m;
  std::string error;
  ASSERT_TRUE(read_manifest(test::fixture_manifest("config"), m, error)) << error;
  EXPECT_EQ(m.id, "org.example.config");
  EXPECT_EQ(m.abi_major, 1u);
  EXPECT_EQ(m.abi_minor, 0u);
  EXPECT_EQ(m.library, test::fixture_dir("config") / "config.so");
  ASSERT_EQ(m.operations.size(), 1u);
  EXPECT_EQ(m.operations[0].name, "config.get");
  EXPECT_NE(m.config_schema.find("\"api_key\""), std::string::npos);
  EXPECT_FALSE(m.operations[0].effects);
  ASSERT_TRUE(read_manifest(test::fixture_manifest("effects"), m, error)) << error;
  ASSERT_EQ(m.operations.size(), 2u);
  EXPECT_TRUE(m.operations[0].effects);
  EXPECT_FALSE(m.operations[1].effects);
}

TEST(Manifest, ErrorsNameTheFileAndWhatIsWrong) {
  auto dir = test::scratch_dir("manifest");
  Manifest m;
  std::string error;
  write(dir / "syntax.json", "{\n  \"id\": \"a.b\",\n  oops\n}");
  EXPECT_FALSE(read_manifest(dir / "syntax.json", m, error));
  EXPECT_NE(error.find("syntax.json:3:3: invalid JSON"), std::string::npos) << error;

  write(dir / "abi.json", R"({"id":"a.b","name":"n","version":"1.0.0","abi":1,"library":"x.so","operations":[]})");
  EXPECT_FALSE(read_manifest(dir / "abi.json", m, error));
  EXPECT_NE(error.find("abi.json: \"abi\" must be a string, found a number"), std::string::npos) << error;

  write(dir / "id.json", R"({"id":"noreverse","name":"n","version":"1","abi":"1.0","library":"x.so","operations":[]})");
  EXPECT_FALSE(read_manifest(dir / "id.json", m, error));
  EXPECT_NE(error.find("\"id\" must be reverse-DNS"), std::string::npos) << error;

  write(dir / "effects.json",
        R"({"id":"a.b","name":"n","version":"1","abi":"1.0","library":"x.so","operations":[{"name":"a.send","effects":"yes"}]})");
  EXPECT_FALSE(read_manifest(dir / "effects.json", m, error));
  EXPECT_NE(error.find("operations[0]: \"effects\" must be true or false, found \"yes\""), std::string::npos) << error;

  write(dir / "ops.json", R"({"id":"a.b","name":"n","version":"1","abi":"1.0","library":"x.so"})");
  EXPECT_FALSE(read_manifest(dir / "ops.json", m, error));
  EXPECT_NE(error.find("\"operations\" is required"), std::string::npos) << error;
}

TEST(Listing, DescribesPluginsFromManifestsWithoutLoadingThem) {
  // The ABI fixtures abort() when any function is called: listing them must not load them.
  PluginListing listing = list_plugins({std::filesystem::path(COHORT_BINARY_DIR) / "tests/host/fixtures"});
  EXPECT_TRUE(listing.errors.empty());
  ASSERT_EQ(listing.plugins.size(), 14u);
  const ListedPlugin* major = nullptr;
  const ListedPlugin* missing = nullptr;
  for (const auto& p : listing.plugins) {
    if (p.manifest.id == "org.example.abi-major") major = &p;
    if (p.manifest.id == "org.example.missing") missing = &p;
  }
  ASSERT_TRUE(major && missing);
  EXPECT_FALSE(major->abi_compatible);
  EXPECT_TRUE(major->library_present);
  EXPECT_FALSE(missing->library_present);

  std::string text = render_text(listing);
  EXPECT_NE(text.find("org.example.good"), std::string::npos) << text;
  EXPECT_NE(text.find("good.echo, good.context"), std::string::npos) << text;
  EXPECT_NE(text.find("effects.deliver (side effects), effects.count"), std::string::npos) << text;
  EXPECT_NE(text.find("[incompatible ABI, engine is 1.0]"), std::string::npos) << text;
  EXPECT_NE(text.find("[library missing:"), std::string::npos) << text;

  std::string json = render_json(listing);
  EXPECT_NE(json.find("\"id\": \"org.example.good\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"abi_compatible\": false"), std::string::npos) << json;
}

TEST(Listing, BrokenManifestsAreReportedNotFatal) {
  auto dir = test::scratch_dir("listing");
  write(dir / "broken" / "plugin.json", "{");
  write(dir / "fine" / "plugin.json",
        R"({"id":"org.x.fine","name":"Fine","version":"2.0.0","abi":"1.0","library":"fine.so","operations":["fine.run"]})");
  PluginListing listing = list_plugins({dir, dir / "does-not-exist"});
  ASSERT_EQ(listing.plugins.size(), 1u);
  EXPECT_EQ(listing.plugins[0].manifest.id, "org.x.fine");
  ASSERT_EQ(listing.errors.size(), 1u);
  EXPECT_NE(listing.errors[0].find("broken/plugin.json:1:2: invalid JSON"), std::string::npos) << listing.errors[0];
  EXPECT_NE(render_text(listing).find("error: "), std::string::npos);
}

TEST(Inspect, GoodPluginIsLoadableAndDescribed) {
  HostOptions o;
  o.data_dir = test::scratch_dir("inspect");
  InspectReport r = inspect(test::fixture_dir("good") / "good.so", o);
  EXPECT_TRUE(r.loadable) << r.refusal;
  ASSERT_TRUE(r.abi);
  EXPECT_EQ(r.abi->major, 1u);
  ASSERT_TRUE(r.descriptor);
  EXPECT_EQ(r.descriptor->id, "org.example.good");
  EXPECT_EQ(r.descriptor->operations.size(), 6u);
  std::string text = render_text(r);
  EXPECT_NE(text.find("status       loadable"), std::string::npos) << text;
  EXPECT_NE(text.find("good.echo  returns its arguments"), std::string::npos) << text;
  EXPECT_NE(render_json(r).find("\"loadable\": true"), std::string::npos);
}

TEST(Inspect, RefusedPluginShowsWhatWasFoundAndWhy) {
  InspectReport r = inspect(test::fixture_manifest("abi_major"));
  EXPECT_FALSE(r.loadable);
  ASSERT_TRUE(r.abi);
  EXPECT_EQ(r.abi->major, 2u);
  EXPECT_FALSE(r.descriptor);  // nothing of an incompatible library is called
  ASSERT_TRUE(r.manifest);
  EXPECT_EQ(r.manifest->id, "org.example.abi-major");
  EXPECT_NE(r.refusal.find("incompatible plugin ABI"), std::string::npos);
  std::string text = render_text(r);
  EXPECT_NE(text.find("status       refused: "), std::string::npos) << text;
  EXPECT_NE(text.find("abi          2.0.0"), std::string::npos) << text;

  InspectReport id = inspect(test::fixture_manifest("id_mismatch"));
  EXPECT_FALSE(id.loadable);
  ASSERT_TRUE(id.descriptor && id.manifest);
  EXPECT_EQ(id.descriptor->id, "org.example.actual");
  EXPECT_EQ(id.manifest->id, "org.example.expected");
  EXPECT_NE(render_json(id).find("\"refusal\": \""), std::string::npos);
}

}  // namespace
}  // namespace cohort::host
