#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "programme/generator.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::cli {

void add_generate(CLI::App& app, int& exit_code) {
  struct Options {
    std::string programme;
    int applicants = 300;
    std::uint64_t seed = 1;
    std::vector<std::string> plugin_dirs;
    std::string output;
    std::string data_dir;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "generate", "Write a realistic events file (CloudEvents, JSON Lines) for a whole programme by simulating "
                  "its applicants against the real workflows and plugins. The same seed gives the same file.");
  cmd->add_option("programme", opt->programme, "Programme file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--applicants", opt->applicants, "How many applicants")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Random seed")->capture_default_str();
  cmd->add_option("--plugin-dir", opt->plugin_dirs, "Plugin directory (repeatable; default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--output,-o", opt->output, "Write the events here instead of standard output");
  cmd->add_option("--data-dir", opt->data_dir, "Plugin data during the simulation (default: a temporary folder)");
  cmd->callback([opt, &exit_code] {
    std::ifstream in(opt->programme, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Value programme;
    JsonError err;
    if (!parse_json(text, programme, err)) {
      std::cerr << opt->programme << ":" << err.where.line << ":" << err.where.column << ": error: " << err.message
                << "\n";
      exit_code = 1;
      return;
    }
    // Refuse an output nobody can write before simulating, not after: a big run takes a while.
    if (!opt->output.empty()) {
      const auto folder = std::filesystem::path(opt->output).parent_path();
      std::error_code ec;
      if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
        std::cerr << "error: cannot write " << opt->output << ": " << folder.string() << " is not a directory\n";
        exit_code = 2;
        return;
      }
    }
    programme::GenerateOptions go;
    go.applicants = opt->applicants;
    go.seed = opt->seed;
    go.programme_file = opt->programme;
    auto dirs = opt->plugin_dirs.empty() ? run::default_plugin_dirs() : opt->plugin_dirs;
    go.plugin_paths.assign(dirs.begin(), dirs.end());
    go.data_dir = opt->data_dir;
    spdlog::info("simulating {} applicants for {}", opt->applicants, opt->programme);
    auto generated = programme::generate_events(programme, go);
    if (!generated.ok) {
      std::cerr << "error: " << generated.error << "\n";
      exit_code = 1;
      return;
    }
    auto lines = programme::to_jsonl(generated);
    if (opt->output.empty()) {
      std::cout << lines;
    } else {
      std::ofstream out(opt->output, std::ios::binary);
      out << lines;
      if (!out) {
        std::cerr << "error: cannot write " << opt->output << "\n";
        exit_code = 2;
        return;
      }
    }
    std::cerr << "generated " << generated.events.size() << " events for " << opt->applicants << " applicants of "
              << generated.programme_id << "; run them with --until " << format_iso_datetime(generated.until)
              << "\n";
  });
}

}  // namespace cohort::cli
