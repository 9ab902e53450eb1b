// Many callers issuing at once: every holder gets exactly one certificate, and the numbers
// are unique and without gaps (1..N), whether the callers share one office (the plugin's call
// threads) or use separate offices on the same directories (separate engine processes).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>
#include <vector>

#include "certificates_support.hpp"
#include "credential/verification.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort_certificates::CertificateOffice;
namespace cred = cohort::credentials;

constexpr int kThreads = 8;
constexpr int kPerThread = 15;

// Every certificate in the folder: number -> holder id, checking each one verifies.
std::map<std::int64_t, std::string> issued(const fs::path& dir) {
  std::map<std::int64_t, std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("GLC-2025-", 0) != 0 || name.find(".credential.") != std::string::npos ||
        name.size() != std::string("GLC-2025-0001.json").size())
      continue;
    auto report = cred::verify_certificate_file(entry.path(), dir);
    EXPECT_TRUE(report.valid()) << name << ": " << report.reason;
    EXPECT_TRUE(out.emplace(report.certificate.sequence, report.certificate.holder.id).second) << name;
    EXPECT_TRUE(fs::is_regular_file(dir / (report.certificate.number + ".credential.json"))) << name;
  }
  return out;
}

void expect_gap_free(const std::map<std::int64_t, std::string>& numbers, int holders) {
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(holders));
  std::int64_t expected = 1;
  std::set<std::string> seen;
  for (const auto& [sequence, holder] : numbers) {
    EXPECT_EQ(sequence, expected++);
    EXPECT_TRUE(seen.insert(holder).second) << holder << " got two certificates";
  }
}

TEST(ConcurrentIssue, ThreadsSharingOneOfficeGetUniqueGapFreeNumbers) {
  auto root = fresh_dir("concurrent-threads");
  CertificateOffice office(office_options(root));
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> numbers(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto id = "GLC-2025-A" + std::to_string(1000 + t * kPerThread + i);
        auto out = office.issue(completed(id, "Participant " + id));
        EXPECT_TRUE(out.ok()) << out.message;
        numbers[t].push_back(out.value.certificate.number);
      }
    });
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (const auto& list : numbers)
    for (const auto& n : list) EXPECT_TRUE(all.insert(n).second) << n << " was handed out twice";
  expect_gap_free(issued(root / "run" / "certificates"), kThreads * kPerThread);
}

TEST(ConcurrentIssue, SeparateOfficesOnTheSameDirectoriesGetUniqueGapFreeNumbers) {
  auto root = fresh_dir("concurrent-offices");
  std::vector<std::unique_ptr<CertificateOffice>> offices;
  for (int t = 0; t < kThreads; ++t) offices.push_back(std::make_unique<CertificateOffice>(office_options(root)));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto id = "GLC-2025-A" + std::to_string(2000 + t * kPerThread + i);
        auto out = offices[t]->issue(completed(id, "Participant " + id));
        EXPECT_TRUE(out.ok()) << out.message;
      }
    });
  for (auto& th : threads) th.join();
  expect_gap_free(issued(root / "run" / "certificates"), kThreads * kPerThread);
}

TEST(ConcurrentIssue, TheSameHolderAskingFromManyThreadsGetsOneCertificate) {
  auto root = fresh_dir("concurrent-same-holder");
  std::vector<std::unique_ptr<CertificateOffice>> offices;
  for (int t = 0; t < kThreads; ++t) offices.push_back(std::make_unique<CertificateOffice>(office_options(root)));
  std::vector<std::string> numbers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto out = offices[t]->issue(completed("GLC-2025-A0042", "Lan"));
      EXPECT_TRUE(out.ok()) << out.message;
      numbers[t] = out.value.certificate.number;
    });
  for (auto& th : threads) th.join();
  for (const auto& n : numbers) EXPECT_EQ(n, "GLC-2025-0001");
  expect_gap_free(issued(root / "run" / "certificates"), 1);
}

}  // namespace
