// Through a real SMTP server (aiosmtpd on 127.0.0.1, started by the test): what arrives,
// and how the plugin behaves when the server is down, busy (4xx) or refuses (5xx).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "kinds.hpp"
#include "support.hpp"

using namespace cohort_email;
using namespace email_test;
using cohort::sdk::Status;

namespace {

const std::string kTitle = "International Green and Low Carbon Technology Training Program";

std::string smtp_config(const SmtpSink& sink, const std::string& extra = "") {
  return R"({"smtp": {"url": ")" + sink.url() + R"(", "attempts": 3, "backoff_ms": 50)" + extra +
         R"(}, "from": {"name": "GLC Training Office", "address": "noreply@tongji.example.org"}})";
}

SinkOptions scripted(const std::string& script) {
  SinkOptions o;
  o.script = script;
  return o;
}

SinkOptions tls(const fs::path& cert, const fs::path& key, bool starttls, const std::string& auth) {
  SinkOptions o;
  o.tls_cert = cert.string();
  o.tls_key = key.string();
  o.starttls = starttls;
  o.implicit_tls = !starttls;
  o.auth = auth;
  return o;
}

// A self-signed certificate for 127.0.0.1, made with the openssl command.
bool make_certificate(const fs::path& cert, const fs::path& key) {
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "
                          "subjectAltName=IP:127.0.0.1 -keyout '" + key.string() + "' -out '" + cert.string() +
                          "' 2>/dev/null";
  return std::system(cmd.c_str()) == 0;
}

std::string hex_of(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    out += "0123456789abcdef"[c >> 4];
    out += "0123456789abcdef"[c & 15];
  }
  return out;
}

}  // namespace

