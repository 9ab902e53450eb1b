// Every tests/loader/bad/NAME.json is loaded (together with fixtures/programme_receiver.json,
// so that emits to "programme" are checked, and with a plugin catalog) and must produce exactly
// the diagnostics listed in NAME.expect, one formatted line each, in order.
// COHORT_UPDATE_EXPECT=1 rewrites the .expect files (review the diff before keeping it).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "loader/loader.hpp"

namespace {

namespace fs = std::filesystem;
using cohort::loader::Diagnostic;

const fs::path kDir = fs::path(COHORT_TEST_DIR) / "loader";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kDir / "bad"))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

class BadDefinition : public ::testing::TestWithParam<std::string> {};

TEST_P(BadDefinition, ReportsTheExpectedDiagnostics) {
  const std::string name = GetParam();
  cohort::loader::PluginCatalog catalog{"mail.send", "documents.render"};
  cohort::loader::LoadOptions options;
  options.plugins = &catalog;
  std::vector<Diagnostic> diagnostics;
  auto defs = cohort::loader::load_definition_texts(
      {{"bad/" + name + ".json", read(kDir / "bad" / (name + ".json"))},
       {"fixtures/programme_receiver.json", read(kDir / "fixtures" / "programme_receiver.json")}},
      options, diagnostics);

  ASSERT_EQ(defs.size(), 2u);
  EXPECT_EQ(defs[0], nullptr) << "a bad definition must not load";
  std::vector<std::string> got;
  for (const auto& d : diagnostics) got.push_back(d.format());

  const fs::path expect_file = kDir / "bad" / (name + ".expect");
  if (std::getenv("COHORT_UPDATE_EXPECT")) {
    std::ofstream out(expect_file, std::ios::binary);
    for (const auto& line : got) out << line << "\n";
  }
  ASSERT_TRUE(fs::exists(expect_file)) << "missing " << expect_file;
  EXPECT_EQ(got, lines(read(expect_file)));
  EXPECT_FALSE(got.empty());
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadDefinition, ::testing::ValuesIn(corpus()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
