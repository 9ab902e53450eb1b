// A certificate issued by the certificates plugin, printed by the documents plugin, scanned back
// from the PDF and checked with `cohort verify`: what a person holding the paper would do.
#include <gtest/gtest.h>

#include "host/plugin_host.hpp"
#include "tools.hpp"

using namespace documents_test;

namespace {

class CertificatePdfVerification : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs the tests of this fixture in parallel processes.
    data_ = fresh_dir(std::string("verify-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    cohort::host::HostOptions options;
    options.data_dir = data_;
    options.config["org.cohort.certificates"] = R"({"issuer": "Tongji University"})";
    host_ = std::make_unique<cohort::host::PluginHost>(options);
    for (const char* plugin : {"certificates", "documents"}) {
      auto loaded = host_->load(fs::path(COHORT_BINARY_DIR) / "plugins" / plugin);
      ASSERT_TRUE(loaded.ok) << loaded.error;
    }
  }

  cohort::host::CallResult call(const std::string& operation, const std::string& args) {
    cohort::host::CallContext ctx;
    ctx.instance = "GLC-2025-A0042";
    ctx.step = operation;
    ctx.timeout_ms = 60000;
    return host_->call(operation, args, ctx);
  }

  // Issues the certificate; returns the certificate file (relative to DIR) and its number.
  void issue(const std::string& name, std::string& file, std::string& number) {
    auto issued = call("certificates.issue", R"({"programme": {"id": "GLC-2025", "title": "International Green and Low Carbon Technology Training Program"},
        "certificate": {"prefix": "GLC-2025-", "digits": 4, "title": "Certificate of Completion"},
        "participant": {"id": "GLC-2025-A0042", "name": ")" + name + R"(", "state": "completed",
                        "attendance": {"rate": 0.95, "threshold": 0.8, "met": true}},
        "issued_at": "2025-03-29T10:00:00Z"})");
    ASSERT_TRUE(issued.ok()) << issued.message;
    rapidjson::Document d;
    d.Parse(issued.json.c_str());
    ASSERT_TRUE(d.IsObject()) << issued.json;
    file = d["files"]["certificate"].GetString();
    number = d["number"].GetString();
  }

  // What `cohort verify FILE --data-dir DIR` says; `status` is its exit code.
  std::string verify(const fs::path& file, int& status) {
    return run_tool({COHORT_CLI, "verify", file.string(), "--data-dir", data_.string()}, status);
  }

  fs::path data_;
  std::unique_ptr<cohort::host::PluginHost> host_;
};

std::string pdf_args(const std::string& name, const std::string& number, const std::string& certificate_member) {
  auto args = certificate_args(name, number, "{}", "2025-03-29T10:00:00Z");
  args.replace(args.find("\"certificate\":{}"), 16, certificate_member);
  return args;
}

}  // namespace

TEST_F(CertificatePdfVerification, TheScannedQrCodeIsACertificateCohortVerifyAccepts) {
  const std::string name = "Nguyễn Thị Minh Khai";
  std::string file, number;
  ASSERT_NO_FATAL_FAILURE(issue(name, file, number));

  // The workflow passes the file the certificates plugin reported.
  auto printed = call("documents.certificate", pdf_args(name, number, "\"certificate_file\":\"" + file + "\""));
  ASSERT_TRUE(printed.ok()) << printed.message;
  rapidjson::Document result;
  result.Parse(printed.json.c_str());
  const fs::path pdf = data_ / result["path"].GetString();
  EXPECT_NE(pdf_text(pdf).find(name), std::string::npos);
  EXPECT_EQ(result["pages"].GetInt(), 1);

  int status = 0;
  std::string scanned = decode_qr(pdf, status);
  ASSERT_EQ(status, 0) << "zbarimg found no QR code";
  ASSERT_FALSE(scanned.empty());
  ASSERT_EQ(scanned.back(), '\n');
  scanned.pop_back();  // zbarimg ends the symbol with a newline
  // Byte for byte the certificate the plugin signed (its file, without the final newline).
  auto original = read_file(data_ / file);
  while (!original.empty() && original.back() == '\n') original.pop_back();
  EXPECT_EQ(scanned, original);

  const auto saved = fresh_dir("verify-scan") / "scanned.json";
  write_file(saved, scanned);
  const auto out = verify(saved, status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("valid: " + number), std::string::npos) << out;
  EXPECT_NE(out.find(name), std::string::npos) << out;

  // A changed name no longer verifies: the check is real.
  auto forged = scanned;
  forged.replace(forged.find("Minh"), 4, "Mink");
  write_file(saved, forged);
  verify(saved, status);
  EXPECT_EQ(status, 1);
}

TEST_F(CertificatePdfVerification, TheCertificateGivenAsJsonIsCarriedAsGiven) {
  std::string file, number;
  ASSERT_NO_FATAL_FAILURE(issue("王小明", file, number));
  auto text = read_file(data_ / file);
  while (!text.empty() && text.back() == '\n') text.pop_back();

  auto printed = call("documents.certificate", pdf_args("王小明", number, "\"certificate\":" + text));
  ASSERT_TRUE(printed.ok()) << printed.message;
  rapidjson::Document result;
  result.Parse(printed.json.c_str());
  int status = 0;
  const auto scanned = decode_qr(data_ / result["path"].GetString(), status);
  ASSERT_EQ(status, 0);
  EXPECT_EQ(scanned, text + "\n");

  const auto saved = fresh_dir("verify-scan-json") / "scanned.json";
  write_file(saved, scanned);
  const auto out = verify(saved, status);
  EXPECT_EQ(status, 0) << out;
}

TEST_F(CertificatePdfVerification, ACertificateFileOutsideTheCertificatesFolderIsRefused) {
  std::string file, number;
  ASSERT_NO_FATAL_FAILURE(issue("Amina Wanjiru", file, number));
  // A link inside the folder that points elsewhere is refused as well as names that climb out.
  fs::create_symlink("/etc/hostname", data_ / "certificates" / "link.json");
  for (const std::string bad : {"certificates/../plugins/org.cohort.certificates/keys/GLC-2025.json", "/etc/passwd",
                                "certificates/.hidden.json", "certificates/link.json", "certificates/missing.json",
                                "plugins/org.cohort.certificates/keys/GLC-2025.json"}) {
    auto printed = call("documents.certificate", pdf_args("Amina Wanjiru", number, "\"certificate_file\":\"" + bad + "\""));
    EXPECT_EQ(printed.status, cohort::host::CallStatus::InvalidArgument) << bad;
    EXPECT_NE(printed.message.find("certificate_file"), std::string::npos) << printed.message;
  }
  EXPECT_FALSE(fs::exists(data_ / "documents"));
}