TEST(EmailSmtp, EveryKindInEveryLanguageArrivesAsWritten) {
  const auto dir = fresh_dir("smtp-all");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start());
  fs::create_directories(dir / "run" / "documents");
  const std::string letter = "%PDF-1.7 letter \x01\x02\x03\xFF" + std::string(5000, 'L');
  const std::string certificate = "%PDF-1.7 certificate \x00\x10\x80" + std::string(7000, 'C');
  std::ofstream(dir / "run" / "documents" / "letter.pdf", std::ios::binary) << letter;
  std::ofstream(dir / "run" / "documents" / "certificate.pdf", std::ios::binary) << certificate;

  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;

  const std::map<std::string, std::string> events = {
      {"ineligible", R"({"reason": "age: 52 is above the maximum of 45"})"},
      {"shortlisted", R"({"reason": "rank 3, score 8.20"})"},
      {"rejected", R"({"reason": "score 4.10 is below the minimum of 6.00"})"},
      {"offer_made", R"({"expires_at": "2025-01-17T23:59:00+08:00"})"},
      {"waitlisted", R"({"reason": "waitlist position 2"})"},
      {"invitation_letter", R"({"letter_number": "GLC-L-0042"})"},
      {"attendance_warning", R"({"rate": 0.625, "threshold": 0.8})"},
      {"certificate_issued", R"({"number": "GLC-2025-0007"})"},
  };
  const std::vector<std::pair<std::string, std::string>> people = {
      {"en", "Amina Yusuf"}, {"zh", "\xE6\x9D\x8E\xE6\x98\x8E"},                            // 李明
      {"fr", "\xC3\x89lo\xC3\xAFse Kabor\xC3\xA9"}, {"es", "Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez"},  // Éloïse Kaboré, José Núñez
      {"ar", "\xD8\xB9\xD9\x84\xD9\x8A \xD8\xAD\xD8\xB3\xD9\x86"}};                          // علي حسن

  struct Expected {
    std::string kind, language, name, address;
  };
  std::map<std::string, Expected> expected;  // by Message-ID
  int step = 0;
  for (const auto& kind : kinds()) {
    for (const auto& [lang, name] : people) {
      ++step;
      const std::string address = "p" + std::to_string(step) + "@mail.example.org";
      const std::string k(kind.id);
      auto it = events.find(k);
      std::string attachments;
      if (k == "invitation_letter")
        attachments = R"(,"attachments":[{"path":"documents/letter.pdf","filename":"invitation.pdf"}])";
      if (k == "certificate_issued")
        attachments = R"(,"attachments":[{"path":")" + (dir / "run" / "documents" / "certificate.pdf").string() +
                      R"(","filename":")" + name + R"(.pdf"}])";
      auto r = mailer->send(send_args(k, lang, name, address, it == events.end() ? "{}" : it->second, attachments),
                            context("GLC-2025-A0042/" + std::to_string(step) + "/1"));
      ASSERT_TRUE(r.is_ok()) << k << " " << lang << ": " << r.message;
      rapidjson::Document res;
      res.Parse(r.json.c_str());
      EXPECT_EQ(str(res, "delivery"), "smtp");
      expected[str(res, "message_id")] = Expected{k, lang, name, address};
    }
  }

  auto mails = parse_mail(sink.dir());
  ASSERT_EQ(mails.Size(), expected.size());
  for (const auto& m : mails.GetArray()) {
    auto it = expected.find(str(m, "message_id"));
    ASSERT_NE(it, expected.end()) << str(m, "message_id");
    const auto& e = it->second;
    const std::string what = e.kind + "/" + e.language;
    ASSERT_EQ(m["rcpt_tos"].Size(), 1u);
    EXPECT_EQ(std::string(m["rcpt_tos"][0].GetString()), e.address) << what;
    EXPECT_EQ(str(m, "mail_from"), "noreply@tongji.example.org") << what;
    EXPECT_EQ(str(m["to"], "address"), e.address) << what;
    EXPECT_EQ(str(m["to"], "name"), e.name) << what;
    EXPECT_EQ(str(m["from"], "name"), "GLC Training Office") << what;
    // Sent from the configured account, answered by the programme's own office.
    ASSERT_EQ(m["reply_to"].Size(), 1u) << what;
    EXPECT_EQ(std::string(m["reply_to"][0].GetString()), "glc-training@tongji.example.org");
    EXPECT_NE(str(m, "subject").find(kTitle), std::string::npos) << what << ": " << str(m, "subject");
    EXPECT_NE(str(m, "body").find(e.name), std::string::npos) << what;
    EXPECT_EQ(str(m, "content_language"), e.language) << what;
    EXPECT_EQ(m["defects"].Size(), 0u) << what;
    EXPECT_TRUE(m["crlf_only"].GetBool()) << what;
    if (e.kind == "invitation_letter") {
      ASSERT_EQ(m["attachments"].Size(), 1u) << what;
      EXPECT_EQ(str(m["attachments"][0], "filename"), "invitation.pdf");
      EXPECT_EQ(str(m["attachments"][0], "hex"), hex_of(letter));
      EXPECT_NE(str(m, "body").find("GLC-L-0042"), std::string::npos) << what;
    } else if (e.kind == "certificate_issued") {
      ASSERT_EQ(m["attachments"].Size(), 1u) << what;
      EXPECT_EQ(str(m["attachments"][0], "filename"), e.name + ".pdf") << what;  // UTF-8 file names survive
      EXPECT_EQ(str(m["attachments"][0], "content_type"), "application/pdf");
      EXPECT_EQ(str(m["attachments"][0], "hex"), hex_of(certificate));
      EXPECT_NE(str(m, "body").find("GLC-2025-0007"), std::string::npos) << what;
    } else {
      EXPECT_EQ(m["attachments"].Size(), 0u) << what;
    }
    if (e.kind == "offer_made" && e.language == "zh") {
      EXPECT_EQ(str(m, "subject"), kTitle + "\xE5\xBD\x95\xE5\x8F\x96\xE9\x80\x9A\xE7\x9F\xA5");  // 录取通知
      EXPECT_NE(str(m, "body").find("\xE8\xAF\xB7\xE4\xBA\x8E" "2025-01-17"), std::string::npos);  // 请于2025-01-17
      EXPECT_EQ(str(m, "body_encoding"), "base64");
    }
    if (e.kind == "offer_made" && e.language == "ar") {
      EXPECT_EQ(str(m, "subject"),
                "\xD8\xB9\xD8\xB1\xD8\xB6 \xD9\x85\xD9\x82\xD8\xB9\xD8\xAF \xD9\x81\xD9\x8A " + kTitle);  // عرض مقعد في
    }
    if (e.kind == "attendance_warning" && e.language == "en") {
      EXPECT_NE(str(m, "body").find("Your attendance so far is 62.5%. A certificate requires at least 80%"),
                std::string::npos)
          << str(m, "body");
    }
  }
}

