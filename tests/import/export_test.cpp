// The ministry's report: cells a spreadsheet reads back as written, and the counts.
#include <gtest/gtest.h>

#include "import/csv_writer.hpp"
#include "import/participant_export.hpp"

using namespace cohort::import;

TEST(CsvWriter, QuotesWhatNeedsQuotingAndDefusesFormulas) {
  EXPECT_EQ(csv_cell("Ana Lima"), "Ana Lima");
  EXPECT_EQ(csv_cell("Wanjiru, Grace"), "\"Wanjiru, Grace\"");
  EXPECT_EQ(csv_cell("PT \"Energi\""), "\"PT \"\"Energi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_line({"a", "", "b c"}), "a,,b c\r\n");
}

TEST(ParticipantExport, CountsPerCountrySectorGenderAndState) {
  std::vector<ParticipantRow> rows = {
      {"A1", "Ana", "BO", "ngo", "X", "female", "certified"},
      {"A2", "Bo", "BO", "government", "Y", "male", "certified"},
      {"A3", "Cy", "KE", "government", "Z", "female", "completed"},
      {"A4", "Di", "", "", "", "", "certified"},
  };
  auto s = summarize(rows);
  EXPECT_EQ(s.total, 4u);
  EXPECT_EQ(s.by_country.at("BO"), 2u);
  EXPECT_EQ(s.by_country.at("unknown"), 1u);
  EXPECT_EQ(s.by_sector.at("government"), 2u);
  EXPECT_EQ(s.by_gender.at("female"), 2u);
  EXPECT_EQ(s.by_state.at("certified"), 3u);
  const std::string csv = summary_csv(s);
  EXPECT_EQ(csv.rfind("dimension,value,count\r\ntotal,,4\r\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("country,BO,2\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("sector,government,2\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("gender,male,1\r\n"), std::string::npos) << csv;
  auto json = summary_json(s);
  EXPECT_EQ(json["by_gender"]["female"].as_int(), 2);
  EXPECT_EQ(rows_csv(rows).rfind("id,name,country,sector,employer,gender,state\r\nA1,Ana,BO,ngo,X,female,certified\r\n", 0),
            0u);
}
