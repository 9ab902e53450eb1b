// `cohort import` and `cohort export` as a programme office uses them: the real binary,
// the real programme file and plugins, a data directory on disk.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../cli/subprocess.hpp"
#include "value/json.hpp"

namespace fs = std::filesystem;
using cohort::Value;
using cohort::test::Outcome;
using cohort::test::run_cohort;

namespace {

const fs::path kRepo = fs::path(COHORT_TEST_DIR).parent_path();
const std::string kProgramme = (kRepo / "workflows" / "programmes" / "glc-2025.json").string();

fs::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "import" /
                 (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

Value parse(const std::string& text) {
  Value v;
  cohort::JsonError err;
  EXPECT_TRUE(cohort::parse_json(text, v, err)) << err.message << " in:\n" << text;
  return v;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string kDocs = "passport;cv;degree_certificate;recommendation_letter;health_certificate";

// What a spreadsheet exported as "CSV UTF-8" looks like: a byte-order mark, CRLF, quoted
// cells with commas, doubled quotes and a line break, and an empty last line. Rows 2-6
// are good (Marie is French, which GLC-2025 does not take: she is imported, then found
// ineligible); rows 7-9 are bad.
const std::string kApplicants =
    "\xEF\xBB\xBF"
    "name,email,nationality,gender,birth_date,degree,years_experience,sector,employer,documents,languages,motivation,"
    "submitted_at\r\n"
    "\"Wanjiru, Grace\",grace@example.org,KE,female,1988-04-23,master,8,government,\"Ministry of Energy, Kenya\"," +
    kDocs + ",en;sw,\"I want to learn about \"\"green\"\" hydrogen.\r\nAnd storage.\",2024-11-20T10:00:00+08:00\r\n" +
    "Siti Rahma,siti@example.id,ID,female,1992-07-01,bachelor,6,state enterprise,PT Energi," + kDocs +
    ",en;id,,2024-11-21T09:00:00+07:00\r\n" +
    "Somchai Jaidee,somchai@example.th,TH,male,1985-03-15,doctorate,12,university,Chulalongkorn University," + kDocs +
    ",th;en,,2024-11-22\r\n" +
    "Ahmed Khan,ahmed@example.pk,PK,male,1990-01-10,master,7,research institute,PCSIR," + kDocs + ",ur;en,,2024-11-23\r\n" +
    "Marie Dupont,marie@example.fr,FR,female,1989-09-09,master,9,private company,EDF," + kDocs + ",fr;en,,2024-11-24\r\n" +
    "Bad Mail,bad@,KE,male,1990-01-01,master,5,ngo,X," + kDocs + ",en,,2024-11-24\r\n" +
    "Bad Date,bd@example.org,NG,male,1990-13-01,master,5,ngo,X," + kDocs + ",en,,2024-11-24\r\n" +
    "Bad Country,bc@example.org,ZZ,male,1990-01-01,master,5,ngo,X," + kDocs + ",en,,2024-11-24\r\n" + "\r\n";

Outcome import(const fs::path& csv, const fs::path& data, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"import", csv.string(), "--programme", kProgramme, "--data-dir", data.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cohort(args);
}

std::size_t participants(const fs::path& data) {
  auto r = run_cohort({"instances", "--data-dir", data.string(), "--definition", "participant", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  return parse(r.out)["instances"].as_list().size();
}

}  // namespace

TEST(ImportCommand, ImportsTheGoodRowsReportsEachBadOneAndNeverAddsAnyoneTwice) {
  const auto dir = scratch_dir();
  write_file(dir / "applicants.csv", kApplicants);
  auto first = import(dir / "applicants.csv", dir / "data");
  EXPECT_EQ(first.exit_code, 1) << first.transcript();  // some rows were bad
  EXPECT_TRUE(contains(first.out, "8 row(s) read: 5 applicant(s) imported into GLC-2025")) << first.transcript();
  EXPECT_TRUE(contains(first.out, "3 row(s) skipped")) << first.transcript();
  // Row 7 starts on line 8: Grace's motivation spans two lines.
  EXPECT_TRUE(contains(first.err, "row 7 (line 8), column \"email\" (2): 'bad@' is not an email address; row skipped"))
      << first.transcript();
  EXPECT_TRUE(contains(first.err, "row 8 (line 9), column \"birth_date\" (5): bad date '1990-13-01'"))
      << first.transcript();
  EXPECT_TRUE(contains(first.err, "row 9 (line 10), column \"nationality\" (3): unknown country code 'ZZ'"))
      << first.transcript();
  EXPECT_EQ(participants(dir / "data"), 5u);

  // The same file again: everyone is recognised, nobody is added or changed.
  auto second = import(dir / "applicants.csv", dir / "data", {"--json"});
  EXPECT_EQ(second.exit_code, 1) << second.transcript();
  Value report = parse(second.out);
  EXPECT_EQ(report["imported"].as_int(), 0) << second.out;
  EXPECT_EQ(report["already_imported"].as_int(), 5) << second.out;
  EXPECT_EQ(report["skipped_rows"].as_int(), 3) << second.out;
  ASSERT_EQ(report["problems"].as_list().size(), 3u);
  EXPECT_EQ(report["problems"].as_list()[0]["row"].as_int(), 7);
  EXPECT_EQ(report["problems"].as_list()[0]["column"].as_string(), "email");
  EXPECT_EQ(participants(dir / "data"), 5u);

  // A later list with one known person (another spelling of the email) and one new one.
  write_file(dir / "late.csv",
             "name,email,nationality,degree\nGrace Wanjiru,GRACE@Example.org,KE,master\nLe Thi Hoa,hoa@example.vn,"
             "LK,bachelor\n");
  auto third = import(dir / "late.csv", dir / "data", {"--at", "2024-12-01T10:00:00+08:00"});
  EXPECT_EQ(third.exit_code, 0) << third.transcript();
  EXPECT_TRUE(contains(third.out, "1 applicant(s) imported")) << third.transcript();
  EXPECT_TRUE(contains(third.out, "1 imported before")) << third.transcript();
  EXPECT_EQ(participants(dir / "data"), 6u);
}

TEST(ImportCommand, AFileWithoutARequiredColumnChangesNothing) {
  const auto dir = scratch_dir();
  write_file(dir / "applicants.csv", "name,country\nAna Lima,BO\n");
  auto r = import(dir / "applicants.csv", dir / "data");
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.err, "the required column email is missing")) << r.transcript();
  EXPECT_TRUE(contains(r.err, "nothing imported")) << r.transcript();
  EXPECT_FALSE(fs::exists(dir / "data" / "cohort.db"));
}

TEST(ImportCommand, ADryRunChecksAndImportsNothing) {
  const auto dir = scratch_dir();
  write_file(dir / "applicants.csv", kApplicants);
  auto r = import(dir / "applicants.csv", dir / "data", {"--dry-run"});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.out, "5 applicant(s) can be imported")) << r.transcript();
  EXPECT_TRUE(contains(r.err, "row 7 (line 8)")) << r.transcript();
  EXPECT_FALSE(fs::exists(dir / "data" / "cohort.db"));
}