TEST(EmailSmtp, ServerDownThenUpDeliversOnce) {
  const auto dir = fresh_dir("smtp-down-up");
  SmtpSink sink(dir / "sink", free_port());  // not started: nothing listens on the port
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  const std::string args = send_args("offer_accepted", "en", "Amina Yusuf", "amina@mail.example.org");

  auto down = mailer->send(args, context("GLC-2025-A0042/9/1", std::chrono::seconds(5)));
  EXPECT_EQ(down.status, Status::Unavailable) << down.message;  // retryable: the engine's policy takes over
  EXPECT_NE(down.message.find("retry later"), std::string::npos) << down.message;

  ASSERT_TRUE(sink.start());
  auto up = mailer->send(args, context("GLC-2025-A0042/9/2"));
  ASSERT_TRUE(up.is_ok()) << up.message;
  auto again = mailer->send(args, context("GLC-2025-A0042/9/3"));
  EXPECT_EQ(again.json, up.json);
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailSmtp, ABusyServerIsTriedAgainWithinTheCall) {
  const auto dir = fresh_dir("smtp-4xx");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(scripted("451 4.3.0 greylisted try later,451 4.3.0 greylisted try later")));
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto r = mailer->send(send_args("application_received", "en", "Amina Yusuf", "amina@mail.example.org"),
                        context("GLC-2025-A0042/1/1"));
  ASSERT_TRUE(r.is_ok()) << r.message;
  EXPECT_EQ(sink.data_commands(), 3u);
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailSmtp, AServerBusyForTheWholeCallLeavesTheRetryToTheEngine) {
  const auto dir = fresh_dir("smtp-4xx-long");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(scripted("421 4.7.0 too busy,421 4.7.0 too busy,421 4.7.0 too busy")));
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  const std::string args = send_args("application_received", "en", "Amina Yusuf", "amina@mail.example.org");
  auto busy = mailer->send(args, context("GLC-2025-A0042/1/1"));
  EXPECT_EQ(busy.status, Status::Unavailable);
  EXPECT_NE(busy.message.find("421 4.7.0 too busy"), std::string::npos) << busy.message;
  EXPECT_EQ(sink.delivered(), 0u);
  auto later = mailer->send(args, context("GLC-2025-A0042/1/2"));
  ASSERT_TRUE(later.is_ok()) << later.message;
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailSmtp, APermanentRefusalIsNotRetried) {
  const auto dir = fresh_dir("smtp-5xx");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(scripted("550 5.1.1 mailbox unavailable")));
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto r = mailer->send(send_args("application_received", "en", "Amina Yusuf", "nobody@mail.example.org"),
                        context("GLC-2025-A0042/1/1"));
  EXPECT_EQ(r.status, Status::Error);  // not Unavailable: the workflow gets email.send.failed
  EXPECT_NE(r.message.find("permanently: 550 5.1.1 mailbox unavailable"), std::string::npos) << r.message;
  EXPECT_EQ(sink.data_commands(), 1u);
  EXPECT_EQ(sink.delivered(), 0u);
}

