// An applicants file read: who is imported, and for each skipped row where and why.
#include <gtest/gtest.h>

#include "import/applicant_columns.hpp"
#include "import/applicant_file.hpp"
#include "import/application_events.hpp"
#include "value/time.hpp"

using namespace cohort::import;
using cohort::Value;

namespace {

const std::string kHeader =
    "Name,E-mail,Country,Gender,Date of birth,Degree,Years of experience,Sector,Employer,Documents,Languages\n";

const RowProblem* problem_at(const ApplicantFile& f, std::size_t row) {
  for (const auto& p : f.problems)
    if (p.row == row) return &p;
  return nullptr;
}

}  // namespace

TEST(ApplicantFile, ReadsAProfileInTheShapeTheParticipantWorkflowReads) {
  auto f = read_applicants(kHeader +
                               "\"Wanjiru, Grace\",Grace.W@Example.org,ke,F,1988-04-23,Master,8,Government,"
                               "Ministry of Energy,\"passport; CV | degree certificate\",EN;sw\n",
                           "GLC-2025");
  ASSERT_TRUE(f.ok);
  ASSERT_EQ(f.applicants.size(), 1u);
  const auto& a = f.applicants[0];
  EXPECT_EQ(a.row, 2u);
  const Value& p = a.profile;
  EXPECT_EQ(p["name"].as_string(), "Wanjiru, Grace");
  EXPECT_EQ(p["email"].as_string(), "Grace.W@Example.org");
  EXPECT_EQ(p["nationality"].as_string(), "KE");
  EXPECT_EQ(p["gender"].as_string(), "female");
  EXPECT_EQ(p["birth_date"].as_string(), "1988-04-23");
  EXPECT_EQ(p["degree"].as_string(), "master");
  EXPECT_EQ(p["years_experience"].as_number(), 8);
  EXPECT_EQ(p["employer_type"].as_string(), "government");
  EXPECT_EQ(p["employer"].as_string(), "Ministry of Energy");
  ASSERT_EQ(p["documents"].as_list().size(), 3u);
  EXPECT_EQ(p["documents"].as_list()[2].as_string(), "degree_certificate");
  EXPECT_EQ(p["languages"].as_list()[0].as_string(), "en");
  // Without an id column, the id comes from the email, whatever its case.
  EXPECT_EQ(a.id, applicant_id_for_email("GLC-2025", "grace.w@example.org"));
  EXPECT_EQ(a.id.rfind("GLC-2025-I", 0), 0u);
}

TEST(ApplicantFile, SkipsEachBadRowWithItsRowColumnAndReasonAndKeepsTheRest) {
  auto f = read_applicants(kHeader +
                               "Ana Lima,ana@example.org,BO,female,1990-05-01,bachelor,5,ngo,X,passport,es\n"  // 2 ok
                               ",nobody@example.org,KE,,,,,,,,\n"                                               // 3
                               "Bad Date,bd@example.org,KE,male,1990-02-30,bachelor,5,ngo,X,,\n"               // 4
                               "Bad Country,bc@example.org,XX,male,1990-02-01,bachelor,5,ngo,X,,\n"            // 5
                               "Bad Mail,not-an-email,KE,male,1990-02-01,bachelor,5,ngo,X,,\n"                 // 6
                               "Bad Degree,deg@example.org,KE,male,1990-02-01,PhD candidate,5,ngo,X,,\n"       // 7
                               "Too Many,tm@example.org,KE,male,1990-02-01,bachelor,5,ngo,X,,,extra\n"         // 8
                               "Ana Again,ANA@example.org,BO,female,1990-05-01,bachelor,5,ngo,X,,\n"           // 9
                               "Li Wei,li.wei@example.cn,CN,male,1987-12-12,doctorate,\"10,5\",university,Tongji,,zh\n",
                           "GLC-2025");
  ASSERT_TRUE(f.ok);
  EXPECT_EQ(f.rows, 9u);
  EXPECT_EQ(f.skipped_rows, 7u);
  ASSERT_EQ(f.applicants.size(), 2u);
  EXPECT_EQ(f.applicants[0].profile["name"].as_string(), "Ana Lima");
  EXPECT_EQ(f.applicants[1].profile["name"].as_string(), "Li Wei");
  EXPECT_EQ(f.applicants[1].profile["years_experience"].as_number(), 10.5);

  struct Want {
    std::size_t row;
    const char* column;
    std::size_t index;
    const char* reason;
  };
  const Want wants[] = {{3, "Name", 1, "required value name is empty"},
                        {4, "Date of birth", 5, "bad date '1990-02-30'"},
                        {5, "Country", 3, "unknown country code 'XX'"},
                        {6, "E-mail", 2, "'not-an-email' is not an email address"},
                        {7, "Degree", 6, "unknown degree 'PhD candidate'"},
                        {8, "", 0, "the row has 12 cells but the header has 11"},
                        {9, "", 0, "the same email as row 2"}};
  for (const auto& w : wants) {
    const RowProblem* p = problem_at(f, w.row);
    ASSERT_NE(p, nullptr) << "row " << w.row;
    EXPECT_EQ(p->column, w.column) << p->describe();
    EXPECT_EQ(p->column_index, w.index) << p->describe();
    EXPECT_NE(p->reason.find(w.reason), std::string::npos) << p->describe();
  }
  EXPECT_EQ(problem_at(f, 4)->describe().rfind("row 4, column \"Date of birth\" (5): bad date", 0), 0u);
}

