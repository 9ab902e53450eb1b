// The text steps plugins use to compare what people typed with codes and names.
#include <gtest/gtest.h>

#include <cohort_plugin_common/text.hpp>

using namespace cohort_plugin_common;

TEST(Text, TrimsSpacesTabsAndLineBreaksOnBothEndsOnly) {
  EXPECT_EQ(trim("  Ghana \t\r\n"), "Ghana");
  EXPECT_EQ(trim("Côte d'Ivoire"), "Côte d'Ivoire");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Text, ChangesTheCaseOfAsciiLettersAndLeavesOtherBytes) {
  EXPECT_EQ(lower("MSc Physics"), "msc physics");
  EXPECT_EQ(upper("gh"), "GH");
  EXPECT_EQ(lower("ÉCOLE"), "École");  // É is two UTF-8 bytes and stays as it is
}

TEST(Text, JoinsWithTheSeparatorBetweenItems) {
  EXPECT_EQ(join({"DE", "FR", "IT"}), "DE, FR, IT");
  EXPECT_EQ(join({"one"}, "; "), "one");
  EXPECT_EQ(join({}, "; "), "");
}
