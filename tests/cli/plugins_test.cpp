// `cohort plugins list` and `cohort plugins inspect`: finding out what a plugin offers
// and why one would be refused, without running anything.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "cli_support.hpp"

using namespace cohort;
using namespace cohort::test;

namespace {

const char* const kRulesOperations[] = {"rules.check_eligibility", "rules.select", "rules.replace", "rules.attendance",
                                        "rules.certificate_number"};

/// The listed plugin with `id`, or null.
const Value* listed_plugin(const Value& listing, const std::string& id) {
  for (const auto& p : listing["plugins"].as_list())
    if (p["plugin"]["id"] == Value(id)) return &p;
  return nullptr;
}

}  // namespace

TEST(PluginsList, TextNamesEachPluginWithItsOperations) {
  auto r = run_cohort({"plugins", "list", "--plugin-dir", kPlugins.string()});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  bool found = false;
  for (const auto& line : lines_of(r.out)) {
    if (line.rfind("org.cohort.programme-rules", 0) != 0) continue;
    found = true;
    for (const char* op : kRulesOperations) EXPECT_TRUE(contains(line, op)) << line;
  }
  EXPECT_TRUE(found) << r.out;
  EXPECT_TRUE(contains(r.out, "org.cohort.audit")) << r.out;
}

TEST(PluginsList, JsonParsesAndDescribesTheRulesPlugin) {
  auto r = run_cohort({"plugins", "list", "--json", "--plugin-dir", kPlugins.string()});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const Value listing = parse_or_fail(r.out);
  ASSERT_TRUE(listing["plugins"].is_list()) << r.out;
  EXPECT_TRUE(listing["errors"].is_list() && listing["errors"].as_list().empty()) << r.out;
  const Value* rules = listed_plugin(listing, "org.cohort.programme-rules");
  ASSERT_NE(rules, nullptr) << r.out;
  EXPECT_EQ((*rules)["library_present"], Value(true));
  EXPECT_EQ((*rules)["abi_compatible"], Value(true));
  std::set<std::string> ops;
  for (const auto& op : (*rules)["plugin"]["operations"].as_list()) ops.insert(op["name"].as_string());
  for (const char* op : kRulesOperations) EXPECT_TRUE(ops.count(op)) << op;
  EXPECT_NE(listed_plugin(listing, "org.cohort.audit"), nullptr) << r.out;
  // One JSON document, one trailing newline: fit for a pipe into jq or a JSON Lines log.
  EXPECT_EQ(lines_of(r.out).size(), static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n'))) << "blank lines in the output";
}

TEST(PluginsList, WithoutADirectoryTheBuildsPluginsAreFound) {
  auto r = run_cohort({"plugins", "list", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_NE(listed_plugin(parse_or_fail(r.out), "org.cohort.programme-rules"), nullptr) << r.out;
}

TEST(PluginsList, ABrokenManifestIsAnErrorThatNamesIt) {
  const auto dir = scratch_dir();
  fs::create_directories(dir / "broken");
  write_file(dir / "broken" / "plugin.json", "{\"id\": 3\n");
  auto r = run_cohort({"plugins", "list", "--plugin-dir", dir.string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.out + r.err, (dir / "broken" / "plugin.json").string())) << r.transcript();
  auto json = run_cohort({"plugins", "list", "--json", "--plugin-dir", dir.string()});
  EXPECT_EQ(json.exit_code, 1) << json.transcript();
  const Value listing = parse_or_fail(json.out);
  ASSERT_TRUE(listing["errors"].is_list());
  EXPECT_EQ(listing["errors"].as_list().size(), 1u) << json.out;
}

TEST(PluginsList, ADirectoryThatDoesNotExistIsAUsageError) {
  const auto dir = scratch_dir();
  auto r = run_cohort({"plugins", "list", "--plugin-dir", (dir / "typo").string()});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "typo")) << r.err;
}

TEST(PluginsInspect, AGoodPluginIsLoadableAndListsItsOperations) {
  const auto library = (kRulesPlugin / "programme-rules.so").string();
  auto r = run_cohort({"plugins", "inspect", library});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_TRUE(contains(r.out, "org.cohort.programme-rules")) << r.out;
  EXPECT_TRUE(contains(r.out, "loadable")) << r.out;
  for (const char* op : kRulesOperations) EXPECT_TRUE(contains(r.out, op)) << op;

  // Its folder and its manifest name the same plugin.
  for (const auto& target : {kRulesPlugin.string(), (kRulesPlugin / "plugin.json").string()}) {
    auto j = run_cohort({"plugins", "inspect", target, "--json"});
    ASSERT_EQ(j.exit_code, 0) << j.transcript();
    const Value report = parse_or_fail(j.out);
    EXPECT_EQ(report["loadable"], Value(true)) << j.out;
    EXPECT_EQ(report["manifest"]["id"], Value("org.cohort.programme-rules")) << j.out;
  }
}

TEST(PluginsInspect, ATextFileNamedLikeALibraryIsRefusedWithAReasonNamingIt) {
  const auto dir = scratch_dir();
  const auto fake = (dir / "x.so").string();
  write_file(fake, "hello, I am not a library\n");
  auto r = run_cohort({"plugins", "inspect", fake});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.out, "refused")) << r.out;
  EXPECT_TRUE(contains(r.out, fake)) << r.out;

  // With a manifest beside it, the refusal is about the file itself.
  std::string manifest = read_file(kRulesPlugin / "plugin.json");
  const auto at = manifest.find("programme-rules.so");
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, std::string("programme-rules.so").size(), "x.so");
  write_file(dir / "plugin.json", manifest);
  auto j = run_cohort({"plugins", "inspect", fake, "--json"});
  EXPECT_EQ(j.exit_code, 1) << j.transcript();
  const Value report = parse_or_fail(j.out);
  EXPECT_EQ(report["loadable"], Value(false));
  ASSERT_TRUE(report["refusal"].is_string()) << j.out;
  EXPECT_TRUE(contains(report["refusal"].as_string(), fake)) << j.out;
  EXPECT_TRUE(contains(report["refusal"].as_string(), "not a shared object")) << j.out;
}

TEST(PluginsInspect, AMissingFileIsRefused) {
  const auto dir = scratch_dir();
  auto r = run_cohort({"plugins", "inspect", (dir / "nothing.so").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.out, "nothing.so")) << r.out;
  EXPECT_TRUE(contains(r.out, "no such file")) << r.out;
}
