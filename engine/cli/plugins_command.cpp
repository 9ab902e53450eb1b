#include <iostream>

#include "cli/commands.hpp"
#include "host/inspect.hpp"
#include "host/listing.hpp"
#include "run/programme_session.hpp"

namespace cohort::cli {

void add_plugins(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("plugins", "Describe plugins.");
  // As for the app: an unknown `plugins frob` is reported by CLI11 as not expected, and a
  // missing subcommand by the callback below.
  cmd->require_subcommand(0, 1);
  cmd->callback([cmd, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;
    std::cerr << "error: plugins needs a subcommand: list or inspect\nRun with --help for more information.\n";
    exit_code = 2;
  });

  struct ListOptions {
    std::vector<std::string> dirs;
    bool json = false;
  };
  auto lo = std::make_shared<ListOptions>();
  auto* list = cmd->add_subcommand("list", "List the plugins in plugin directories from their plugin.json "
                                           "manifests, without loading them.");
  list->add_option("--plugin-dir", lo->dirs, "Plugin directory (repeatable; default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  list->add_flag("--json", lo->json, "One JSON object");
  list->callback([lo, &exit_code] {
    auto dirs = lo->dirs.empty() ? run::default_plugin_dirs() : lo->dirs;
    auto listing = host::list_plugins(std::vector<std::filesystem::path>(dirs.begin(), dirs.end()));
    std::cout << (lo->json ? host::render_json(listing) : host::render_text(listing));
    if (!listing.errors.empty()) exit_code = 1;
  });

  struct InspectOptions {
    std::string file;
    bool json = false;
  };
  auto io = std::make_shared<InspectOptions>();
  auto* inspect = cmd->add_subcommand("inspect", "Load one plugin (FILE.so, its plugin.json or its folder) the "
                                                 "way the engine would, and say what it declares or why it "
                                                 "would be refused.");
  inspect->add_option("file", io->file, "The plugin")->required();
  inspect->add_flag("--json", io->json, "One JSON object");
  inspect->callback([io, &exit_code] {
    auto report = host::inspect(io->file);
    std::cout << (io->json ? host::render_json(report) : host::render_text(report));
    if (!report.loadable) exit_code = 1;
  });
}

}  // namespace cohort::cli
