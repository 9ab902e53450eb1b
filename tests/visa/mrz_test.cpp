// ICAO 9303 TD3 machine-readable zones: the Part 4 specimen, each check digit corrupted in
// turn, malformed lines, and comparison with what the participant typed.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "mrz.hpp"

using namespace cohort_visa;

namespace {

const std::string kLine1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kLine2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

std::vector<std::string> failed_checks(const Td3& m) {
  std::vector<std::string> out;
  for (const auto& c : m.check_digits)
    if (!c.ok) out.push_back(c.field);
  return out;
}

// The specimen with one character of line 2 replaced.
Td3 with_line2_char(std::size_t pos, char c) {
  std::string l2 = kLine2;
  l2[pos] = c;
  return parse_td3(kLine1 + "\n" + l2);
}

const Mismatch* mismatch(const std::vector<Mismatch>& all, const std::string& field) {
  auto it = std::find_if(all.begin(), all.end(), [&](const Mismatch& m) { return m.field == field; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace

TEST(MrzCheckDigit, Weights731OverDigitsLettersAndFillers) {
  EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
  EXPECT_EQ(mrz_check_digit("740812"), 2);
  EXPECT_EQ(mrz_check_digit("120415"), 9);
  EXPECT_EQ(mrz_check_digit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(mrz_check_digit("<<<<<<<<<<<<<<"), 0);
  EXPECT_EQ(mrz_check_digit("A"), 0);  // 10 x 7 = 70
  EXPECT_EQ(mrz_check_digit("Z"), 5);  // 35 x 7 = 245
  EXPECT_EQ(mrz_check_digit("abc"), -1);
}

TEST(Td3, TheIcaoSpecimenParsesAndEveryCheckDigitHolds) {
  const Td3 m = parse_td3(kLine1 + "\n" + kLine2);
  EXPECT_TRUE(m.valid()) << (m.problems.empty() ? "" : m.problems[0].reason);
  EXPECT_EQ(m.document_code, "P");
  EXPECT_EQ(m.issuing_state, "UTO");
  EXPECT_EQ(m.surname, "ERIKSSON");
  EXPECT_EQ(m.given_names, "ANNA MARIA");
  EXPECT_FALSE(m.name_may_be_truncated);
  EXPECT_EQ(m.document_number, "L898902C3");
  EXPECT_EQ(m.nationality, "UTO");
  EXPECT_EQ(format_date(*m.birth_date), "1974-08-12");
  EXPECT_EQ(m.sex, "F");
  EXPECT_EQ(format_date(*m.expiry), "2012-04-15");
  EXPECT_EQ(m.optional_data, "ZE184226B");
  ASSERT_EQ(m.check_digits.size(), 5u);
  for (const auto& c : m.check_digits) EXPECT_TRUE(c.ok) << c.field;
}

TEST(Td3, SurroundingSpacesCarriageReturnsAndOneLongLineAreAccepted) {
  EXPECT_TRUE(parse_td3("  " + kLine1 + "\r\n" + kLine2 + "  \n").valid());
  EXPECT_TRUE(parse_td3(kLine1 + kLine2).valid());
}

TEST(Td3, AWrongDocumentNumberCheckDigitAlsoBreaksTheComposite) {
  const Td3 m = with_line2_char(9, '7');
  EXPECT_FALSE(m.valid());
  EXPECT_EQ(failed_checks(m), (std::vector<std::string>{"document_number", "composite"}));
  EXPECT_EQ(m.problems[0].reason, "check digit of the document number is 6 but the MRZ has '7'");
}

TEST(Td3, AWrongBirthDateCheckDigitIsCaught) {
  EXPECT_EQ(failed_checks(with_line2_char(19, '3')), (std::vector<std::string>{"birth_date", "composite"}));
}

TEST(Td3, AWrongExpiryCheckDigitIsCaught) {
  EXPECT_EQ(failed_checks(with_line2_char(27, '0')), (std::vector<std::string>{"expiry", "composite"}));
}

TEST(Td3, AWrongOptionalDataCheckDigitIsCaught) {
  EXPECT_EQ(failed_checks(with_line2_char(42, '2')), (std::vector<std::string>{"optional_data", "composite"}));
}

TEST(Td3, AWrongCompositeCheckDigitAloneIsCaught) {
  const Td3 m = with_line2_char(43, '1');
  EXPECT_EQ(failed_checks(m), (std::vector<std::string>{"composite"}));
  EXPECT_EQ(m.problems.size(), 1u);
}

TEST(Td3, AMisreadCharacterInAFieldFailsItsCheckDigit) {
  // 8 read as B in the document number: the field's own digit and the composite catch it.
  const Td3 m = with_line2_char(2, 'B');
  EXPECT_EQ(failed_checks(m), (std::vector<std::string>{"document_number", "composite"}));
  // A changed birth day (12 -> 13).
  EXPECT_EQ(failed_checks(with_line2_char(18, '3')), (std::vector<std::string>{"birth_date", "composite"}));
}

TEST(Td3, AnEmptyOptionalDataFieldMayHaveAFillerCheckDigit) {
  // Same passport without a personal number: optional data all '<', its check digit '<'.
  std::string l2 = "L898902C36UTO7408122F1204159" + std::string(15, '<') + "0";
  l2[43] = static_cast<char>('0' + mrz_check_digit(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22)));
  const Td3 m = parse_td3(kLine1 + "\n" + l2);
  EXPECT_TRUE(m.valid()) << (m.problems.empty() ? "" : m.problems[0].reason);
  EXPECT_EQ(m.optional_data, "");
}

TEST(Td3, MalformedInputIsReportedNotGuessed) {
  auto m = parse_td3(kLine1);
  ASSERT_FALSE(m.valid());
  EXPECT_EQ(m.problems[0].code, "format");
  EXPECT_NE(m.problems[0].reason.find("got 1 line"), std::string::npos);

  m = parse_td3(kLine1 + "\n" + kLine2.substr(0, 43));
  ASSERT_FALSE(m.valid());
  EXPECT_EQ(m.problems[0].reason, "line 2 has 43 characters; a passport MRZ line has 44");

  std::string l1 = kLine1;
  l1[0] = 'I';  // an identity card line
  m = parse_td3(l1 + "\n" + kLine2);
  ASSERT_FALSE(m.valid());
  EXPECT_EQ(m.problems[0].field, "document_code");

  m = with_line2_char(11, '#');
  EXPECT_FALSE(m.valid());
  EXPECT_NE(m.problems[0].reason.find("position 12: '#' is not an MRZ character"), std::string::npos);

  m = parse_td3(kLine1 + "\n" + std::string("L898902C36QQQ7408122F1204159ZE184226B<<<<<10"));
  EXPECT_TRUE(std::any_of(m.problems.begin(), m.problems.end(),
                          [](const MrzProblem& p) { return p.code == "unknown_code" && p.field == "nationality"; }));
}

TEST(Td3, BirthCenturyComesFromTheTypedDateOrFromTheExpiry) {
  // A child's passport: born 2019, expires 2029.
  std::string l2 = "AB1234567<KEN1906013M2906017<<<<<<<<<<<<<<<0";
  l2[9] = static_cast<char>('0' + mrz_check_digit(l2.substr(0, 9)));
  l2[19] = static_cast<char>('0' + mrz_check_digit(l2.substr(13, 6)));
  l2[27] = static_cast<char>('0' + mrz_check_digit(l2.substr(21, 6)));
  l2[43] = static_cast<char>('0' + mrz_check_digit(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22)));
  Td3 m = parse_td3("P<KENWANJIKU<<BARAKA<<<<<<<<<<<<<<<<<<<<<<<<\n" + l2);
  ASSERT_TRUE(m.valid()) << m.problems[0].reason;
  EXPECT_EQ(format_date(*m.birth_date), "2019-06-01");
  // The typed date of birth decides the century when its YYMMDD agrees.
  resolve_centuries(m, CivilDate{1919, 6, 1});
  EXPECT_EQ(format_date(*m.birth_date), "1919-06-01");
}

TEST(Td3Compare, TypedDataThatAgreesGivesNoMismatch) {
  const Td3 m = parse_td3(kLine1 + "\n" + kLine2);
  TypedPassport t;
  t.surname = "Eriksson";
  t.given_names = "Anna-Maria";
  t.number = "L898902C3";
  t.nationality = "UTO";
  t.birth_date = "1974-08-12";
  t.sex = "female";
  t.expires = "2012-04-15";
  t.issuing_country = "UTO";
  EXPECT_TRUE(compare(m, t).empty());
  TypedPassport full;
  full.full_name = "Anna Maria ERIKSSON";  // word order is free for a full name
  EXPECT_TRUE(compare(m, full).empty());
}

TEST(Td3Compare, EachTypedFieldThatDisagreesIsReported) {
  const Td3 m = parse_td3(kLine1 + "\n" + kLine2);
  TypedPassport t;
  t.full_name = "Anna Eriksson";
  t.number = "L898902C4";
  t.nationality = "SE";
  t.birth_date = "1974-08-21";
  t.sex = "M";
  t.expires = "2013-04-15";
  const auto all = compare(m, t);
  std::vector<std::string> fields;
  for (const auto& x : all) fields.push_back(x.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "number", "nationality", "birth_date", "sex", "expires"}));
  EXPECT_EQ(mismatch(all, "number")->reason, "passport number: the MRZ says L898902C3 but L898902C4 was typed");
  EXPECT_EQ(mismatch(all, "birth_date")->reason,
            "date of birth: the MRZ says 1974-08-12 but 1974-08-21 was typed");
  EXPECT_NE(mismatch(all, "nationality")->reason.find("UTO (Utopia"), std::string::npos);
  EXPECT_EQ(mismatch(all, "sex")->reason, "sex: the MRZ says F but M was typed");
}

TEST(Td3Compare, DiacriticsMatchEitherIcaoSpelling) {
  // A German passport: issuing state and nationality "D", surname with an umlaut written as UE.
  std::string l2 = "C01X00T47<D<<6408125F2702283<<<<<<<<<<<<<<<4";
  l2[9] = static_cast<char>('0' + mrz_check_digit(l2.substr(0, 9)));
  l2[19] = static_cast<char>('0' + mrz_check_digit(l2.substr(13, 6)));
  l2[27] = static_cast<char>('0' + mrz_check_digit(l2.substr(21, 6)));
  l2[43] = static_cast<char>('0' + mrz_check_digit(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22)));
  const Td3 m = parse_td3("P<D<<MUELLER<<JOSE<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + l2);
  ASSERT_TRUE(m.valid()) << m.problems[0].reason;
  TypedPassport t;
  t.surname = "Müller";
  t.given_names = "José";
  t.nationality = "DE";
  t.issuing_country = "DE";
  t.number = "C01X-00T47";
  EXPECT_TRUE(compare(m, t).empty());
  t.surname = "Miller";
  EXPECT_EQ(compare(m, t).size(), 1u);
}

TEST(Td3Compare, ATruncatedNameMatchesTheLongerTypedName) {
  // The name field holds 39 characters and is full to the end: the last given name is cut.
  const std::string l1 = "P<UTOVANDERBERGHE<MONTGOMERY<<CHRISTOPHER<AL";
  ASSERT_EQ(l1.size(), 44u);
  const Td3 m = parse_td3(l1 + "\n" + kLine2);
  EXPECT_TRUE(m.name_may_be_truncated);
  TypedPassport t;
  t.surname = "Vanderberghe Montgomery";
  t.given_names = "Christopher Alexander";
  EXPECT_TRUE(compare(m, t).empty());
  t.given_names = "Christopher Bernard";
  EXPECT_EQ(compare(m, t).size(), 1u);
  TypedPassport full;
  full.full_name = "Christopher Alexander Vanderberghe Montgomery";
  EXPECT_TRUE(compare(m, full).empty());
}
