// Outbox mode (the default): each message is an RFC 5322 file in RUN_DIR/outbox, once.
#include <gtest/gtest.h>

#include <fstream>

#include "support.hpp"

using namespace cohort_email;
using namespace email_test;

namespace {

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

}  // namespace

TEST(EmailOutbox, WritesOneReadableMessageNamedAfterItsMessageId) {
  const auto dir = fresh_dir("outbox");
  fs::create_directories(dir / "run" / "documents");
  const std::string pdf = std::string("%PDF-1.4\n") + '\0' + "\xFF\xFE binary" + std::string(3000, 'z');
  std::ofstream(dir / "run" / "documents" / "letter-A0042.pdf", std::ios::binary) << pdf;

  std::string error;
  auto mailer = Mailer::create(options(dir), error);
  ASSERT_NE(mailer, nullptr) << error;
  const std::string args = send_args(
      "invitation_letter", "fr", "Amina Yusuf", "amina.yusuf@mail.example.org", R"({"letter_number": "GLC-L-0042"})",
      R"(,"attachments":[{"path":"documents/letter-A0042.pdf","filename":"Lettre d'invitation.pdf","content_type":"application/pdf"}])");
  auto r = mailer->send(args, context("GLC-2025-A0042/7/1"));
  ASSERT_TRUE(r.is_ok()) << r.message;
  rapidjson::Document res;
  res.Parse(r.json.c_str());
  EXPECT_EQ(str(res, "message_id"), "<GLC-2025-A0042.7@tongji.example.org>");
  EXPECT_EQ(str(res, "delivery"), "outbox");
  EXPECT_EQ(str(res, "file"), "outbox/GLC-2025-A0042.7.eml");
  EXPECT_EQ(str(res, "language"), "fr");
  EXPECT_EQ(str(res, "kind"), "invitation_letter");
  EXPECT_EQ(str(res, "to"), "amina.yusuf@mail.example.org");
  EXPECT_EQ(res["attachments"].GetInt(), 1);

  const auto file = dir / "run" / "outbox" / "GLC-2025-A0042.7.eml";
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(files_in(dir / "run" / "outbox"), 1u);  // no temporary file left beside it
  auto mails = parse_mail(file);
  ASSERT_EQ(mails.Size(), 1u);
  const auto& m = mails[0];
  EXPECT_EQ(str(m, "subject"),
            "Lettre d'invitation GLC-L-0042 pour International Green and Low Carbon Technology Training Program");
  EXPECT_EQ(str(m, "message_id"), "<GLC-2025-A0042.7@tongji.example.org>");
  EXPECT_EQ(str(m, "date"), "Mon, 06 Jan 2025 10:00:00 +0800");
  EXPECT_EQ(str(m, "content_type"), "multipart/mixed");
  EXPECT_EQ(str(m["to"], "address"), "amina.yusuf@mail.example.org");
  EXPECT_EQ(str(m["to"], "name"), "Amina Yusuf");
  EXPECT_EQ(str(m["from"], "address"), "glc-training@tongji.example.org");
  EXPECT_EQ(str(m["from"], "name"), "International Training Office");
  EXPECT_NE(str(m, "body").find("Madame, Monsieur Amina Yusuf,"), std::string::npos) << str(m, "body");
  EXPECT_NE(str(m, "body").find("du 2025-03-10 au 2025-03-21"), std::string::npos) << str(m, "body");
  EXPECT_EQ(str(m, "body_encoding"), "quoted-printable");
  ASSERT_EQ(m["attachments"].Size(), 1u);
  EXPECT_EQ(str(m["attachments"][0], "filename"), "Lettre d'invitation.pdf");
  EXPECT_EQ(str(m["attachments"][0], "content_type"), "application/pdf");
  std::string hex;
  for (unsigned char c : pdf) {
    const char* digits = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  EXPECT_EQ(str(m["attachments"][0], "hex"), hex);
  EXPECT_EQ(m["defects"].Size(), 0u);
  EXPECT_LE(m["max_line"].GetInt(), 78);
  EXPECT_TRUE(m["crlf_only"].GetBool());
}

TEST(EmailOutbox, ARepeatedOrRetriedCallAnswersTheRecordedResultAndAddsNoMail) {
  const auto dir = fresh_dir("outbox-once");
  std::string error;
  const std::string args = send_args("offer_made", "es", "Carlos Quispe", "carlos@mail.example.org",
                                     R"({"expires_at": "2025-01-17T23:59:00+08:00"})");
  std::string first;
  {
    auto mailer = Mailer::create(options(dir), error);
    ASSERT_NE(mailer, nullptr) << error;
    auto r = mailer->send(args, context("GLC-2025-A0007/3/1"));
    ASSERT_TRUE(r.is_ok()) << r.message;
    first = r.json;
    // The same attempt again, and the engine's next attempt of the same call.
    EXPECT_EQ(mailer->send(args, context("GLC-2025-A0007/3/1")).json, first);
    EXPECT_EQ(mailer->send(args, context("GLC-2025-A0007/3/2")).json, first);
  }
  const auto file = dir / "run" / "outbox" / "GLC-2025-A0007.3.eml";
  const auto written = fs::last_write_time(file);
  {
    // A restarted engine (a new plugin instance) finds the record in the data directory.
    auto mailer = Mailer::create(options(dir), error);
    ASSERT_NE(mailer, nullptr) << error;
    EXPECT_EQ(mailer->send(args, context("GLC-2025-A0007/3/1")).json, first);
  }
  EXPECT_EQ(files_in(dir / "run" / "outbox"), 1u);
  EXPECT_EQ(fs::last_write_time(file), written);
  auto mails = parse_mail(file);
  ASSERT_EQ(mails.Size(), 1u);
  EXPECT_EQ(str(mails[0], "subject"),
            "Oferta de una plaza en International Green and Low Carbon Technology Training Program");
  EXPECT_NE(str(mails[0], "body").find("antes del 2025-01-17"), std::string::npos);
}

TEST(EmailOutbox, BadArgumentsAreRefusedAndNothingIsWritten) {
  const auto dir = fresh_dir("outbox-bad");
  std::string error;
  auto mailer = Mailer::create(options(dir), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto refuse = [&](const std::string& args, const std::string& key) {
    auto r = mailer->send(args, context(key));
    EXPECT_FALSE(r.is_ok());
    return r;
  };
  auto missing = refuse(send_args("offer_made", "en", "A", "a@mail.example.org"), "B1/1/1");
  EXPECT_EQ(missing.status, cohort::sdk::Status::InvalidArgument);
  EXPECT_NE(missing.message.find("missing field event.expires_at"), std::string::npos) << missing.message;

  auto escape = refuse(send_args("certificate_issued", "en", "A", "a@mail.example.org", R"({"number": "GLC-2025-0001"})",
                                 R"(,"attachments":[{"path":"../../../../etc/passwd"}])"),
                       "B2/1/1");
  EXPECT_EQ(escape.status, cohort::sdk::Status::InvalidArgument);
  EXPECT_NE(escape.message.find("outside the run's data directory"), std::string::npos) << escape.message;

  // A link inside the run directory that points out of it is outside too.
  fs::create_directories(dir / "run" / "documents");
  fs::create_symlink("/etc/hostname", dir / "run" / "documents" / "link.pdf");
  auto linked = refuse(send_args("certificate_issued", "en", "A", "a@mail.example.org", R"({"number": "GLC-2025-0001"})",
                                 R"(,"attachments":["documents/link.pdf"])"),
                       "B6/1/1");
  EXPECT_EQ(linked.status, cohort::sdk::Status::InvalidArgument) << linked.message;

  auto absent = refuse(send_args("certificate_issued", "en", "A", "a@mail.example.org", R"({"number": "GLC-2025-0001"})",
                                 R"(,"attachments":[{"path":"certificates/none.pdf"}])"),
                       "B3/1/1");
  EXPECT_EQ(absent.status, cohort::sdk::Status::NotFound);

  auto bad_to = refuse(send_args("application_received", "en", "A", "a@b@c"), "B4/1/1");
  EXPECT_EQ(bad_to.status, cohort::sdk::Status::InvalidArgument);
  auto bad_kind = refuse(send_args("offer_withdrawn", "en", "A", "a@mail.example.org"), "B5/1/1");
  EXPECT_NE(bad_kind.message.find("unknown kind \"offer_withdrawn\""), std::string::npos);
  auto no_key = mailer->send(send_args("application_received", "en", "A", "a@mail.example.org"), context(""));
  EXPECT_EQ(no_key.status, cohort::sdk::Status::InvalidArgument);

  EXPECT_EQ(files_in(dir / "run" / "outbox"), 0u);
}