TEST(EmailSmtp, AnAttemptThatOvertakesASlowOneWaitsForIt) {
  const auto dir = fresh_dir("smtp-overtake");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(scripted("stall")));
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  const std::string args = send_args("offer_accepted", "fr", "Amina Yusuf", "amina@mail.example.org");
  cohort::sdk::Result first, second;
  std::thread slow([&] { first = mailer->send(args, context("GLC-2025-A0042/4/1")); });
  ASSERT_TRUE(wait_for_file(sink.dir() / "stalled"));
  // The engine timed attempt 1 out and runs attempt 2 while attempt 1 still talks to the server.
  std::thread retry([&] { second = mailer->send(args, context("GLC-2025-A0042/4/2")); });
  std::ofstream(sink.dir() / "release").put('\n');
  slow.join();
  retry.join();
  ASSERT_TRUE(first.is_ok()) << first.message;
  ASSERT_TRUE(second.is_ok()) << second.message;
  EXPECT_EQ(first.json, second.json);
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailSmtp, StartTlsWithALoginAndTheServersCertificate) {
  const auto dir = fresh_dir("smtp-starttls");
  const auto cert = dir / "cert.pem", key = dir / "key.pem";
  ASSERT_TRUE(make_certificate(cert, key));
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(tls(cert, key, true, "glc:pa55 word")));
  const std::string args = send_args("application_received", "zh", "\xE6\x9D\x8E\xE6\x98\x8E", "li@mail.example.org");
  std::string error;

  auto good = Mailer::create(options(dir, smtp_config(sink, R"(, "security": "starttls", "username": "glc",
                                                              "password": "pa55 word", "ca_file": ")" +
                                                                   cert.string() + "\"")),
                             error);
  ASSERT_NE(good, nullptr) << error;
  auto r = good->send(args, context("GLC-2025-A0001/1/1"));
  ASSERT_TRUE(r.is_ok()) << r.message;
  EXPECT_EQ(sink.delivered(), 1u);

  auto wrong = Mailer::create(options(fresh_dir("smtp-starttls-wrong"),
                                      smtp_config(sink, R"(, "security": "starttls", "username": "glc",
                                                         "password": "guess", "ca_file": ")" +
                                                              cert.string() + "\"")),
                              error);
  ASSERT_NE(wrong, nullptr) << error;
  auto refused = wrong->send(args, context("GLC-2025-A0001/2/1"));
  EXPECT_EQ(refused.status, Status::Error) << refused.message;  // a wrong password does not get better by retrying
  EXPECT_NE(refused.message.find("535"), std::string::npos) << refused.message;

  auto untrusted = Mailer::create(options(fresh_dir("smtp-starttls-untrusted"),
                                          smtp_config(sink, R"(, "security": "starttls", "username": "glc",
                                                             "password": "pa55 word")")),
                                  error);
  ASSERT_NE(untrusted, nullptr) << error;
  auto unverified = untrusted->send(args, context("GLC-2025-A0001/3/1"));
  EXPECT_EQ(unverified.status, Status::Error) << unverified.message;
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailSmtp, ImplicitTls) {
  const auto dir = fresh_dir("smtp-tls");
  const auto cert = dir / "cert.pem", key = dir / "key.pem";
  ASSERT_TRUE(make_certificate(cert, key));
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start(tls(cert, key, false, "")));
  std::string error;
  auto mailer = Mailer::create(
      options(dir, R"({"smtp": {"url": "smtps://127.0.0.1:)" + std::to_string(sink.port()) + R"(", "ca_file": ")" +
                       cert.string() + R"("}})"),
      error);
  ASSERT_NE(mailer, nullptr) << error;
  EXPECT_EQ(mailer->config().smtp.security, Security::Tls);
  auto r = mailer->send(send_args("certificate_issued", "ar", "\xD8\xB9\xD9\x84\xD9\x8A", "ali@mail.example.org",
                                  R"({"number": "GLC-2025-0009"})"),
                        context("GLC-2025-A0009/5/1"));
  ASSERT_TRUE(r.is_ok()) << r.message;
  auto mails = parse_mail(sink.dir());
  ASSERT_EQ(mails.Size(), 1u);
  // Without a configured sender the programme's office sends.
  EXPECT_EQ(str(mails[0]["from"], "address"), "glc-training@tongji.example.org");
  EXPECT_NE(str(mails[0], "body").find("GLC-2025-0009"), std::string::npos);
}

TEST(EmailSmtp, StartTlsRequiredButNotOfferedIsRefused) {
  const auto dir = fresh_dir("smtp-no-starttls");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start());
  std::string error;
  auto mailer = Mailer::create(options(dir, smtp_config(sink, R"(, "security": "starttls")")), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto r = mailer->send(send_args("application_received", "en", "A", "a@mail.example.org"), context("X/1/1"));
  EXPECT_EQ(r.status, Status::Error) << r.message;  // never falls back to sending in clear
  EXPECT_EQ(sink.delivered(), 0u);
}
