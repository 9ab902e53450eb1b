#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "host/listing.hpp"
#include "loader/loader.hpp"
#include "model/graph.hpp"
#include "run/programme_session.hpp"

namespace cohort::cli {
namespace {

/// Operations declared by the plugin manifests in `dirs` (no library is loaded).
loader::PluginCatalog catalog_from(const std::vector<std::string>& dirs) {
  loader::PluginCatalog catalog;
  std::vector<std::filesystem::path> paths(dirs.begin(), dirs.end());
  auto listing = host::list_plugins(paths);
  for (const auto& p : listing.plugins)
    for (const auto& op : p.manifest.operations) catalog.add(op.name);
  for (const auto& e : listing.errors) spdlog::warn("{}", e);
  // An empty catalog turns the operation check off; say so rather than pass silently.
  if (catalog.empty())
    spdlog::warn("no plugin found in {}: `call` operations are not checked", fmt::join(dirs, ", "));
  return catalog;
}

}  // namespace

void add_validate(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> files;
    std::vector<std::string> plugin_dirs;
    bool no_plugins = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("validate", "Check workflow definition files: JSON, schema and meaning.\n"
                                             "Prints every problem as FILE:LINE:COLUMN: error: MESSAGE (at POINTER).");
  cmd->add_option("files", opt->files, "Definition files (checked together: emits between them too)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--plugin-dir", opt->plugin_dirs,
                  "Where plugin manifests are (default: the build's plugins/ or $COHORT_PLUGIN_PATH); "
                  "`call` operations are checked against them")
      ->check(CLI::ExistingPath);
  cmd->add_flag("--no-plugins", opt->no_plugins, "Do not check `call` operations");
  cmd->callback([opt, &exit_code] {
    loader::PluginCatalog catalog;
    if (!opt->no_plugins)
      catalog = catalog_from(opt->plugin_dirs.empty() ? run::default_plugin_dirs() : opt->plugin_dirs);
    loader::LoadOptions options;
    options.plugins = &catalog;
    std::vector<loader::Diagnostic> diags;
    auto defs = loader::load_definitions(opt->files, options, diags);
    for (const auto& d : diags) std::cerr << d.format() << "\n";
    for (std::size_t i = 0; i < defs.size(); ++i)
      if (defs[i])
        std::cout << opt->files[i] << ": ok (" << defs[i]->id << ", " << defs[i]->states.size() << " states, sha256 "
                  << defs[i]->hash.substr(0, 12) << ")\n";
    if (!diags.empty()) {
      std::cerr << diags.size() << (diags.size() == 1 ? " error" : " errors") << "\n";
      exit_code = 1;
    }
  });
}

void add_graph(CLI::App& app, int& exit_code) {
  struct Options {
    std::string file;
    std::string format = "mermaid";
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("graph", "Print a definition's state graph (Mermaid or Graphviz dot).");
  cmd->add_option("file", opt->file, "Definition file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"mermaid", "dot"}))
      ->capture_default_str();
  cmd->callback([opt, &exit_code] {
    std::vector<loader::Diagnostic> diags;
    auto def = loader::load_definition(opt->file, {}, diags);
    for (const auto& d : diags) std::cerr << d.format() << "\n";
    if (!def) {
      exit_code = 1;
      return;
    }
    std::cout << (opt->format == "dot" ? model::to_dot(*def) : model::to_mermaid(*def));
  });
}

}  // namespace cohort::cli
