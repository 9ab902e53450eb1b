#pragma once
/// @file cli_support.hpp
/// @brief Paths, scratch files and small parsers shared by the `cohort` CLI tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "subprocess.hpp"
#include "value/json.hpp"

namespace cohort::test {

namespace fs = std::filesystem;

inline const fs::path kRepo = fs::path(COHORT_TEST_DIR).parent_path();
inline const fs::path kWorkflows = kRepo / "workflows" / "default";
inline const fs::path kProgrammes = kRepo / "workflows" / "programmes";
inline const fs::path kPlugins = fs::path(COHORT_BINARY_DIR) / "plugins";
inline const fs::path kRulesPlugin = kPlugins / "programme-rules";
/// Adds `--plugin-dir` for each plugin the default workflows call (rules, eligibility,
/// visa, attendance, certificates, email, documents), and no other.
inline void add_workflow_plugins(std::vector<std::string>& args) {
  for (const char* name : {"programme-rules", "eligibility", "visa", "attendance", "certificates", "email", "documents"}) {
    args.push_back("--plugin-dir");
    args.push_back((kPlugins / name).string());
  }
}

/// @brief A fresh, empty folder for the running test (under the build tree).
inline fs::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "cli" /
                 (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

/// @brief Parses JSON, failing the test (with the text) when it is not JSON.
inline Value parse_or_fail(const std::string& text) {
  Value v;
  JsonError err;
  EXPECT_TRUE(parse_json(text, v, err)) << err.message << " at " << err.where.line << ":" << err.where.column
                                        << " in:\n"
                                        << text;
  return v;
}

/// @brief `text` as a regular expression that matches exactly it.
inline std::string regex_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace cohort::test
