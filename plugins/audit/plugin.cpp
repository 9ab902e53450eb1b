// The audit plugin: every event the engine delivers is appended, as one JSON line, to
// an append-only file in the plugin's data directory. Earlier lines are never changed.
#include <cohort/cpp/plugin.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

#include "audit_log.hpp"

namespace {

class Audit : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    rapidjson::Document config;
    const auto text = host().config();
    config.Parse(text.data(), text.size());
    if (config.HasParseError() || !config.IsObject())
      return cohort::sdk::Result::invalid_argument("audit: the configuration must be a JSON object");

    std::string file = "audit.jsonl";
    if (auto it = config.FindMember("file"); it != config.MemberEnd()) {
      if (!it->value.IsString()) return cohort::sdk::Result::invalid_argument("audit: config.file must be a string");
      file = it->value.GetString();
    }
    // The log lives inside the data directory; a path could escape it.
    if (file.empty() || file.find('/') != std::string::npos || file == "." || file == "..")
      return cohort::sdk::Result::invalid_argument("audit: config.file must be a plain file name, got '" + file + "'");

    auto policy = cohort_audit::FsyncPolicy::EveryEvent;
    if (auto it = config.FindMember("fsync"); it != config.MemberEnd()) {
      if (!it->value.IsString() || !cohort_audit::parse_fsync_policy(it->value.GetString(), policy))
        return cohort::sdk::Result::invalid_argument("audit: config.fsync must be \"every_event\", \"interval\" or \"none\"");
    }

    std::string dir(host().data_dir());
    if (dir.empty()) return cohort::sdk::Result::error("audit: the engine gave no data directory");
    std::string error;
    if (!log_.open(dir + "/" + file, policy, error)) return cohort::sdk::Result::error("audit: " + error);
    host().info("audit: appending to " + log_.path());
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Status on_event(std::string_view event_json) override {
    std::string error;
    if (!log_.append(event_json, error)) {
      host().error("audit: " + error);
      return cohort::sdk::Status::Unavailable;
    }
    return cohort::sdk::Status::Ok;
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext&) override {
    if (operation != "audit.query") return cohort::sdk::Result::unknown_operation(operation);
    rapidjson::Document args;
    args.Parse(args_json.data(), args_json.size());
    if (args.HasParseError() || !args.IsObject())
      return cohort::sdk::Result::invalid_argument("audit.query: the arguments must be a JSON object");
    cohort_audit::Query q;
    if (auto it = args.FindMember("type"); it != args.MemberEnd() && it->value.IsString()) q.type = it->value.GetString();
    if (auto it = args.FindMember("subject"); it != args.MemberEnd() && it->value.IsString())
      q.subject = it->value.GetString();
    if (auto it = args.FindMember("limit"); it != args.MemberEnd() && it->value.IsUint()) q.limit = it->value.GetUint();

    std::string error;
    auto lines = log_.read(q, error);
    if (!error.empty()) return cohort::sdk::Result::error("audit.query: " + error, cohort::sdk::Status::Unavailable);
    // The stored lines are JSON already: splice them in rather than re-serialising.
    std::string out = "{\"count\":" + std::to_string(lines.size()) + ",\"events\":[";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) out += ',';
      out += lines[i];
    }
    out += "]}";
    return cohort::sdk::Result::ok(std::move(out));
  }

 private:
  cohort_audit::AuditLog log_;
};

}  // namespace

COHORT_PLUGIN(Audit,
              .id = "org.cohort.audit",
              .name = "Audit log",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Appends every event to an append-only JSON-lines file in the plugin's data directory.",
              .operations = {{"audit.query", "Reads logged events back, filtered by type and subject"}},
              .subscribes = {"*"})
