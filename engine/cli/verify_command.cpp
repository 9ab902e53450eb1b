// `cohort verify`: checks a certificate or its Open Badges credential offline, with the
// verification code of the certificates plugin (plugins/certificates/credential).
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "credential/verification.hpp"

namespace cohort::cli {

void add_verify(CLI::App& app, int& exit_code) {
  struct Options {
    std::string file;
    std::string data_dir;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "verify",
      "Verify a certificate (DIR/certificates/NUMBER.json) or its Open Badges credential\n"
      "(NUMBER.credential.json) offline: signature, issuer key, revocation, later versions.\n"
      "Exit 0 and the holder, programme and number when valid; 1 and the reason otherwise.");
  cmd->add_option("file", opt->file, "Certificate or credential file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", opt->data_dir,
                  "The run's data directory: the programme's key, revocations and later versions are looked up "
                  "in DIR/certificates (default: the folder of the file)")
      ->check(CLI::ExistingDirectory);
  cmd->callback([opt, &exit_code] {
    namespace fs = std::filesystem;
    const fs::path file(opt->file);
    fs::path lookup = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    if (!opt->data_dir.empty()) {
      std::error_code ec;
      lookup = fs::is_directory(fs::path(opt->data_dir) / "certificates", ec) ? fs::path(opt->data_dir) / "certificates"
                                                                               : fs::path(opt->data_dir);
    }
    auto report = credentials::verify_certificate_file(file, lookup);
    for (const auto& note : report.notes) std::cerr << "note: " << note << "\n";
    const auto& c = report.certificate;
    if (!report.valid()) {
      std::cerr << opt->file << ": ";
      if (!c.number.empty())
        std::cerr << report.kind << " " << c.number << (c.holder.name.empty() ? "" : " (" + c.holder.name + ")") << " ";
      std::cerr << "is " << credentials::to_string(report.verdict) << ": " << report.reason << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "valid: " << c.number << " (" << report.kind << ", version " << c.version << ")\n"
              << "number: " << c.number << "\n"
              << "holder: " << c.holder.name << (c.holder.id.empty() ? "" : " (" + c.holder.id + ")") << "\n"
              << "programme: " << c.programme_id << (c.programme_title.empty() ? "" : " - " + c.programme_title) << "\n"
              << "title: " << c.title << "\n"
              << "issued: " << c.issued_at << " by " << (c.issuer_name.empty() ? "" : c.issuer_name + " ")
              << "(" << c.issuer_did << ")\n";
    if (c.reissue)
      std::cout << "reissued: " << c.reissue->reissued_at << " (" << c.reissue->reason << "; version "
                << c.reissue->previous_version << " read \"" << c.reissue->previous_name << "\")\n";
    exit_code = 0;
  });
}

}  // namespace cohort::cli
