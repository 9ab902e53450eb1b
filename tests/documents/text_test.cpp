// The small pieces a wrong document would come from: cleaning names, dates, placeholders and
// the exact text of the certificate argument.
#include <gtest/gtest.h>

#include "details/json_span.hpp"
#include "details/text.hpp"
#include "placeholders.hpp"

namespace cd = cohort_documents;

TEST(DocumentText, CleanValueDropsControlAndBidiOverrideCharacters) {
  // A right-to-left override inside a name would print the rest of the line backwards.
  EXPECT_EQ(cd::details::clean_value("Ann\u202Eevil\u202C Lee"), "Annevil Lee");
  EXPECT_EQ(cd::details::clean_value("line\nbreak\ttab"), "line break tab");
  EXPECT_EQ(cd::details::clean_value("Nguyễn Thị Minh Khai"), "Nguyễn Thị Minh Khai");
  EXPECT_EQ(cd::details::clean_value("محمد عبد الله"), "محمد عبد الله");
}

TEST(DocumentText, DetectsRightToLeftText) {
  EXPECT_TRUE(cd::details::has_rtl("محمد"));
  EXPECT_TRUE(cd::details::has_rtl("Ahmed محمد"));
  EXPECT_FALSE(cd::details::has_rtl("王小明 Сергей Nguyễn"));
}

TEST(DocumentText, FormatsDatesForPeople) {
  EXPECT_EQ(cd::details::format_date("2025-03-10T09:00:00+08:00", true), "10 March 2025");
  EXPECT_EQ(cd::details::format_date("2024-02-29", true), "29 February 2024");
  EXPECT_EQ(cd::details::format_date("2025-03-10T09:00:00+08:00", false), "2025-03-10");
  EXPECT_EQ(cd::details::format_date("2023-02-29", true), "2023-02-29");  // not a date: as written
  EXPECT_EQ(cd::details::format_date("next spring", true), "next spring");
}

TEST(DocumentText, AcceptsOnlyIsoTimestampsAsCreationDates) {
  EXPECT_TRUE(cd::details::is_iso_timestamp("2025-03-21"));
  EXPECT_TRUE(cd::details::is_iso_timestamp("2025-03-21T18:00:00+08:00"));
  EXPECT_TRUE(cd::details::is_iso_timestamp("2025-03-21T18:00:00.250Z"));
  EXPECT_TRUE(cd::details::is_iso_timestamp("2025-03-21T18:00"));
  EXPECT_FALSE(cd::details::is_iso_timestamp("21/03/2025"));
  EXPECT_FALSE(cd::details::is_iso_timestamp("2025-03-21T25:00:00Z"));
  EXPECT_FALSE(cd::details::is_iso_timestamp("2025-03-21T18:00:00+0800"));
}

TEST(DocumentText, NormalisesTimestampsToTheFormCairoWritesCorrectly) {
  EXPECT_EQ(cd::details::pdf_timestamp("2025-03-29T10:00:00.123Z"), "2025-03-29T10:00:00Z");
  EXPECT_EQ(cd::details::pdf_timestamp("2025-03-29T10:00+05:30"), "2025-03-29T10:00:00+05:30");
  EXPECT_EQ(cd::details::pdf_timestamp("2025-03-29"), "2025-03-29T00:00:00Z");
  EXPECT_EQ(cd::details::pdf_timestamp("2025-03-29T10:00:00"), "2025-03-29T10:00:00Z");
  EXPECT_EQ(cd::details::pdf_timestamp("2025-03-29T10:00:00-03:00"), "2025-03-29T10:00:00-03:00");
  EXPECT_EQ(cd::details::pdf_timestamp("soon"), "");
}

TEST(DocumentText, FormatsHours) {
  EXPECT_EQ(cd::details::format_number(56), "56");
  EXPECT_EQ(cd::details::format_number(56.5), "56.5");
  EXPECT_EQ(cd::details::format_number(7.25), "7.25");
}

TEST(DocumentPlaceholders, UnknownFieldsAndUnclosedBracesAreRefused) {
  std::string error;
  EXPECT_TRUE(cd::check_placeholders("Dear {{ name }}, no. {{number}} {{extra.room}}", error)) << error;
  EXPECT_FALSE(cd::check_placeholders("Dear {{nmae}}", error));
  EXPECT_NE(error.find("unknown field \"nmae\""), std::string::npos) << error;
  EXPECT_FALSE(cd::check_placeholders("Dear {{name", error));
  EXPECT_NE(error.find("not closed"), std::string::npos) << error;
  EXPECT_FALSE(cd::check_placeholders("{{extra.}}", error));
}

TEST(DocumentPlaceholders, SubstitutesAndIsolatesRightToLeftValuesInsideText) {
  cd::Fields f;
  f.values["name"] = "محمد";
  f.values["number"] = "GLC-1";
  // Inside a sentence the Arabic name is isolated (FSI ... PDI) so it cannot reorder "GLC-1".
  EXPECT_EQ(cd::substitute("{{name}} holds {{number}}", f), "\u2068محمد\u2069 holds GLC-1");
  // Alone on its line it needs no isolation.
  EXPECT_EQ(cd::substitute("{{name}}", f), "محمد");
  EXPECT_EQ(cd::substitute("{{ position }}!", f), "!");
}

TEST(DocumentJsonSpan, GivesTheMemberTextExactlyAsWritten) {
  const std::string json =
      "{\"a\": 1, \"certificate\" :  {\"x\": 56.0, \"s\": \"}\\\"{\", \"n\": [1, {\"y\": null}]} , \"z\": true}";
  std::string_view value;
  ASSERT_TRUE(cd::details::member_text(json, "certificate", value));
  EXPECT_EQ(value, "{\"x\": 56.0, \"s\": \"}\\\"{\", \"n\": [1, {\"y\": null}]}");
  ASSERT_TRUE(cd::details::member_text(json, "z", value));
  EXPECT_EQ(value, "true");
  EXPECT_FALSE(cd::details::member_text(json, "x", value));  // nested keys are not members
  EXPECT_FALSE(cd::details::member_text("{}", "a", value));
}

TEST(DocumentPlaceholders, ATextWhosePlaceholdersAreAllEmptyIsDropped) {
  cd::DocumentTemplate t;
  t.body = {{cd::Style::Paragraph, "Contact: {{host_contact_email}}", {}},
            {cd::Style::Paragraph, "Dear {{name}}, {{position}}", {}},
            {cd::Style::Paragraph, "Fixed text", {}},
            {cd::Style::Paragraph, {}, {{"Dates", "{{start_date}} – {{end_date}}"}}}};
  cd::Fields f;
  f.values["name"] = "Ann";
  const auto r = cd::resolve(t, f);
  EXPECT_EQ(r.body[0].text, "");
  EXPECT_EQ(r.body[1].text, "Dear Ann, ");
  EXPECT_EQ(r.body[2].text, "Fixed text");
  EXPECT_EQ(r.body[3].details[0].value, "");
}
