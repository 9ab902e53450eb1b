#include "run/programme_session.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "event/cloudevent.hpp"
#include "loader/loader.hpp"
#include "run/host_gateway.hpp"
#include "run/durable_feed.hpp"
#include "run/recording_gateway.hpp"
#include "store/sqlite_log.hpp"
#include "value/binary.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::run {

namespace fs = std::filesystem;

class SessionImpl {
 public:
  Value programme;
  std::string programme_id;
  std::string programme_file;
  std::unique_ptr<host::PluginHost> host;
  std::unique_ptr<HostGateway> gateway;
  std::unique_ptr<store::EventLog> log;
  std::unique_ptr<RecordingGateway> recorder;
  RecoveryReport recovery;
  bool read_only = false;
  std::unique_ptr<runtime::Engine> engine;
  std::vector<std::shared_ptr<const model::Definition>> definitions;  ///< loaded from the files now
  std::vector<std::string> definition_sources;                         ///< their text, same order
  /// Every version known, stored in the log or loaded now, by hash.
  std::map<std::string, std::shared_ptr<const model::Definition>> versions;
  std::map<std::string, std::string> deployed;  ///< definition id -> hash new instances start on
  std::vector<store::AdminRecord> admin;        ///< the log's administrative changes
  bool first_deploy = false;                    ///< the log has no deployment yet
  std::string admin_error;                      ///< a logged change that could not be made again
  runtime::EngineOptions engine_options;        ///< to start over when a snapshot does not fit
  bool use_snapshots = true;
  std::uint64_t snapshot_every = 0;
  std::size_t commit_chunk = 10000;
  bool keep_history = true;
  std::string log_failure;  ///< the first append that failed in this session
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

namespace {

std::string operator_name() {
  for (const char* var : {"COHORT_USER", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

std::string short_hash(const std::string& h) { return h.substr(0, 12); }

/// Reads the versions and changes the log keeps, and loads every stored version that is
/// not the one in the files now: instances started on it keep running on it.
bool load_versions(SessionImpl& impl, const loader::PluginCatalog& catalog, std::vector<std::string>& errors) {
  std::vector<store::DefinitionVersion> stored;
  store::Status st = impl.log->definition_versions(stored);
  if (st.ok()) st = impl.log->admin_records(impl.admin);
  if (!st.ok()) {
    errors.push_back(st.to_string());
    return false;
  }
  loader::LoadOptions lo;
  lo.plugins = &catalog;
  lo.others = impl.definitions;
  for (const auto& v : stored) {
    if (impl.versions.count(v.hash)) continue;
    std::vector<loader::Diagnostic> diags;
    auto def = loader::load_definition_text(v.source, v.file + " (version " + short_hash(v.hash) + " kept in the log)",
                                            lo, diags);
    for (const auto& d : diags) errors.push_back(d.format());
    if (!def) {
      errors.push_back(impl.log->location() + ": version " + short_hash(v.hash) + " of workflow '" + v.id +
                       "', which instances in this log run on, no longer loads (see above): make its plugins "
                       "available again, or migrate those instances with a build that still loads it");
      return false;
    }
    impl.versions[v.hash] = def;
  }
  bool any_deploy = false;
  for (const auto& r : impl.admin) any_deploy = any_deploy || r.kind == "deploy";
  if (!any_deploy) {
    // A new log, or one written before versions were recorded: what is in the files now
    // is what it ran on.
    impl.first_deploy = true;
    for (const auto& d : impl.definitions) {
      impl.engine->add_definition(d);
      impl.deployed[d->id] = d->hash;
    }
  }
  return true;
}

void apply_migration(SessionImpl& impl, const MigrationPlan& plan, const std::string& target_hash) {
  auto target = impl.versions.find(target_hash);
  if (target == impl.versions.end()) {
    impl.admin_error = "a logged migration targets version " + short_hash(target_hash) + ", which the log does not keep";
    return;
  }
  auto items = plan_migration(*impl.engine, plan, *target->second, impl.programme);
  std::size_t moved = 0;
  for (auto& item : items) {
    if (!item.problem.empty()) continue;
    std::string error;
    if (impl.engine->migrate(item.subject, target->second, item.to_state, std::move(item.data),
                             "migrated: " + plan.reason, error))
      ++moved;
    else
      spdlog::error("migration of {} to version {}: {}", item.subject, short_hash(target_hash), error);
  }
  spdlog::info("migration '{}': {} instances of '{}' moved to version {}", plan.reason, moved, plan.definition,
               short_hash(target_hash));
}

/// Makes one logged administrative change again, at its place in the log.
void apply_admin(SessionImpl& impl, const store::AdminRecord& r) {
  Value payload;
  JsonError jerr;
  if (!parse_json(r.payload_json, payload, jerr) || !payload.is_object()) {
    impl.admin_error = "administrative change " + std::to_string(r.pos) + " is unreadable: restore the file";
    return;
  }
  if (r.kind == "deploy") {
    const std::string hash = payload["hash"].is_string() ? payload["hash"].as_string() : "";
    auto v = impl.versions.find(hash);
    if (v == impl.versions.end()) {
      impl.admin_error = "deployment " + std::to_string(r.pos) + " names version " + short_hash(hash) +
                         ", which the log does not keep";
      return;
    }
    impl.engine->add_definition(v->second);
    impl.deployed[v->second->id] = hash;
  } else if (r.kind == "migration") {
    MigrationPlan plan;
    std::string error;
    if (!migration_from_payload(payload, plan, error)) {
      impl.admin_error = "migration " + std::to_string(r.pos) + ": " + error;
      return;
    }
    apply_migration(impl, plan, payload["to"].as_string());
  } else if (r.kind == "retry") {
    if (payload["subject"].is_string()) impl.engine->retry_incident(payload["subject"].as_string());
  } else if (r.kind == "emitted") {
    // As the engine took them in: at that clock (a clock move may have been under way),
    // submitted together, then worked through.
    std::vector<Event> events;
    Timestamp clock;
    std::string error;
    if (!parse_emitted_payload(r.payload_json, events, clock, error)) {
      impl.admin_error = "emitted events " + std::to_string(r.pos) + ": " + error;
      return;
    }
    if (clock > impl.engine->now()) impl.engine->advance_to(clock);
    for (auto& e : events) impl.engine->submit(std::move(e));
    impl.engine->drain();
  } else {
    impl.admin_error = "administrative change " + std::to_string(r.pos) + " has kind '" + r.kind +
                       "', which this build does not know: upgrade cohort";
  }
}

/// Deploys the files' versions that differ from what the log ran last: instances
/// created from now on start on them, the others stay pinned to their version.
bool deploy_current(SessionImpl& impl, std::vector<std::string>& errors) {
  store::Batch batch;
  std::vector<std::shared_ptr<const model::Definition>> deployed;
  for (std::size_t i = 0; i < impl.definitions.size(); ++i) {
    const auto& d = impl.definitions[i];
    auto now = impl.deployed.find(d->id);
    if (!impl.first_deploy && now != impl.deployed.end() && now->second == d->hash) continue;
    batch.definitions.push_back({d->hash, d->id, d->file, impl.definition_sources[i]});
    store::AdminRecord r;
    r.after_seq = impl.first_deploy ? 0 : -1;
    r.kind = "deploy";
    r.payload_json = to_json(Value::object({{"id", Value(d->id)}, {"hash", Value(d->hash)}, {"file", Value(d->file)}}));
    r.by = operator_name();
    batch.admin.push_back(std::move(r));
    if (!impl.first_deploy) deployed.push_back(d);
  }
  if (batch.empty()) return true;
  store::AppendResult ignored;
  if (auto st = impl.log->append(batch, ignored); !st.ok()) {
    errors.push_back(st.to_string());
    return false;
  }
  for (const auto& d : deployed) {
    const std::string old = impl.deployed[d->id];
    impl.engine->add_definition(d);
    impl.deployed[d->id] = d->hash;
    std::uint64_t pinned = 0;
    impl.engine->for_each_instance([&](const runtime::InstanceView& v) { pinned += v.definition == d->id; });
    impl.recovery.deployments.push_back(d->file + ": version " + short_hash(d->hash) + " of workflow '" + d->id +
                                        "' deployed; new instances start on it, the " + std::to_string(pinned) +
                                        " already running stay on version " + short_hash(old) +
                                        " (move them with cohort migrate)");
    spdlog::info("{}", impl.recovery.deployments.back());
  }
  impl.first_deploy = false;
  return true;
}

/// Stores the engine's state as of log position `seq` (every event up to it applied, none
/// after it): binary (value/binary.hpp), so Time values come back as Time and a restore
/// does not parse JSON.
bool store_snapshot(SessionImpl& impl, std::int64_t seq, std::string& error) {
  impl.engine->drain();
  std::string why;
  Value state = impl.engine->snapshot(why);
  if (state.is_null()) {
    error = "no snapshot now: " + why;
    return false;
  }
  std::vector<store::AdminRecord> admin;
  store::Status st = impl.log->admin_records(admin);
  std::int64_t admin_pos = 0;
  for (const auto& r : admin) admin_pos = std::max(admin_pos, r.pos);
  std::string blob;
  if (st.ok()) {
    append_binary(Value::object({{"programme", Value(impl.programme_id)},
                                 {"seq", Value(seq)},
                                 {"admin_pos", Value(admin_pos)},
                                 {"history", Value(impl.keep_history)},
                                 {"engine", std::move(state)}}),
                  blob);
    st = impl.log->put_snapshot(seq, std::move(blob));
  }
  if (!st.ok()) {
    error = st.to_string();
    return false;
  }
  return true;
}

/// Starts the engine from the latest snapshot when there is one that fits; returns the seq
/// the replay continues from. A snapshot that does not fit is skipped (logged): the log,
/// the source of truth, is then replayed from its start.
std::int64_t restore_snapshot(SessionImpl& impl) {
  store::Snapshot snap;
  bool found = false;
  if (!impl.use_snapshots) return 1;
  if (auto st = impl.log->latest_snapshot(snap, found); !st.ok() || !found) {
    if (!st.ok()) spdlog::warn("{}; replaying the whole log", st.to_string());
    return 1;
  }
  auto skip = [&](const std::string& why) {
    spdlog::warn("{}: the snapshot at seq {} is not used ({}); replaying the whole log", impl.log->location(), snap.seq,
                 why);
    impl.engine = std::make_unique<runtime::Engine>(impl.engine_options);
    impl.deployed.clear();
    return std::int64_t{1};
  };
  // Snapshots of builds before 2026-11-30 (JSON, engine format 1) are not read: the whole
  // log is replayed instead, and the run's end stores one this build reads.
  Value v;
  std::string unreadable;
  if (!parse_binary(snap.blob, v, unreadable) || !v.is_object() || !v["admin_pos"].is_int())
    return skip("unreadable" + (unreadable.empty() ? std::string() : ": " + unreadable));
  if (!v["programme"].is_string() || v["programme"].as_string() != impl.programme_id)
    return skip("it belongs to another programme");
  if (v["history"].is_bool() && !v["history"].as_bool() && impl.keep_history) return skip("it has no histories");
  const std::int64_t admin_pos = v["admin_pos"].as_int();
  // Deployments made before the snapshot decide which version new instances start on.
  for (const auto& r : impl.admin)
    if (r.pos <= admin_pos && r.kind == "deploy") apply_admin(impl, r);
  std::string error;
  const bool restored = impl.engine->restore(v["engine"], [&](const std::string& hash) {
    auto it = impl.versions.find(hash);
    return it == impl.versions.end() ? nullptr : it->second;
  }, error);
  if (!restored) return skip(error);
  std::erase_if(impl.admin, [&](const store::AdminRecord& r) { return r.pos <= admin_pos; });
  impl.recovery.snapshot_seq = snap.seq;
  return snap.seq + 1;
}

/// Applies what an earlier run logged, in log order, before anything new: the engine is
/// deterministic and plugin results come from the log, so this rebuilds every instance
/// exactly as it was, timers included.
bool replay_log(SessionImpl& impl, std::vector<std::string>& errors) {
  auto t0 = std::chrono::steady_clock::now();
  const std::int64_t from_seq = restore_snapshot(impl);
  impl.recorder->set_replaying(true);
  // The warnings of a replay (a call that failed, an event a state ignored) were shown by
  // the run that logged those events: do not show them again on every open.
  const auto level = spdlog::get_level();
  if (level < spdlog::level::err) spdlog::set_level(spdlog::level::err);
  ReplayCounts counts;
  auto st = replay_into(*impl.log, *impl.engine, counts, [&](const Event& e, std::string& why) {
    if (e.type == "programme.created" && e.subject != impl.programme_id) {
      why = "this log belongs to programme '" + e.subject + "', not '" + impl.programme_id +
            "': use another --data-dir for this programme";
      return false;
    }
    return true;
  }, impl.admin, [&impl](const store::AdminRecord& r) { apply_admin(impl, r); }, from_seq);
  spdlog::set_level(level);
  impl.recorder->set_replaying(false);
  if (!impl.admin_error.empty()) {
    errors.push_back(impl.log->location() + ": " + impl.admin_error);
    return false;
  }
  if (!st.ok()) {
    errors.push_back(st.code == store::Code::Invalid ? st.message : st.to_string());
    return false;
  }
  impl.recovery.replayed_events = counts.events;
  impl.recovery.recorded_calls = impl.recorder->replayed_calls();
  if (!impl.read_only) impl.recorder->settle_unreached();
  impl.recovery.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (impl.recovery.replayed_events)
    spdlog::info("{}: replayed {} logged events ({} recorded plugin results) in {:.3f} s", impl.log->location(),
                 impl.recovery.replayed_events, impl.recovery.recorded_calls, impl.recovery.seconds);
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
  std::vector<std::pair<std::string, std::string>> sources;
  for (const auto& path : paths) {
    std::string source;
    if (!read_file(path, source)) {
      errors.push_back(path + ": cannot read this workflow file (named by " + file.string() + " at /workflows)");
      return nullptr;
    }
    sources.emplace_back(path, std::move(source));
    impl->definition_sources.push_back(sources.back().second);
  }
  impl->definitions = loader::load_definition_texts(sources, load_options, diags);
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
  impl->programme_file = fs::absolute(file).lexically_normal().string();
  runtime::PluginGateway* gateway = impl->gateway.get();
  if (options.durable) {
    store::SqliteLogOptions lo;
    lo.read_only = options.read_only;
    // The replay that follows reads the whole log anyway: check the file alongside it.
    lo.check_in_background = true;
    store::Status st;
    impl->log = store::open_sqlite_log(store::log_path_in(options.data_dir), lo, st);
    if (!impl->log) {
      errors.push_back(st.to_string());
      return nullptr;
    }
    impl->recorder = std::make_unique<RecordingGateway>(*impl->gateway, *impl->log);
    impl->recovery.interrupted_effects = impl->recorder->load_interrupted();
    if (impl->recovery.interrupted_effects)
      spdlog::warn("{}: {} calls with side effects were under way when the last run stopped; they are made again "
                   "with the same idempotency keys", impl->log->location(), impl->recovery.interrupted_effects);
    impl->read_only = options.read_only;
    gateway = impl->recorder.get();
  }
  runtime::EngineOptions eo;
  eo.threads = options.threads;
  eo.programme = impl->programme;
  eo.plugins = gateway;
  eo.keep_history = options.keep_history;
  eo.observer = options.observer;
  impl->engine_options = eo;
  impl->use_snapshots = options.use_snapshots;
  impl->snapshot_every = options.snapshot_every;
  impl->commit_chunk = options.commit_chunk;
  impl->keep_history = options.keep_history;
  impl->engine = std::make_unique<runtime::Engine>(std::move(eo));
  for (const auto& d : impl->definitions) impl->versions[d->hash] = d;
  if (impl->log) {
    if (!load_versions(*impl, catalog, errors) || !replay_log(*impl, errors)) return nullptr;
    if (!impl->read_only && !deploy_current(*impl, errors)) return nullptr;
  } else {
    for (const auto& d : impl->definitions) {
      impl->engine->add_definition(d);
      impl->deployed[d->id] = d->hash;
    }
  }
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
  e.data = Value::object({{"programme_id", Value(impl_->programme_id)},
                          {"programme_file", Value(impl_->programme_file)}});
  feed({std::move(e)});
}

std::vector<runtime::SubmitResult> ProgrammeSession::feed(std::vector<Event> events,
                                                          const std::function<void(std::size_t)>& progress) {
  if (!impl_->log) return impl_->engine->feed(std::move(events), progress);
  if (impl_->read_only) {
    std::vector<runtime::SubmitResult> refused(events.size());
    for (auto& r : refused) r = {runtime::SubmitStatus::Invalid, impl_->log->location() + " is open read-only"};
    return refused;
  }
  // Durable before applied: each chunk is committed to the log (one transaction, one
  // fsync) and only then handed to the engine. A crash after the commit loses nothing:
  // the next open replays it.
  store::Status failure;
  FeedOptions fo;
  fo.chunk = impl_->commit_chunk;
  fo.progress = progress;
  fo.append_failure = &failure;
  fo.before_apply = [this](std::int64_t before_seq, const std::vector<std::int64_t>& seqs) {
    impl_->recorder->begin_feed(before_seq, seqs);
  };
  std::int64_t snapshot_seq = 0;
  std::size_t applied = 0, applied_at_snapshot = 0;
  if (impl_->snapshot_every) {
    fo.progress = [&](std::size_t done) {
      applied = done;
      if (progress) progress(done);
    };
    fo.after_chunk = [&](std::int64_t seq) {
      if (applied - applied_at_snapshot < impl_->snapshot_every) return;
      std::string why;
      if (store_snapshot(*impl_, seq, why)) {
        applied_at_snapshot = applied;
        snapshot_seq = seq;
        ++impl_->recovery.snapshots_taken;
      } else {
        spdlog::debug("no snapshot after event {}: {}", seq, why);
      }
    };
  }
  auto results = feed_durably(*impl_->log, *impl_->engine, std::move(events), fo);
  if (snapshot_seq) spdlog::info("{}: snapshot after event {}", impl_->log->location(), snapshot_seq);
  if (!failure.ok() && impl_->log_failure.empty()) impl_->log_failure = failure.to_string();
  return results;
}

const std::string& ProgrammeSession::log_failure() const {
  if (impl_->log_failure.empty() && impl_->recorder && impl_->recorder->unrecorded_calls())
    impl_->log_failure = std::to_string(impl_->recorder->unrecorded_calls()) +
                         " plugin results could not be recorded: " + impl_->recorder->first_record_failure();
  return impl_->log_failure;
}

const RecoveryReport& ProgrammeSession::recovery() const { return impl_->recovery; }

void ProgrammeSession::advance_to(Timestamp t) {
  if (impl_->log && !impl_->read_only && t > impl_->engine->now()) {
    // The clock's move is part of the run: logged, so a replay fires the same timers.
    Event tick;
    tick.id = "clock/" + std::to_string(t.ms);
    tick.source = "cohort/clock";
    tick.type = "clock.advanced";
    tick.subject = impl_->programme_id;
    tick.time = t;
    tick.has_time = true;
    store::AppendResult appended;
    auto st = impl_->log->append_events({{store::EventKind::Timer, std::move(tick)}}, appended);
    if (!st.ok()) {
      spdlog::error("the clock was not moved: {}", st.to_string());
      return;
    }
    // What plugins emit while the timers fire joins after this clock move.
    impl_->recorder->set_position(appended.events.front().seq);
    impl_->engine->advance_to(t);
    impl_->recorder->set_position(-1);
    return;
  }
  impl_->engine->advance_to(t);
}

bool ProgrammeSession::has_operation(std::string_view operation) const {
  return impl_->host->plugin_for(operation).has_value();
}

const model::Definition* ProgrammeSession::definition(std::string_view id) const {
  auto it = impl_->deployed.find(std::string(id));
  if (it == impl_->deployed.end()) return nullptr;
  auto v = impl_->versions.find(it->second);
  return v == impl_->versions.end() ? nullptr : v->second.get();
}

namespace {

std::shared_ptr<const model::Definition> resolve_target(const SessionImpl& impl, const MigrationPlan& plan,
                                                        std::string& error) {
  std::string hash = plan.to;
  if (plan.to == "current") {
    auto it = impl.deployed.find(plan.definition);
    if (it == impl.deployed.end()) {
      error = "no workflow '" + plan.definition + "' runs in this programme (at /definition)";
      return nullptr;
    }
    hash = it->second;
  }
  std::shared_ptr<const model::Definition> found;
  for (const auto& [h, d] : impl.versions) {
    if (d->id != plan.definition || h.compare(0, hash.size(), hash) != 0) continue;
    if (found) {
      error = "version '" + plan.to + "' of '" + plan.definition + "' is ambiguous: give more of the hash (at /to)";
      return nullptr;
    }
    found = d;
  }
  if (!found) error = "no version '" + plan.to + "' of workflow '" + plan.definition + "' is known here (at /to)";
  return found;
}

}  // namespace

bool ProgrammeSession::plan_migration(const MigrationPlan& plan, std::vector<MigrationItem>& items,
                                      std::string& error) const {
  auto target = resolve_target(*impl_, plan, error);
  if (!target) return false;
  items = run::plan_migration(*impl_->engine, plan, *target, impl_->programme);
  return true;
}

bool ProgrammeSession::migrate(const MigrationPlan& plan, std::vector<MigrationItem>& items, std::string& error) {
  if (!impl_->log || impl_->read_only) {
    error = "a migration changes a stored run: open the programme with its --data-dir, for writing";
    return false;
  }
  auto target = resolve_target(*impl_, plan, error);
  if (!target) return false;
  items = run::plan_migration(*impl_->engine, plan, *target, impl_->programme);
  std::size_t problems = 0;
  for (const auto& item : items) problems += !item.problem.empty();
  if (problems) {
    error = std::to_string(problems) + " of " + std::to_string(items.size()) +
            " instances cannot be moved; nothing was changed";
    return false;
  }
  store::Batch batch;
  store::AdminRecord r;
  r.after_seq = -1;
  r.kind = "migration";
  r.payload_json = to_json(migration_payload(plan, target->hash));
  r.by = operator_name();
  batch.admin.push_back(std::move(r));
  store::AppendResult ignored;
  if (auto st = impl_->log->append(batch, ignored); !st.ok()) {
    error = st.to_string();
    return false;
  }
  apply_migration(*impl_, plan, target->hash);
  return true;
}

bool ProgrammeSession::checkpoint(std::string& error) {
  if (!impl_->log || impl_->read_only) {
    error = "a snapshot needs a data directory open for writing";
    return false;
  }
  std::int64_t seq = 0;
  if (auto st = impl_->log->last_seq(seq); !st.ok()) {
    error = st.to_string();
    return false;
  }
  return store_snapshot(*impl_, seq, error);
}

bool ProgrammeSession::retry(std::string_view subject, std::string& error) {
  if (!impl_->log || impl_->read_only) {
    error = "a retry changes a stored run: open the programme with its --data-dir, for writing";
    return false;
  }
  auto view = impl_->engine->instance(subject);
  if (!view) {
    error = "no instance has subject '" + std::string(subject) + "'";
    return false;
  }
  if (view->state != "incident") {
    error = "instance '" + std::string(subject) + "' is in state '" + view->state + "', not parked in incident";
    return false;
  }
  store::Batch batch;
  store::AdminRecord r;
  r.after_seq = -1;
  r.kind = "retry";
  r.payload_json = to_json(Value::object({{"subject", Value(std::string(subject))}}));
  r.by = operator_name();
  batch.admin.push_back(std::move(r));
  store::AppendResult ignored;
  if (auto st = impl_->log->append(batch, ignored); !st.ok()) {
    error = st.to_string();
    return false;
  }
  impl_->engine->retry_incident(subject);
  return true;
}

}  // namespace cohort::run

namespace cohort::run {

std::unique_ptr<ProgrammeSession> open_logged(const std::string& data_dir, const std::vector<std::string>& plugin_dirs,
                                              std::vector<std::string>& errors, bool for_writing,
                                              bool use_snapshots) {
  const std::string path = store::log_path_in(data_dir);
  if (!fs::exists(path)) {
    errors.push_back(path + ": no event log here; run a programme with `cohort run ... --data-dir " + data_dir +
                     "` first");
    return nullptr;
  }
  std::string programme_file;
  {
    store::SqliteLogOptions lo;
    lo.read_only = true;
    lo.check = store::OpenCheck::Quick;
    store::Status st;
    auto log = store::open_sqlite_log(path, lo, st);
    if (!log) {
      errors.push_back(st.to_string());
      return nullptr;
    }
    st = log->replay(1, [&](store::LoggedEvent& e) {
      if (e.kind != store::EventKind::External) return true;
      if (e.event.type == "programme.created" && e.event.data["programme_file"].is_string())
        programme_file = e.event.data["programme_file"].as_string();
      return false;  // only the first external event matters
    });
    if (!st.ok()) {
      errors.push_back(st.to_string());
      return nullptr;
    }
  }
  if (programme_file.empty()) {
    errors.push_back(path + ": the log does not start with a programme; it was not written by `cohort run`");
    return nullptr;
  }
  SessionOptions so;
  so.programme_file = programme_file;
  so.plugin_dirs = plugin_dirs;
  so.data_dir = data_dir;
  so.durable = true;
  so.read_only = !for_writing;
  so.use_snapshots = use_snapshots;
  return ProgrammeSession::open(so, errors);
}

}  // namespace cohort::run
