// ICAO nationality codes to ISO 3166-1 alpha-2: every state, and the codes that are not states.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "icao_countries.hpp"

using namespace cohort_visa;

TEST(IcaoCountries, StatesMapToTheirAlpha2) {
  EXPECT_EQ(icao_country("KEN")->alpha2, "KE");
  EXPECT_EQ(icao_country("IDN")->alpha2, "ID");
  EXPECT_EQ(icao_country("BOL")->alpha2, "BO");
  EXPECT_EQ(icao_country("CHN")->alpha2, "CN");
  EXPECT_EQ(icao_country("ZWE")->alpha2, "ZW");
  EXPECT_EQ(icao_country("ABW")->alpha2, "AW");
  EXPECT_EQ(icao_country("KEN")->kind, IcaoKind::State);
  EXPECT_EQ(icao_country("CIV")->name, "Côte d'Ivoire");
}

TEST(IcaoCountries, GermanyIsTheSingleLetterDWithFillers) {
  EXPECT_EQ(icao_country("D")->alpha2, "DE");
  EXPECT_EQ(icao_country("D<<")->alpha2, "DE");
  EXPECT_EQ(icao_country("DEU")->alpha2, "DE");
}

TEST(IcaoCountries, BritishStatusesAreAllGreatBritain) {
  for (const char* code : {"GBR", "GBD", "GBN", "GBO", "GBP", "GBS"}) {
    auto c = icao_country(code);
    ASSERT_TRUE(c) << code;
    EXPECT_EQ(c->alpha2, "GB") << code;
  }
  EXPECT_EQ(icao_country("GBN")->kind, IcaoKind::BritishStatus);
}

TEST(IcaoCountries, OrganisationsStatelessAndRefugeesHaveNoCountry) {
  for (const char* code : {"UNO", "UNA", "XXA", "XXB", "XXC", "XXX", "XPO", "EUE", "UTO"}) {
    auto c = icao_country(code);
    ASSERT_TRUE(c) << code;
    EXPECT_EQ(c->alpha2, "") << code;
  }
  EXPECT_EQ(icao_country("XXA")->kind, IcaoKind::Stateless);
  EXPECT_EQ(icao_country("XXB")->kind, IcaoKind::Refugee);
  EXPECT_EQ(icao_country("UNO")->kind, IcaoKind::Organisation);
  EXPECT_EQ(icao_country("UTO")->kind, IcaoKind::Specimen);
  EXPECT_EQ(icao_country("UNK")->alpha2, "XK");  // Kosovo, user-assigned
  EXPECT_EQ(icao_country("RKS")->kind, IcaoKind::UserAssigned);
}

TEST(IcaoCountries, UnknownCodesAreNotGuessed) {
  EXPECT_FALSE(icao_country("QQQ"));
  EXPECT_FALSE(icao_country("KE"));
  EXPECT_FALSE(icao_country(""));
  EXPECT_FALSE(icao_country("KENY"));
}

TEST(IcaoCountries, TheTableCoversAll249Iso3166Codes) {
  // Every alpha-2 that appears for an alpha-3 maps back to that alpha-3, once each.
  std::set<std::string> seen;
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string alpha2{a, b};
      const std::string alpha3 = icao_from_alpha2(alpha2);
      if (alpha3.empty()) continue;
      auto c = icao_country(alpha3);
      ASSERT_TRUE(c) << alpha2;
      EXPECT_EQ(c->alpha2, alpha2);
      EXPECT_TRUE(seen.insert(alpha3).second) << alpha3;
    }
  EXPECT_EQ(seen.size(), 249u);
}
