#include "run/programme_session.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "event/cloudevent.hpp"
#include "loader/loader.hpp"
#include "run/host_gateway.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::run {

namespace fs = std::filesystem;

class SessionImpl {
 public:
  Value programme;
  std::string programme_id;
  std::unique_ptr<host::PluginHost> host;
  std::unique_ptr<HostGateway> gateway;
  std::unique_ptr<runtime::Engine> engine;
  std::vector<std::shared_ptr<const model::Definition>> definitions;
  bool created = false;
};

std::vector<std::string> default_plugin_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("COHORT_PLUGIN_PATH"); env && *env) {
    std::stringstream ss(env);
    std::string d;
    while (std::getline(ss, d, ':'))
      if (!d.empty()) dirs.push_back(d);
    return dirs;
  }
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path().parent_path() / "plugins";
    if (fs::is_directory(candidate, ec)) dirs.push_back(candidate.string());
  }
  return dirs;
}

namespace {

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

std::unique_ptr<ProgrammeSession> ProgrammeSession::open(const SessionOptions& options,
                                                         std::vector<std::string>& errors) {
  auto impl = std::make_unique<SessionImpl>();
  const fs::path file = options.programme_file;
  std::string text;
  if (!read_file(file, text)) {
    errors.push_back(file.string() + ": cannot read the programme file");
    return nullptr;
  }
  JsonError jerr;
  if (!parse_json(text, impl->programme, jerr)) {
    errors.push_back(file.string() + ":" + std::to_string(jerr.where.line) + ":" + std::to_string(jerr.where.column) +
                     ": error: " + jerr.message);
    return nullptr;
  }
  const Value& p = impl->programme;
  if (!p.is_object() || !p["id"].is_string() || p["id"].as_string().empty()) {
    errors.push_back(file.string() + ":1:1: error: a programme file is a JSON object with a string \"id\" (at /id)");
    return nullptr;
  }
  impl->programme_id = p["id"].as_string();
  const Value& workflows = p["workflows"];
  if (!workflows.is_object() || !workflows.find("participant") || !workflows.find("programme")) {
    errors.push_back(file.string() +
                     ":1:1: error: \"workflows\" must name the \"participant\" and \"programme\" definition files "
                     "(at /workflows)");
    return nullptr;
  }

  // Plugins first: their manifests tell the loader which operations exist.
  auto dirs = options.plugin_dirs.empty() ? default_plugin_dirs() : options.plugin_dirs;
  std::vector<fs::path> plugin_dirs(dirs.begin(), dirs.end());
  host::HostOptions host_options;
  host_options.data_dir = fs::path(options.data_dir);
  for (const auto& [id, config] : p["plugins"].is_object() ? p["plugins"].members() : Members{})
    host_options.config[id] = to_json(config);
  impl->host = std::make_unique<host::PluginHost>(host_options);
  loader::PluginCatalog catalog;
  for (const auto& r : impl->host->load_all(plugin_dirs)) {
    if (!r.ok) {
      spdlog::error("plugin refused: {}", r.error);
      continue;
    }
    spdlog::info("plugin loaded: {} ({})", r.plugin_id, r.path.string());
  }
  for (const auto& info : impl->host->plugins())
    for (const auto& op : info.manifest.operations) catalog.add(op.name);

  std::vector<std::string> paths;
  for (const char* role : {"programme", "participant"}) {
    const Value& rel = workflows[role];
    if (!rel.is_string()) {
      errors.push_back(file.string() + ":1:1: error: workflows." + role + " must be a file path (at /workflows/" +
                       role + ")");
      return nullptr;
    }
    paths.push_back((file.parent_path() / rel.as_string()).lexically_normal().string());
  }
  loader::LoadOptions load_options;
  load_options.plugins = &catalog;
  std::vector<loader::Diagnostic> diags;
  impl->definitions = loader::load_definitions(paths, load_options, diags);
  for (const auto& d : diags) errors.push_back(d.format());
  if (!diags.empty()) return nullptr;

  // The loader checks calls only against a non-empty catalog (with no plugin described it
  // cannot tell a typo from an operation it has not seen). Running is different: a call
  // that no loaded plugin offers can only fail, so refuse to start.
  std::string searched;
  for (const auto& d : dirs) searched += (searched.empty() ? "" : ", ") + d;
  for (const auto& def : impl->definitions) {
    auto check = [&](const std::vector<model::Action>& actions) {
      for (const auto& a : actions) {
        const auto* call = std::get_if<model::CallAction>(&a.body);
        if (call && !impl->host->plugin_for(call->operation))
          errors.push_back(a.where.file + ":" + std::to_string(a.where.line) + ":" + std::to_string(a.where.column) +
                           ": error: workflow '" + def->id + "' calls '" + call->operation +
                           "', which no loaded plugin offers (plugins searched in: " +
                           (searched.empty() ? std::string("nowhere") : searched) +
                           "); give the plugin's folder with --plugin-dir (at " + a.where.pointer + ")");
      }
    };
    for (const auto& st : def->states) {
      check(st.entry);
      check(st.exit);
      for (const auto& h : st.on)
        for (const auto& t : h.transitions) check(t.actions);
      for (const auto& t : st.after) check(t.transition.actions);
    }
  }
  if (!errors.empty()) return nullptr;

  impl->gateway = std::make_unique<HostGateway>(*impl->host);
  runtime::EngineOptions eo;
  eo.threads = options.threads;
  eo.programme = impl->programme;
  eo.plugins = impl->gateway.get();
  eo.keep_history = options.keep_history;
  eo.observer = options.observer;
  impl->engine = std::make_unique<runtime::Engine>(std::move(eo));
  for (const auto& d : impl->definitions) impl->engine->add_definition(d);
  return std::unique_ptr<ProgrammeSession>(new ProgrammeSession(std::move(impl)));
}

ProgrammeSession::ProgrammeSession(std::unique_ptr<SessionImpl> impl) : impl_(std::move(impl)) {}
ProgrammeSession::~ProgrammeSession() {
  if (impl_ && impl_->host) impl_->host->wait_for_events();
}

runtime::Engine& ProgrammeSession::engine() { return *impl_->engine; }
const Value& ProgrammeSession::programme() const { return impl_->programme; }
const std::string& ProgrammeSession::programme_id() const { return impl_->programme_id; }

std::optional<Timestamp> ProgrammeSession::created_at() const {
  const Value& c = impl_->programme["dates"]["created"];
  if (!c.is_string()) return std::nullopt;
  return parse_iso_datetime(c.as_string());
}

void ProgrammeSession::create_programme_instance(Timestamp at) {
  if (impl_->created) return;
  impl_->created = true;
  Event e;
  e.id = impl_->programme_id + "/created";
  e.source = "cohort/programme";
  e.type = "programme.created";
  e.subject = impl_->programme_id;
  e.time = at;
  e.has_time = true;
  e.data = Value::object({{"programme_id", Value(impl_->programme_id)}});
  feed({std::move(e)});
}

std::vector<runtime::SubmitResult> ProgrammeSession::feed(std::vector<Event> events,
                                                          const std::function<void(std::size_t)>& progress) {
  return impl_->engine->feed(std::move(events), progress);
}

void ProgrammeSession::advance_to(Timestamp t) {
  impl_->engine->advance_to(t);
}

bool ProgrammeSession::has_operation(std::string_view operation) const {
  return impl_->host->plugin_for(operation).has_value();
}

const model::Definition* ProgrammeSession::definition(std::string_view id) const {
  for (const auto& d : impl_->definitions)
    if (d && d->id == id) return d.get();
  return nullptr;
}

}  // namespace cohort::run
