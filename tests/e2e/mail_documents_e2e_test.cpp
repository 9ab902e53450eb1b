// What people receive from a whole programme run: the mails in DIR/outbox (one per
// stage, in the applicant's language, to the applicant's address) and the PDFs in
// DIR/documents (invitation letters, certificates) attached to them. Read the way a
// mail client and a PDF reader would: headers unfolded and decoded, attachments
// decoded from base64, PDF text extracted with pdftotext.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "e2e_support.hpp"

using namespace cohort;
using namespace cohort::e2e;

namespace {

// Two programmes are enough: the mails do not depend on the programme's rules.
const Scenario kMailScenarios[] = {
    {"glc-2025.json", 300, 1},
    {"cni-2025.json", 300, 1},
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string text_of(const Value& v) { return v.is_string() ? v.as_string() : std::string(); }

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;  // line breaks, padding
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

/// RFC 2047 encoded-words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`) decoded; the white space
/// between two encoded words is dropped, as a mail client does.
std::string decode_words(const std::string& s) {
  static const std::regex word(R"(=\?[Uu][Tt][Ff]-8\?([BbQq])\?([^?]*)\?=)");
  std::string out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), word);
  std::size_t pos = 0;
  bool last_was_word = false;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    std::string between = s.substr(pos, static_cast<std::size_t>(m.position()) - pos);
    if (!(last_was_word && between.find_first_not_of(" \t") == std::string::npos)) out += between;
    const std::string payload = m[2];
    if (m[1] == "B" || m[1] == "b") {
      out += base64_decode(payload);
    } else {
      for (std::size_t i = 0; i < payload.size(); ++i) {
        if (payload[i] == '_') out += ' ';
        else if (payload[i] == '=' && i + 2 < payload.size()) {
          out += static_cast<char>(std::stoi(payload.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else out += payload[i];
      }
    }
    pos = static_cast<std::size_t>(m.position() + m.length());
    last_was_word = true;
  }
  out += s.substr(pos);
  return out;
}

/// @brief One part of a message: unfolded headers (lower-case names) and the raw body.
struct Part {
  std::map<std::string, std::string> headers;
  std::string body;
};

std::string header(const Part& p, const std::string& name) {
  auto it = p.headers.find(name);
  return it == p.headers.end() ? std::string() : it->second;
}

Part parse_part(const std::string& text) {
  Part p;
  const auto split = text.find("\r\n\r\n");
  std::string head = text.substr(0, split);
  p.body = split == std::string::npos ? std::string() : text.substr(split + 4);
  // Unfold: a line break followed by white space continues the header.
  head = std::regex_replace(head, std::regex("\r\n([ \t])"), "$1");
  std::stringstream lines(head);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.headers[name] = line.substr(colon + 1 + (colon + 1 < line.size() && line[colon + 1] == ' ' ? 1 : 0));
  }
  return p;
}

/// @brief A mail as its reader sees it.
struct Mail {
  std::string file, subject_id, kind, to, subject, language;
  std::vector<Part> attachments;  ///< body decoded from base64
};

Mail read_mail(const fs::path& file) {
  Mail m;
  m.file = file.filename().string();
  m.subject_id = m.file.substr(0, m.file.rfind('.', m.file.size() - 5));
  const std::string text = slurp(file);
  Part top = parse_part(text);
  m.kind = top.headers["x-cohort-kind"];
  m.to = top.headers["to"];
  m.subject = decode_words(top.headers["subject"]);
  m.language = top.headers["content-language"];
  std::smatch b;
  const std::string ct = top.headers["content-type"];
  if (std::regex_search(ct, b, std::regex("boundary=\"([^\"]+)\""))) {
    const std::string sep = "--" + b[1].str();
    std::size_t at = top.body.find(sep);
    while (at != std::string::npos) {
      const std::size_t start = at + sep.size();
      if (top.body.compare(start, 2, "--") == 0) break;  // the closing delimiter
      const std::size_t next = top.body.find(sep, start);
      Part part = parse_part(top.body.substr(start + 2, next == std::string::npos ? std::string::npos : next - start - 2));
      if (part.headers["content-disposition"].rfind("attachment", 0) == 0) {
        part.body = base64_decode(part.body);
        m.attachments.push_back(std::move(part));
      }
      at = next;
    }
  }
  return m;
}

std::vector<Mail> read_outbox(const fs::path& data_dir) {
  std::vector<Mail> out;
  if (!fs::exists(data_dir / "outbox")) return out;
  for (const auto& e : fs::directory_iterator(data_dir / "outbox"))
    if (e.path().extension() == ".eml") out.push_back(read_mail(e.path()));
  std::sort(out.begin(), out.end(), [](const Mail& a, const Mail& b) { return a.file < b.file; });
  return out;
}

/// File name -> contents of every outbox mail.
std::map<std::string, std::string> outbox_files(const fs::path& data_dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(data_dir / "outbox")) out[e.path().filename().string()] = slurp(e.path());
  return out;
}