TEST(ImportCommand, ShowsAProgressBarWhenAsked) {
  const auto dir = scratch_dir();
  std::string csv = "name,email,nationality,degree,years_experience,submitted_at\n";
  for (int i = 1; i <= 300; ++i)
    csv += "Applicant " + std::to_string(i) + ",a" + std::to_string(i) + "@example.org,KE,master,5,2024-11-20\n";
  write_file(dir / "applicants.csv", csv);
  auto r = import(dir / "applicants.csv", dir / "data", {"--progress"});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_TRUE(contains(r.err, "importing  [##############################] 100% 300/300")) << r.transcript();
  EXPECT_EQ(participants(dir / "data"), 300u);
  // Without --progress and with stderr not a terminal: no bar.
  auto quiet = import(dir / "applicants.csv", dir / "data");
  EXPECT_FALSE(contains(quiet.err, "[###")) << quiet.transcript();
}

TEST(ExportCommand, WritesTheParticipantsOfAStateAsCsvOrJsonAndCountsThem) {
  const auto dir = scratch_dir();
  write_file(dir / "applicants.csv", kApplicants);
  auto imported = import(dir / "applicants.csv", dir / "data");
  ASSERT_EQ(imported.exit_code, 1) << imported.transcript();
  const std::string data = (dir / "data").string();

  auto csv = run_cohort({"export", "--data-dir", data, "--state", "eligible", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.transcript();
  EXPECT_EQ(csv.out.rfind("id,name,country,sector,employer,gender,state\r\n", 0), 0u) << csv.out;
  EXPECT_TRUE(contains(csv.out, ",\"Wanjiru, Grace\",KE,government,\"Ministry of Energy, Kenya\",female,eligible\r\n"))
      << csv.out;
  EXPECT_TRUE(contains(csv.out, ",Ahmed Khan,PK,research institute,PCSIR,male,eligible\r\n")) << csv.out;
  EXPECT_FALSE(contains(csv.out, "Marie Dupont")) << csv.out;  // ineligible
  std::size_t lines = 0;
  for (char c : csv.out) lines += c == '\n';
  EXPECT_EQ(lines, 5u);  // header + 4

  auto json = run_cohort({"export", "--data-dir", data, "--state", "ineligible", "--format", "json",
                          "--programme", "GLC-2025"});
  ASSERT_EQ(json.exit_code, 0) << json.transcript();
  Value v = parse(json.out);
  ASSERT_EQ(v["count"].as_int(), 1);
  const Value& marie = v["participants"].as_list()[0];
  EXPECT_EQ(marie["name"].as_string(), "Marie Dupont");
  EXPECT_EQ(marie["country"].as_string(), "FR");
  EXPECT_EQ(marie["sector"].as_string(), "private company");
  EXPECT_EQ(marie["gender"].as_string(), "female");
  EXPECT_EQ(marie["state"].as_string(), "ineligible");

  auto summary = run_cohort({"export", "--data-dir", data, "--state", "eligible,ineligible", "--format", "json",
                             "--summary", "--programme", kProgramme});
  ASSERT_EQ(summary.exit_code, 0) << summary.transcript();
  Value s = parse(summary.out);
  EXPECT_EQ(s["total"].as_int(), 5);
  EXPECT_EQ(s["by_country"]["KE"].as_int(), 1);
  EXPECT_EQ(s["by_country"]["FR"].as_int(), 1);
  EXPECT_EQ(s["by_gender"]["female"].as_int(), 3);
  EXPECT_EQ(s["by_gender"]["male"].as_int(), 2);
  EXPECT_EQ(s["by_sector"]["government"].as_int(), 1);
  EXPECT_EQ(s["by_state"]["eligible"].as_int(), 4);
  EXPECT_EQ(s["by_state"]["ineligible"].as_int(), 1);

  auto summary_csv = run_cohort({"export", "--data-dir", data, "--summary"});
  ASSERT_EQ(summary_csv.exit_code, 0) << summary_csv.transcript();
  EXPECT_TRUE(contains(summary_csv.out, "total,,5\r\n")) << summary_csv.out;
  EXPECT_TRUE(contains(summary_csv.out, "gender,female,3\r\n")) << summary_csv.out;

  auto wrong = run_cohort({"export", "--data-dir", data, "--state", "certifed"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.transcript();
  EXPECT_TRUE(contains(wrong.err, "--state certifed is not a state of the participant workflow")) << wrong.transcript();
  auto other = run_cohort({"export", "--data-dir", data, "--programme", "ICT-2025"});
  EXPECT_EQ(other.exit_code, 1) << other.transcript();
  EXPECT_TRUE(contains(other.err, "holds programme GLC-2025, not ICT-2025")) << other.transcript();
}
