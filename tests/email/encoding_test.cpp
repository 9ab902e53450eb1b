// The byte-level pieces of a message: what a mail reader decodes must be what was meant.
#include <gtest/gtest.h>

#include "details/dates.hpp"
#include "details/encoding.hpp"
#include "message_id.hpp"
#include "mime_message.hpp"

using namespace cohort_email;

TEST(EmailEncoding, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(details::base64(""), "");
  EXPECT_EQ(details::base64("f"), "Zg==");
  EXPECT_EQ(details::base64("fo"), "Zm8=");
  EXPECT_EQ(details::base64("foo"), "Zm9v");
  EXPECT_EQ(details::base64("foobar"), "Zm9vYmFy");
  const std::string wrapped = details::base64(std::string(100, 'x'), 76);
  EXPECT_EQ(wrapped.find("\r\n"), 76u);
}

TEST(EmailEncoding, QuotedPrintableKeepsLinesShortAndEscapesWhatMustBe) {
  const std::string text = "Caf\xC3\xA9 = 1 \r\n" + std::string(200, 'a') + "\r\n.hidden dot\r\nFrom here";
  const std::string qp = details::quoted_printable(text);
  std::size_t start = 0;
  while (start < qp.size()) {
    auto end = qp.find("\r\n", start);
    if (end == std::string::npos) end = qp.size();
    EXPECT_LE(end - start, 76u) << qp.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_NE(qp.find("Caf=C3=A9 =3D 1=20\r\n"), std::string::npos) << qp;  // trailing space escaped
  EXPECT_NE(qp.find("\r\n=2Ehidden dot"), std::string::npos) << qp;       // a leading dot survives relays
  EXPECT_NE(qp.find("\r\n=46rom here"), std::string::npos) << qp;         // and "From " survives mbox files
}

TEST(EmailEncoding, EncodedWordsNeverSplitACharacter) {
  const std::string chinese = "\xE5\xBD\x95\xE5\x8F\x96\xE9\x80\x9A\xE7\x9F\xA5";  // 录取通知
  std::string subject;
  for (int i = 0; i < 10; ++i) subject += chinese;
  const std::string words = details::encoded_words(subject);
  // Each word is at most 64 characters and the header line stays within 76 after "Subject: ".
  std::size_t start = 0;
  int count = 0;
  while (start < words.size()) {
    auto end = words.find("\r\n ", start);
    if (end == std::string::npos) end = words.size();
    const std::string word = words.substr(start, end - start);
    EXPECT_LE(word.size(), 64u);
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    ++count;
    start = end + 3;
  }
  EXPECT_GT(count, 1);
  // 39 bytes per word: 13 whole three-byte characters fit in one word, 16 need two.
  EXPECT_EQ(details::encoded_words(std::string(chinese) + chinese + chinese).find("\r\n"), std::string::npos);
  EXPECT_EQ(details::encoded_words(std::string(chinese) + chinese + chinese + chinese).find("\r\n"), 64u);
}

TEST(EmailEncoding, DisplayNamesAreQuotedOrEncoded) {
  EXPECT_EQ(details::display_name("Smith, \"Jo\""), "\"Smith, \\\"Jo\\\"\"");
  EXPECT_EQ(details::display_name("\xD8\xB9\xD9\x84\xD9\x8A").rfind("=?UTF-8?B?", 0), 0u);  // علي
  EXPECT_EQ(details::rfc2231_value("Lettre d'invitation \xC3\xA9.pdf"), "UTF-8''Lettre%20d%27invitation%20%C3%A9.pdf");
}

TEST(EmailEncoding, DatesFollowRfc5322WithTheGivenOffset) {
  std::string out;
  ASSERT_TRUE(details::rfc5322_date("2025-01-06T10:00:00+08:00", out));
  EXPECT_EQ(out, "Mon, 06 Jan 2025 10:00:00 +0800");
  ASSERT_TRUE(details::rfc5322_date("2024-02-29T23:59:59.250Z", out));
  EXPECT_EQ(out, "Thu, 29 Feb 2024 23:59:59 +0000");
  ASSERT_TRUE(details::rfc5322_date("2025-03-21T18:00:00-05:30", out));
  EXPECT_EQ(out, "Fri, 21 Mar 2025 18:00:00 -0530");
  EXPECT_FALSE(details::rfc5322_date("2025-01-06T10:00:00", out));  // no offset: no instant
  EXPECT_FALSE(details::rfc5322_date("06/01/2025", out));
  EXPECT_FALSE(details::rfc5322_date("2025-01-06T10:00+08:00", out));  // the header names a second
  EXPECT_FALSE(details::rfc5322_date("2025-02-30T10:00:00Z", out));    // no such day
  ASSERT_TRUE(details::rfc5322_date("2016-12-31T23:59:60Z", out));      // a leap second
  EXPECT_EQ(out, "Sat, 31 Dec 2016 23:59:59 +0000");
  EXPECT_EQ(details::rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(details::rfc5322_date(-1), "Wed, 31 Dec 1969 23:59:59 +0000");
}

TEST(EmailMessageId, EveryAttemptOfACallIsTheSameMail) {
  MessageIdentity first, retry, other;
  ASSERT_TRUE(message_identity("GLC-2025-A0042/7/1", "tongji.example.org", first));
  ASSERT_TRUE(message_identity("GLC-2025-A0042/7/3", "tongji.example.org", retry));
  ASSERT_TRUE(message_identity("GLC-2025-A0042/8/1", "tongji.example.org", other));
  EXPECT_EQ(first.message_id, "<GLC-2025-A0042.7@tongji.example.org>");
  EXPECT_EQ(first.name, "GLC-2025-A0042.7");
  EXPECT_EQ(first.call, "GLC-2025-A0042/7");
  EXPECT_EQ(retry.message_id, first.message_id);
  EXPECT_NE(other.message_id, first.message_id);
  EXPECT_FALSE(message_identity("", "x.org", other));
}

TEST(EmailMessageId, NamesAreSafeAndDistinct) {
  MessageIdentity a, b, c;
  ASSERT_TRUE(message_identity("a.b/1/1", "x.org", a));
  ASSERT_TRUE(message_identity("a/b.1/1", "x.org", b));
  ASSERT_TRUE(message_identity("../../etc/passwd/1/1", "x.org", c));
  EXPECT_NE(a.name, b.name);
  EXPECT_EQ(c.name.find('/'), std::string::npos);
  EXPECT_NE(c.name.rfind("..", 0), 0u);
  MessageIdentity long_one;
  ASSERT_TRUE(message_identity(std::string(500, 'x') + "/1/1", "x.org", long_one));
  EXPECT_LE(long_one.name.size(), 120u);
}

TEST(EmailMime, TheSameMessageAlwaysGivesTheSameBytes) {
  MailMessage m;
  m.from = {"Tongji University", "glc@tongji.example.org"};
  m.to = {"\xE6\x9D\x8E\xE6\x98\x8E", "li.ming@mail.example.org"};  // 李明
  m.subject = "Offer\r\nBcc: someone@evil.example";                  // a line break cannot add a header
  m.body = "Hello\nWorld\n";
  m.date = "Mon, 06 Jan 2025 10:00:00 +0800";
  m.message_id = "<A.1@tongji.example.org>";
  const std::string text = compose(m);
  EXPECT_EQ(text, compose(m));
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(text.find("Subject: Offer  Bcc: someone@evil.example\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: =?UTF-8?B?5p2O5piO?= <li.ming@mail.example.org>\r\n"), std::string::npos) << text;
}
