#pragma once
/// @file certificates_support.hpp
/// @brief Shared helpers of the certificates tests: fresh directories, a participant who
///        completed, an office, and JSON edits.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <rapidjson/document.h>

#include "certificate_office.hpp"
#include "credential/json_text.hpp"

namespace cohort::test::certificates {

namespace fs = std::filesystem;

/// @brief An empty directory under the build tree, named after the test: ctest runs tests
///        in parallel processes, so two tests of one fixture must not share it.
inline fs::path fresh_dir(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() : "no-test";
  auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "certificates" / test / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// @brief Office options for a run in `root` (root/run is DIR, root/data the plugin's own).
inline cohort_certificates::OfficeOptions office_options(const fs::path& root) {
  cohort_certificates::OfficeOptions o;
  o.run_dir = root / "run";
  o.data_dir = root / "data" / "plugins" / "org.cohort.certificates";
  o.default_issuer = "Tongji University";
  o.sync = false;  // durability is not what these tests look at
  return o;
}

/// @brief A GLC-2025 participant who completed with 11 of 12 weighted sessions.
inline cohort_certificates::IssueRequest completed(const std::string& id, const std::string& name) {
  cohort_certificates::IssueRequest r;
  r.programme_id = "GLC-2025";
  r.programme_title = "International Green and Low Carbon Technology Training Program";
  r.issuer_name = "Tongji University";
  r.prefix = "GLC-2025-";
  r.digits = 4;
  r.title = "Certificate of Completion: Green and Low Carbon Technology";
  r.holder = {id, name};
  r.state = "completed";
  r.attendance_rate = 11.0 / 12.0;
  r.attendance_threshold = 0.8;
  r.attendance_met = true;
  r.issued_at = "2025-03-29T10:00:00Z";
  return r;
}

/// @brief Reads a JSON file (fails the test when it cannot).
inline rapidjson::Document read_json(const fs::path& path) {
  rapidjson::Document doc;
  std::string error;
  EXPECT_TRUE(cohort::credentials::read_json_file(path, doc, error)) << error;
  return doc;
}

/// @brief Writes `text` to `path`.
inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

/// @brief The whole content of a file.
inline std::string read_text(const fs::path& path) {
  return cohort::credentials::read_text_file(path).value_or("");
}

}  // namespace cohort::test::certificates
