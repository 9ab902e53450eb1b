// The programme file's configuration of the plugin: defaults, overrides, and mistakes caught
// when the plugin loads rather than when the first letter is due.
#include <gtest/gtest.h>

#include "config.hpp"

namespace cd = cohort_documents;

TEST(DocumentConfig, EmptyConfigurationGivesTheEnglishDefaults) {
  cd::Config c;
  std::string error;
  ASSERT_TRUE(cd::parse_config("{}", c, error)) << error;
  EXPECT_EQ(c.invitation_letter.title, std::vector<std::string>{"INVITATION LETTER"});
  EXPECT_EQ(c.certificate.title, std::vector<std::string>{"CERTIFICATE OF COMPLETION"});
  EXPECT_TRUE(c.certificate.landscape);
  EXPECT_FALSE(c.invitation_letter.landscape);
  EXPECT_TRUE(c.long_dates);
  EXPECT_EQ(c.page, cd::PageSize::A4);
}

TEST(DocumentConfig, OverridesOnlyWhatItNames) {
  cd::Config c;
  std::string error;
  ASSERT_TRUE(cd::parse_config(R"({
    "page_size": "Letter", "date_format": "iso",
    "certificate": {
      "title": ["CERTIFICATE", "of attendance"],
      "body": ["{{name}} attended {{hours}} hours.", {"text": "{{name}}", "style": "headline"},
               {"details": [["No.", "{{number}}"], {"label": "Room", "value": "{{extra.room}}"}]}],
      "signatory": {"name": "Prof. Li Wei", "title": "Dean"}
    }
  })", c, error)) << error;
  EXPECT_EQ(c.page, cd::PageSize::Letter);
  EXPECT_FALSE(c.long_dates);
  ASSERT_EQ(c.certificate.title.size(), 2u);
  ASSERT_EQ(c.certificate.body.size(), 3u);
  EXPECT_EQ(c.certificate.body[1].style, cd::Style::Headline);
  ASSERT_EQ(c.certificate.body[2].details.size(), 2u);
  EXPECT_EQ(c.certificate.body[2].details[1].value, "{{extra.room}}");
  EXPECT_EQ(c.certificate.signatory.name, "Prof. Li Wei");
  EXPECT_EQ(c.certificate.signatory.organisation, "");
  // The letter keeps its defaults.
  EXPECT_EQ(c.invitation_letter.title, std::vector<std::string>{"INVITATION LETTER"});
}

TEST(DocumentConfig, AnUnknownFieldFailsAtLoadNamingWhere) {
  cd::Config c;
  std::string error;
  EXPECT_FALSE(cd::parse_config(R"({"certificate": {"body": ["ok {{name}}", "Dear {{full_name}}"]}})", c, error));
  EXPECT_NE(error.find("certificate.body[1]"), std::string::npos) << error;
  EXPECT_NE(error.find("full_name"), std::string::npos) << error;

  EXPECT_FALSE(cd::parse_config(R"({"invitation_letter": {"signatory": {"name": "{{signer}}"}}})", c, error));
  EXPECT_NE(error.find("invitation_letter.signatory.name"), std::string::npos) << error;
}

TEST(DocumentConfig, TyposAndWrongValuesAreRefused) {
  cd::Config c;
  std::string error;
  EXPECT_FALSE(cd::parse_config(R"({"certificat": {}})", c, error));
  EXPECT_NE(error.find("certificat: unknown key"), std::string::npos) << error;
  EXPECT_FALSE(cd::parse_config(R"({"certificate": {"orientation": "sideways"}})", c, error));
  EXPECT_NE(error.find("certificate.orientation"), std::string::npos) << error;
  EXPECT_FALSE(cd::parse_config(R"({"certificate": {"body": [{"text": "x", "style": "huge"}]}})", c, error));
  EXPECT_NE(error.find("certificate.body[0].style"), std::string::npos) << error;
  EXPECT_FALSE(cd::parse_config(R"({"certificate": {"body": [{"details": [["only a label"]]}]}})", c, error));
  EXPECT_FALSE(cd::parse_config("[1]", c, error));
  EXPECT_FALSE(cd::parse_config("{", c, error));
}
