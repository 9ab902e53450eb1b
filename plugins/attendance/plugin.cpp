// The attendance plugin: session schedule in the venue's time zone, signed QR check-in
// tokens, staff check-in, corrections, and the weighted attendance summary with early
// warnings. Every operation is a function of its arguments and the token key, so the
// engine's recorded results replay exactly; the only state is the key in data_dir().
#include <cohort/cpp/plugin.hpp>

#include <rapidjson/document.h>
#include <sodium.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "attendance_json.hpp"
#include "secret.hpp"
#include "token.hpp"

namespace {

class Attendance : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    if (sodium_init() < 0) return cohort::sdk::Result::error("attendance: libsodium could not be initialised");
    rapidjson::Document config;
    const auto text = host().config();
    config.Parse(text.data(), text.size());
    if (config.HasParseError() || !config.IsObject())
      return cohort::sdk::Result::invalid_argument("attendance: the configuration must be a JSON object");
    const auto secret = config.FindMember("secret");
    const auto secret_file = config.FindMember("secret_file");
    const bool has_secret = secret != config.MemberEnd() && !secret->value.IsNull();
    const bool has_file = secret_file != config.MemberEnd() && !secret_file->value.IsNull();
    if (has_secret && has_file)
      return cohort::sdk::Result::invalid_argument("attendance: give config.secret or config.secret_file, not both");
    std::string error;
    std::vector<unsigned char> key;
    if (has_secret) {
      if (!secret->value.IsString() ||
          !cohort_attendance::parse_secret_hex({secret->value.GetString(), secret->value.GetStringLength()}, key, error))
        return cohort::sdk::Result::invalid_argument("attendance: config.secret: " +
                                                     (error.empty() ? std::string("must be a string") : error));
      signer_ = std::make_shared<const cohort_attendance::TokenSigner>(std::move(key));
    } else if (has_file) {
      if (!secret_file->value.IsString() ||
          !cohort_attendance::read_secret_file(secret_file->value.GetString(), key, error))
        return cohort::sdk::Result::invalid_argument("attendance: config.secret_file: " +
                                                     (error.empty() ? std::string("must be a string") : error));
      signer_ = std::make_shared<const cohort_attendance::TokenSigner>(std::move(key));
    }
    // Otherwise the key is read or made on first use: loading the plugin to list it must
    // not leave files behind.
    env_.zones = &zones_;
    env_.signer = [this](std::string& err) { return signer(err); };
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    const auto& names = cohort_attendance::operation_names();
    if (std::find(names.begin(), names.end(), operation) == names.end())
      return cohort::sdk::Result::unknown_operation(operation);
    auto outcome = cohort_attendance::run_operation(operation, args_json, env_);
    using Kind = cohort_attendance::OperationOutcome::Kind;
    switch (outcome.kind) {
      case Kind::Ok:
        return cohort::sdk::Result::ok(std::move(outcome.json));
      case Kind::InvalidArgument:
        host().warn(std::string(ctx.instance) + ": " + outcome.message);
        return cohort::sdk::Result::invalid_argument(std::move(outcome.message));
      case Kind::Unavailable:
        host().error(std::string(ctx.instance) + ": " + outcome.message);
        return cohort::sdk::Result::error(std::move(outcome.message), cohort::sdk::Status::Unavailable);
    }
    return cohort::sdk::Result::error("attendance: unexpected outcome");
  }

 private:
  std::shared_ptr<const cohort_attendance::TokenSigner> signer(std::string& error) {
    std::lock_guard lock(mutex_);
    if (signer_) return signer_;
    const std::string dir(host().data_dir());
    std::vector<unsigned char> key;
    bool created = false;
    if (!cohort_attendance::load_or_create_secret(dir, key, error, &created)) return nullptr;
    if (created) host().info("attendance: created a new token key in " + dir + "/" + cohort_attendance::kSecretFileName);
    signer_ = std::make_shared<const cohort_attendance::TokenSigner>(std::move(key));
    return signer_;
  }

  std::mutex mutex_;
  std::shared_ptr<const cohort_attendance::TokenSigner> signer_;
  cohort_attendance::ZoneCache zones_;
  cohort_attendance::Environment env_;
};

}  // namespace

COHORT_PLUGIN(Attendance,
              .id = "org.cohort.attendance",
              .name = "Attendance",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Session schedule in the venue's time zone, signed QR check-in tokens, staff check-in and corrections, weighted attendance with early warnings.",
              .operations = {{"attendance.schedule", "The sessions as instants in the venue's time zone, with their check-in windows"},
                             {"attendance.token", "Signed QR check-in tokens for one participant, one session or all"},
                             {"attendance.check_in", "Checks a participant in by QR token or by staff, within the session window, once per session"},
                             {"attendance.correct", "Records a status set by the office, with who and why"},
                             {"attendance.summary", "Weighted attendance to date and overall, early warning, completed or incomplete"}},
              .subscribes = {})
