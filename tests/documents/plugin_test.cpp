// The built documents.so loaded the way the engine loads it.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "host/plugin_host.hpp"
#include "tools.hpp"

using namespace documents_test;

namespace {

cohort::host::CallContext context(const std::string& step) {
  cohort::host::CallContext ctx;
  ctx.instance = "GLC-2025-A0001";
  ctx.step = step;
  ctx.timeout_ms = 60000;
  return ctx;
}

}  // namespace

TEST(DocumentsPlugin, MakesLettersAndCertificatesInTheRunsDocumentsFolder) {
  const auto data = fresh_dir("plugin");
  cohort::host::HostOptions options;
  options.data_dir = data;
  options.config["org.cohort.documents"] =
      R"({"date_format": "iso", "certificate": {"title": ["CERTIFICATE OF ATTENDANCE"]}})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "documents");
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(host.plugin_for("documents.certificate").value_or(""), "org.cohort.documents");

  auto letter = host.call("documents.invitation_letter", letter_args("Amina Wanjiru", "GLC-2025-L0001"),
                          context("letter"));
  ASSERT_TRUE(letter.ok()) << letter.message;
  const auto certificate = certificate_json("Amina Wanjiru", "GLC-2025-0001");
  auto cert = host.call("documents.certificate", certificate_args("Amina Wanjiru", "GLC-2025-0001", certificate),
                        context("certificate"));
  ASSERT_TRUE(cert.ok()) << cert.message;

  for (const auto* result : {&letter, &cert}) {
    rapidjson::Document d;
    d.Parse(result->json.c_str());
    ASSERT_TRUE(d.IsObject()) << result->json;
    const fs::path file = data / d["path"].GetString();
    ASSERT_TRUE(fs::is_regular_file(file)) << file;
    EXPECT_EQ(fs::file_size(file), d["bytes"].GetUint64());
    const auto text = pdf_text(file);
    EXPECT_NE(text.find("Amina Wanjiru"), std::string::npos) << text;
    if (result == &cert) {
      EXPECT_NE(text.find("CERTIFICATE OF ATTENDANCE"), std::string::npos) << text;
      EXPECT_NE(text.find("2025-03-21"), std::string::npos) << text;  // date_format iso
      int status = 0;
      EXPECT_EQ(decode_qr(file, status), certificate + "\n");
    }
  }

  // Bad arguments are the caller's mistake, with the reason.
  auto bad = host.call("documents.certificate", R"({"number": "GLC-2025-0002"})", context("bad"));
  EXPECT_EQ(bad.status, cohort::host::CallStatus::InvalidArgument);
  EXPECT_NE(bad.message.find("issued_at"), std::string::npos) << bad.message;
}

TEST(DocumentsPlugin, ATemplateWithAnUnknownFieldIsRefusedAtLoad) {
  cohort::host::HostOptions options;
  options.data_dir = fresh_dir("plugin-bad-config");
  options.config["org.cohort.documents"] = R"({"invitation_letter": {"body": ["Dear {{first_name}}"]}})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "documents");
  ASSERT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("invitation_letter.body[0]"), std::string::npos) << loaded.error;
  EXPECT_NE(loaded.error.find("first_name"), std::string::npos) << loaded.error;
  EXPECT_FALSE(host.plugin_for("documents.invitation_letter").has_value());
}

TEST(DocumentsPlugin, AConfigurationKeyTypoIsRefusedByTheManifestSchema) {
  cohort::host::HostOptions options;
  options.data_dir = fresh_dir("plugin-typo");
  options.config["org.cohort.documents"] = R"({"page_size": "A3"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "documents");
  ASSERT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("page_size"), std::string::npos) << loaded.error;
}

TEST(DocumentsPlugin, ConcurrentCallsEachGetTheirOwnDocument) {
  const auto data = fresh_dir("plugin-concurrent");
  cohort::host::HostOptions options;
  options.data_dir = data;
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "documents");
  ASSERT_TRUE(loaded.ok) << loaded.error;

  // Six participants, the last two with the same arguments (a retry racing the first try).
  const std::vector<std::string> names{"Amina Wanjiru", "王小明", "Сергей Петров", "Nguyễn Thị Minh Khai", "Ali Khan",
                                       "Ali Khan"};
  std::vector<cohort::host::CallResult> results(names.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] {
      const std::string number = "GLC-2025-" + std::to_string(100 + std::min<std::size_t>(i, 4));
      results[i] = host.call("documents.certificate",
                             certificate_args(names[i], number, certificate_json(names[i], number)),
                             context("certificate-" + std::to_string(i)));
    });
  }
  for (auto& t : threads) t.join();

  std::set<std::string> paths;
  for (std::size_t i = 0; i < names.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].message;
    rapidjson::Document d;
    d.Parse(results[i].json.c_str());
    const std::string path = d["path"].GetString();
    paths.insert(path);
    EXPECT_NE(pdf_text(data / path).find(names[i]), std::string::npos) << names[i];
  }
  EXPECT_EQ(paths.size(), 5u);
  EXPECT_EQ(results[4].json, results[5].json);
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(data / "documents"))
    if (e.is_regular_file()) ++files;
  EXPECT_EQ(files, 5u);
}
