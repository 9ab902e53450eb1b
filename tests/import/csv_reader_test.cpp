// CSV as spreadsheets write it: every shape a programme office's file may come in.
#include <gtest/gtest.h>

#include "import/csv_reader.hpp"

using cohort::import::CsvReader;
using cohort::import::CsvRecord;

namespace {

std::vector<CsvRecord> all(std::string_view text, char sep = 0) {
  CsvReader r(text, sep);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST(CsvReader, SkipsAByteOrderMarkAndReadsCrlfRows) {
  CsvReader r("\xEF\xBB\xBFname,email\r\nAna,ana@example.org\r\n");
  EXPECT_TRUE(r.had_bom());
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields, (Fields{"name", "email"}));  // no BOM glued to the first header
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields, (Fields{"Ana", "ana@example.org"}));
  EXPECT_EQ(rec.row, 2u);
  EXPECT_FALSE(r.next(rec));
}

TEST(CsvReader, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks) {
  auto recs = all("name,employer,motivation\n"
                  "\"Wanjiru, Grace\",\"PT \"\"Energi\"\" Nusantara\",\"line one\nline two\r\nline three\"\n"
                  "Ana,,\"\"\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields, (Fields{"Wanjiru, Grace", "PT \"Energi\" Nusantara", "line one\nline two\r\nline three"}));
  EXPECT_TRUE(recs[1].error.empty());
  // The next record starts three lines further down, and is still the spreadsheet's row 3.
  EXPECT_EQ(recs[2].row, 3u);
  EXPECT_EQ(recs[2].line, 5u);
  EXPECT_EQ(recs[2].fields, (Fields{"Ana", "", ""}));
}

TEST(CsvReader, AnEmptyTrailingLineAndAMissingFinalNewlineAreBothFine) {
  auto with = all("a,b\n1,2\n\n");
  ASSERT_EQ(with.size(), 3u);
  EXPECT_TRUE(with[2].blank());
  auto without = all("a,b\r\n1,2");
  ASSERT_EQ(without.size(), 2u);
  EXPECT_EQ(without[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, ReportsMalformedQuotingWithItsField) {
  auto recs = all("a,b,c\n1,\"two\"x,3\n4,5,\"never closed\n6,7,8\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_NE(recs[1].error.find("after the closing quote"), std::string::npos) << recs[1].error;
  EXPECT_EQ(recs[1].error_field, 2u);
  EXPECT_NE(recs[2].error.find("not closed"), std::string::npos) << recs[2].error;
  EXPECT_EQ(recs[2].error_field, 3u);
}

TEST(CsvReader, RefusesBytesThatAreNotUtf8) {
  auto recs = all("name,country\nJos\xE9,FR\n");  // Latin-1 é: the file was not saved as UTF-8
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_NE(recs[1].error.find("UTF-8"), std::string::npos);
  EXPECT_EQ(recs[1].error_field, 1u);
  auto ok = all("name,country\nJos\xC3\xA9 \xE6\x9D\x8E,FR\n");  // é and a CJK character
  EXPECT_TRUE(ok[1].error.empty());
  EXPECT_TRUE(cohort::import::valid_utf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(cohort::import::valid_utf8("\xC0\xAF"));  // overlong
  EXPECT_FALSE(cohort::import::valid_utf8("\xED\xA0\x80"));  // a surrogate
}

TEST(CsvReader, GuessesTheSemicolonsOfEuropeanSpreadsheets) {
  CsvReader r("name;email;years\n\"Dupont; Marie\";marie@example.fr;4,5\n");
  EXPECT_EQ(r.separator(), ';');
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields, (Fields{"Dupont; Marie", "marie@example.fr", "4,5"}));
}
