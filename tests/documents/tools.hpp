#pragma once
// Helpers of the document tests: sample arguments, and the poppler / zbar command-line tools
// run as child processes (the way a person would check a PDF).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace documents_test {

namespace fs = std::filesystem;

/// A fresh, empty directory for one test.
inline fs::path fresh_dir(const std::string& name) {
  auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "documents" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// Runs argv[0] (looked up in PATH) and returns its standard output; `status` gets the exit code
/// (-1 when it could not run). Standard error is dropped: zbarimg complains about D-Bus there.
inline std::string run_tool(const std::vector<std::string>& argv, int& status) {
  int pipefd[2];
  status = -1;
  if (::pipe(pipefd) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipefd[1], 1);
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    if (FILE* null = std::fopen("/dev/null", "w")) ::dup2(fileno(null), 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipefd[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(pipefd[0]);
  int wstatus = 0;
  if (pid > 0 && ::waitpid(pid, &wstatus, 0) == pid && WIFEXITED(wstatus)) status = WEXITSTATUS(wstatus);
  return out;
}

/// The text poppler extracts from a PDF (pdftotext, UTF-8).
inline std::string pdf_text(const fs::path& pdf, bool bbox = false) {
  int status = 0;
  std::vector<std::string> argv{"pdftotext", "-enc", "UTF-8"};
  if (bbox) argv.push_back("-bbox");
  argv.push_back(pdf.string());
  argv.push_back("-");
  auto text = run_tool(argv, status);
  if (status != 0) return "<pdftotext failed with status " + std::to_string(status) + ">";
  return text;
}

/// What zbarimg reads from the QR codes of the PDF's first page rendered at 300 dpi, in raw
/// mode (the data only, one trailing newline per symbol).
inline std::string decode_qr(const fs::path& pdf, int& status) {
  const auto png_base = pdf.parent_path() / (pdf.stem().string() + "-page");
  run_tool({"pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile", pdf.string(), png_base.string()},
           status);
  if (status != 0) return {};
  return run_tool({"zbarimg", "--quiet", "--raw", png_base.string() + ".png"}, status);
}

/// What pdfinfo says about a PDF (dates in ISO 8601).
inline std::string pdf_info(const fs::path& pdf) {
  int status = 0;
  auto info = run_tool({"pdfinfo", "-isodates", pdf.string()}, status);
  return status == 0 ? info : std::string();
}

/// Number of pages poppler counts (pdfinfo).
inline int pdf_pages(const fs::path& pdf) {
  const auto info = pdf_info(pdf);
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

/// The programme as the programme file has it (the part the documents use).
inline void write_programme(rapidjson::Writer<rapidjson::StringBuffer>& w) {
  w.Key("programme");
  w.StartObject();
  w.Key("id"), w.String("GLC-2025");
  w.Key("title"), w.String("International Green and Low Carbon Technology Training Program");
  w.Key("dates"), w.StartObject();
  w.Key("arrival"), w.String("2025-03-09T08:00:00+08:00");
  w.Key("start"), w.String("2025-03-10T09:00:00+08:00");
  w.Key("end"), w.String("2025-03-21T18:00:00+08:00");
  w.EndObject();
  w.Key("host"), w.StartObject();
  w.Key("name"), w.String("Tongji University");
  w.Key("department"), w.String("College of Environmental Science and Engineering");
  w.Key("city"), w.String("Shanghai");
  w.Key("address"), w.String("1239 Siping Road, Yangpu District, Shanghai 200092, China");
  w.Key("contact"), w.StartObject();
  w.Key("name"), w.String("International Training Office");
  w.Key("email"), w.String("glc-training@tongji.example.org");
  w.Key("phone"), w.String("+86 21 6598 0000");
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

/// Arguments of documents.invitation_letter.
inline std::string letter_args(const std::string& name, const std::string& number,
                               const std::string& issued_at = "2025-01-20T10:00:00+08:00") {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  w.StartObject();
  w.Key("number"), w.String(number.data(), static_cast<rapidjson::SizeType>(number.size()));
  w.Key("issued_at"), w.String(issued_at.c_str());
  w.Key("participant"), w.StartObject();
  w.Key("name"), w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  w.Key("gender"), w.String("female");
  w.Key("birth_date"), w.String("1988-04-12");
  w.Key("nationality"), w.String("KE");
  w.Key("employer"), w.String("Kenya Power");
  w.EndObject();
  w.Key("passport"), w.StartObject();
  w.Key("number"), w.String("AK0423719");
  w.Key("expires"), w.String("2031-05-01");
  w.Key("country"), w.String("KE");
  w.EndObject();
  write_programme(w);
  w.EndObject();
  return b.GetString();
}

/// A signed certificate as the certificates plugin might give it: written with spaces, a number
/// written as 56.0 and non-ASCII text, so that any re-serialisation would show.
inline std::string certificate_json(const std::string& name, const std::string& number) {
  rapidjson::StringBuffer escaped;
  rapidjson::Writer<rapidjson::StringBuffer> w(escaped);
  w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  rapidjson::StringBuffer escaped_number;
  rapidjson::Writer<rapidjson::StringBuffer> wn(escaped_number);
  wn.String(number.data(), static_cast<rapidjson::SizeType>(number.size()));
  return std::string("{\"number\": ") + escaped_number.GetString() + ", \"holder\": {\"name\": " + escaped.GetString() +
         "}, \"programme\": \"GLC-2025\", \"hours\": 56.0, \"issued_at\": \"2025-03-21T18:00:00+08:00\", "
         "\"proof\": {\"type\": \"Ed25519Signature2020\", \"verificationMethod\": \"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\", "
         "\"proofValue\": \"z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKoMvEpqLotDBmZGrF\"}}";
}

/// Arguments of documents.certificate, the certificate given as an object (its text spliced in).
inline std::string certificate_args(const std::string& name, const std::string& number, const std::string& certificate,
                                    const std::string& issued_at = "2025-03-21T18:00:00+08:00") {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  w.StartObject();
  w.Key("number"), w.String(number.data(), static_cast<rapidjson::SizeType>(number.size()));
  w.Key("issued_at"), w.String(issued_at.c_str());
  w.Key("hours"), w.Double(56.5);
  w.Key("participant"), w.StartObject();
  w.Key("name"), w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  w.EndObject();
  write_programme(w);
  w.Key("certificate"), w.RawValue(certificate.c_str(), certificate.size(), rapidjson::kObjectType);
  w.EndObject();
  return b.GetString();
}

}  // namespace documents_test