TEST(ApplicantFile, AMissingRequiredColumnStopsTheWholeFile) {
  auto f = read_applicants("name,country\nAna,BO\n", "GLC-2025");
  EXPECT_FALSE(f.ok);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_NE(f.errors[0].find("required column email is missing"), std::string::npos) << f.errors[0];
  EXPECT_TRUE(f.applicants.empty());

  auto twice = read_applicants("name,email,country,nationality\n", "GLC-2025");
  EXPECT_FALSE(twice.ok);
  EXPECT_NE(twice.errors[0].find("both give nationality"), std::string::npos) << twice.errors[0];

  auto empty = read_applicants("\xEF\xBB\xBF\r\n\r\n", "GLC-2025");
  EXPECT_FALSE(empty.ok);
}

TEST(ApplicantFile, AnIdColumnNamesTheApplicantAndUnknownColumnsAreOnlyWarnedAbout) {
  auto f = read_applicants("applicant id,name,email,nationality,favourite colour\nGLC-2025-A0042,Ana,ana@example.org,BO,"
                           "blue\nbad id!,Bo,bo@example.org,BO,red\n",
                           "GLC-2025");
  ASSERT_TRUE(f.ok);
  ASSERT_EQ(f.applicants.size(), 1u);
  EXPECT_EQ(f.applicants[0].id, "GLC-2025-A0042");
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_NE(f.warnings[0].find("favourite colour"), std::string::npos);
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].column, "applicant id");
}

TEST(ApplicationEvents, AreTheTwoEventsAPortalSendsWithStableIds) {
  auto f = read_applicants("name,email,nationality,submitted_at\n"
                           "Late,late@example.org,KE,2024-11-22T09:00:00+08:00\n"
                           "Early,early@example.org,VN,2024-11-20\n"
                           "Undated,undated@example.org,BO,\n",
                           "GLC-2025");
  ASSERT_EQ(f.applicants.size(), 3u);
  const auto at = *cohort::parse_iso_datetime("2024-11-21T00:00:00Z");
  auto events = application_events(f.applicants, "GLC-2025", at);
  ASSERT_EQ(events.size(), 6u);
  // In time order: Early (20th), Undated (21st, the default), Late (22nd).
  EXPECT_EQ(events[0].subject, f.applicants[1].id);
  EXPECT_EQ(events[2].subject, f.applicants[2].id);
  EXPECT_EQ(events[4].subject, f.applicants[0].id);
  EXPECT_EQ(events[2].time, at);
  for (std::size_t i = 0; i < events.size(); i += 2) {
    const auto& started = events[i];
    const auto& submitted = events[i + 1];
    EXPECT_EQ(started.type, "application.started");
    EXPECT_EQ(submitted.type, "application.submitted");
    EXPECT_EQ(started.source, "/import/GLC-2025");
    EXPECT_EQ(started.id, started.subject + "/started");
    EXPECT_EQ(submitted.id, started.subject + "/submitted");
    EXPECT_EQ(started.data["programme"].as_string(), "GLC-2025");
    EXPECT_EQ(started.data["channel"].as_string(), "import");
    EXPECT_EQ(started.data["nationality"], submitted.data["applicant"]["nationality"]);
    EXPECT_TRUE(submitted.has_time);
  }
  // The same file gives the same events: a second import is recognised as already done.
  auto again = application_events(read_applicants("name,email,nationality,submitted_at\n"
                                                  "Late,LATE@example.org,KE,2024-11-22T09:00:00+08:00\n",
                                                  "GLC-2025")
                                      .applicants,
                                  "GLC-2025", at);
  EXPECT_EQ(again[0].id, events[4].id);
  EXPECT_EQ(again[0].source, events[4].source);
}
