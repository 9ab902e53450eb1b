// Any change to any field of a certificate or of its credential, however small, must make
// verification fail: every leaf is changed in turn, and every member removed.
#include <gtest/gtest.h>

#include <rapidjson/pointer.h>

#include <string>
#include <vector>

#include "certificates_support.hpp"
#include "credential/did_key.hpp"
#include "credential/document_signature.hpp"
#include "credential/verification.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort_certificates::CertificateOffice;
namespace cred = cohort::credentials;

// JSON pointers of every leaf (strings, numbers, booleans) of a document.
void leaves(const rapidjson::Value& v, const std::string& at, std::vector<std::string>& out) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) leaves(m.value, at + "/" + m.name.GetString(), out);
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) leaves(v[i], at + "/" + std::to_string(i), out);
  } else {
    out.push_back(at);
  }
}

// Members of every object, as (object pointer, member name).
void members(const rapidjson::Value& v, const std::string& at, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      out.emplace_back(at, m.name.GetString());
      members(m.value, at + "/" + m.name.GetString(), out);
    }
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) members(v[i], at + "/" + std::to_string(i), out);
  }
}

rapidjson::Value* at(rapidjson::Document& doc, const std::string& pointer) {
  return rapidjson::Pointer(pointer.c_str()).Get(doc);
}

// The smallest change of a leaf: one character of a string, one unit of a number.
void change(rapidjson::Value& v, rapidjson::Document::AllocatorType& a) {
  if (v.IsString()) {
    std::string s(v.GetString(), v.GetStringLength());
    if (s.empty()) s = "x";
    else s.back() = s.back() == 'A' ? 'B' : 'A';  // stays in the base58 alphabet for keys and signatures
    v.SetString(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), a);
  } else if (v.IsInt64()) {
    v.SetInt64(v.GetInt64() + 1);
  } else if (v.IsNumber()) {
    v.SetDouble(v.GetDouble() + 0.001);
  } else if (v.IsBool()) {
    v.SetBool(!v.GetBool());
  }
}

void expect_every_change_detected(const fs::path& file, const fs::path& dir) {
  auto original = read_json(file);
  ASSERT_TRUE(cred::verify_certificate_document(original, dir).valid());

  std::vector<std::string> pointers;
  leaves(original, "", pointers);
  ASSERT_GT(pointers.size(), 15u);
  for (const auto& p : pointers) {
    rapidjson::Document copy;
    copy.CopyFrom(original, copy.GetAllocator());
    change(*at(copy, p), copy.GetAllocator());
    auto report = cred::verify_certificate_document(copy, dir);
    EXPECT_EQ(report.verdict, cred::Verdict::Invalid) << file.filename() << ": changing " << p << " was not noticed";
    EXPECT_FALSE(report.reason.empty());
  }

  std::vector<std::pair<std::string, std::string>> names;
  members(original, "", names);
  for (const auto& [object, name] : names) {
    rapidjson::Document copy;
    copy.CopyFrom(original, copy.GetAllocator());
    auto* target = object.empty() ? static_cast<rapidjson::Value*>(&copy) : at(copy, object);
    target->RemoveMember(name.c_str());
    // vc-di-eddsa: a proof without @context takes the document's, so dropping the copy
    // changes no signed byte (the proof options are hashed with the same @context).
    const auto expected = object == "/proof" && name == "@context" ? cred::Verdict::Valid : cred::Verdict::Invalid;
    EXPECT_EQ(cred::verify_certificate_document(copy, dir).verdict, expected)
        << file.filename() << ": removing " << object << "/" << name;
  }

  rapidjson::Document added;
  added.CopyFrom(original, added.GetAllocator());
  added.AddMember("honours", "summa cum laude", added.GetAllocator());
  EXPECT_EQ(cred::verify_certificate_document(added, dir).verdict, cred::Verdict::Invalid) << "an added member";
}

class Tamper : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fresh_dir("tamper");
    CertificateOffice office(office_options(root_));
    auto out = office.issue(completed("GLC-2025-A0042", "Nguyễn Thị Lan"));
    ASSERT_TRUE(out.ok()) << out.message;
    // A reissued version carries the reissue block too, so its fields are covered as well.
    ASSERT_TRUE(office.reissue({"GLC-2025-0001", "Nguyễn Thị Lan Anh", "name correction", "2025-04-10T08:00:00Z"}).ok());
    dir_ = root_ / "run" / "certificates";
  }
  fs::path root_, dir_;
};

TEST_F(Tamper, EveryChangedFieldOfTheCertificateFailsVerification) {
  expect_every_change_detected(dir_ / "GLC-2025-0001.json", dir_);
}

TEST_F(Tamper, EveryChangedFieldOfTheOpenBadgeCredentialFailsVerification) {
  expect_every_change_detected(dir_ / "GLC-2025-0001.credential.json", dir_);
}

TEST_F(Tamper, ACertificateReSignedWithAnotherKeyFailsAgainstThePublishedKey) {
  // A forger changes the name and signs again with their own key: the file is consistent,
  // but the programme publishes another key.
  auto doc = read_json(dir_ / "GLC-2025-0001.json");
  auto forger = cred::SigningKey::generate();
  auto& a = doc.GetAllocator();
  doc.RemoveMember("signature");
  doc["holder"]["name"].SetString("Somebody Else", a);
  auto did = cohort::credentials::did_key(forger.public_key());
  doc["issuer"]["id"].SetString(did.c_str(), a);
  std::string error;
  ASSERT_TRUE(cred::sign_document(doc, forger, error)) << error;
  auto report = cred::verify_certificate_document(doc, dir_);
  EXPECT_EQ(report.verdict, cred::Verdict::Invalid);
  EXPECT_NE(report.reason.find("publishes the key"), std::string::npos) << report.reason;
}

}  // namespace