/// The text of a PDF as pdftotext reads it, white space collapsed to single spaces.
std::string pdf_text(const fs::path& pdf) {
  const std::string cmd = "pdftotext -q '" + pdf.string() + "' - 2>/dev/null";
  std::string raw;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) raw.append(buf, n);
    ::pclose(f);
  }
  return std::regex_replace(raw, std::regex("\\s+"), " ");
}

/// The language the email plugin picks: the first of the applicant's languages with
/// shipped templates, else the programme's, else English.
std::string expected_language(const Value& applicant, const Value& prog) {
  static const std::set<std::string> shipped = {"en", "zh", "fr", "es", "ar"};
  if (applicant["languages"].is_list())
    for (const auto& l : applicant["languages"].as_list())
      if (shipped.count(text_of(l).substr(0, 2))) return text_of(l).substr(0, 2);
  const std::string p = text_of(prog["language"]).substr(0, 2);
  return shipped.count(p) ? p : "en";
}

bool went_through(const std::vector<std::string>& path, const std::string& state) {
  return std::find(path.begin(), path.end(), state) != path.end();
}

class MailsAndDocuments : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    const auto& g = generated(GetParam());
    ASSERT_TRUE(g.ok) << g.error;
  }
};

}  // namespace

TEST_P(MailsAndDocuments, EveryStageMailsTheApplicantOnceWithItsPdfsAndARerunSendsNothingTwice) {
  const Scenario& s = GetParam();
  const auto& g = generated(s);
  const Value prog = read_programme(s.file);
  const std::string title = text_of(prog["title"]);

  auto replay = std::make_unique<Replay>(s, g, 2);
  ASSERT_TRUE(replay->session) << (replay->open_errors.empty() ? "" : replay->open_errors.front());
  const fs::path dir = replay->data_dir;
  const auto paths = replay->recorder.paths();

  std::map<std::string, Value> data;  // participant -> its data at the end
  replay->engine().for_each_instance([&](const runtime::InstanceView& v) {
    if (v.definition == "participant") data[v.subject] = v.data;
  });

  // No mail failed, so none is noted.
  for (const auto& [id, d] : data) {
    EXPECT_TRUE(!d["mail_failures"].is_list() || d["mail_failures"].as_list().empty())
        << id << ": " << to_json(d["mail_failures"]);
  }

  const auto mails = read_outbox(dir);
  ASSERT_FALSE(mails.empty()) << "nothing in " << dir / "outbox";
  std::map<std::string, std::map<std::string, std::vector<const Mail*>>> by_person;  // id -> kind -> mails
  std::set<std::string> languages;
  for (const auto& m : mails) {
    SCOPED_TRACE(m.file);
    ASSERT_TRUE(data.count(m.subject_id)) << "a mail for nobody";
    const Value& applicant = data[m.subject_id]["applicant"];
    // To the applicant's own address, in the applicant's language.
    EXPECT_NE(m.to.find("<" + text_of(applicant["email"]) + ">"), std::string::npos) << m.to;
    EXPECT_EQ(m.language, expected_language(applicant, prog));
    languages.insert(m.language);
    by_person[m.subject_id][m.kind].push_back(&m);
  }
  // Applicants write in several languages, and they are answered in them.
  EXPECT_GE(languages.size(), 2u);

  auto count_of = [&](const std::string& id, const std::string& kind) {
    auto p = by_person.find(id);
    if (p == by_person.end()) return std::size_t{0};
    auto k = p->second.find(kind);
    return k == p->second.end() ? std::size_t{0} : k->second.size();
  };

  std::size_t offers = 0, offer_mails = 0, certified = 0, letters = 0;
  for (const auto& [id, path] : paths) {
    SCOPED_TRACE(id);
    // Received on submission; the verdicts that end an application.
    EXPECT_EQ(count_of(id, "application_received"), went_through(path, "submitted") ? 1u : 0u);
    EXPECT_EQ(count_of(id, "ineligible"), went_through(path, "ineligible") ? 1u : 0u);
    EXPECT_EQ(count_of(id, "rejected"), went_through(path, "rejected") ? 1u : 0u);
    EXPECT_EQ(count_of(id, "waitlisted"), went_through(path, "waitlisted") ? 1u : 0u);
    // Exactly one offer mail per offer made, with the programme in its subject.
    const std::size_t offered = static_cast<std::size_t>(std::count(path.begin(), path.end(), "offered"));
    offers += offered;
    EXPECT_EQ(count_of(id, "offer_made"), offered);
    if (offered) {
      ++offer_mails;
      for (const Mail* m : by_person[id]["offer_made"])
        EXPECT_NE(m->subject.find(title), std::string::npos) << m->file << ": " << m->subject;
    }
    EXPECT_EQ(count_of(id, "offer_accepted"), went_through(path, "accepted") ? 1u : 0u);

    const Value& d = data[id];
    // The invitation letter: rendered, kept, attached.
    if (went_through(path, "letter_issued")) {
      ++letters;
      const Value& letter = d["documents"]["letter"];
      ASSERT_TRUE(letter.is_object()) << to_json(d["documents"]);
      const fs::path pdf = dir / text_of(letter["path"]);
      ASSERT_TRUE(fs::is_regular_file(pdf)) << pdf;
      ASSERT_EQ(count_of(id, "invitation_letter"), 1u);
      const Mail& m = *by_person[id]["invitation_letter"].front();
      ASSERT_EQ(m.attachments.size(), 1u) << m.file;
      EXPECT_EQ(header(m.attachments[0], "content-type").rfind("application/pdf", 0), 0u);
      EXPECT_TRUE(m.attachments[0].body == slurp(pdf)) << m.file << ": the attachment is not the letter PDF";
    }
    // The certificate: a PDF naming the holder and the number, attached to its mail.
    if (went_through(path, "certified")) {
      ++certified;
      const std::string number = text_of(d["certificate"]["number"]);
      const Value& cert = d["documents"]["certificate"];
      ASSERT_TRUE(cert.is_object()) << to_json(d["documents"]);
      EXPECT_EQ(text_of(cert["kind"]), "certificate");
      const fs::path pdf = dir / text_of(cert["path"]);
      ASSERT_TRUE(fs::is_regular_file(pdf)) << pdf;
      const std::string text = pdf_text(pdf);
      EXPECT_NE(text.find(text_of(d["applicant"]["name"])), std::string::npos) << text;
      EXPECT_NE(text.find(number), std::string::npos) << text;
      // A certificate reissued after a name correction is mailed again, with the new PDF.
      const bool reissued = d["certificate"]["version"] == Value(std::int64_t{2});
      ASSERT_EQ(count_of(id, "certificate_issued"), reissued ? 2u : 1u);
      bool attached = false;
      for (const Mail* m : by_person[id]["certificate_issued"]) {
        ASSERT_EQ(m->attachments.size(), 1u) << m->file;
        EXPECT_EQ(header(m->attachments[0], "content-type").rfind("application/pdf", 0), 0u);
        attached = attached || m->attachments[0].body == slurp(pdf);
      }
      EXPECT_TRUE(attached) << "no certificate mail has the current certificate PDF attached";
    } else {
      EXPECT_EQ(count_of(id, "certificate_issued"), 0u);
    }
  }
  EXPECT_GT(offers, 0u);
  EXPECT_GT(offer_mails, 0u);
  EXPECT_GT(letters, 0u);
  EXPECT_GT(certified, 0u);
  // Reminders and warnings go out too, somewhere in a whole programme.
  std::size_t reminders = 0, warnings = 0;
  for (const auto& m : mails) {
    reminders += m.kind == "visa_reminder";
    warnings += m.kind == "attendance_warning";
  }
  EXPECT_GT(reminders + warnings, 0u);

  // The same events again into the same directory: every call is made again with the
  // same idempotency key, and no mail is sent twice (nor changed).
  const auto before = outbox_files(dir);
  replay.reset();
  auto again = std::make_unique<Replay>(s, g, 2, std::function<void(const Recorder&)>{}, /*keep_dir=*/true);
  ASSERT_TRUE(again->session) << (again->open_errors.empty() ? "" : again->open_errors.front());
  const auto after = outbox_files(dir);
  EXPECT_EQ(after.size(), before.size());
  EXPECT_TRUE(after == before) << "a re-run changed the outbox";
}

INSTANTIATE_TEST_SUITE_P(Programmes2025, MailsAndDocuments, ::testing::ValuesIn(kMailScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& info) {
                           return info.param.file.substr(0, 3);
                         });
