// The certificates plugin: numbered, signed certificates for participants who completed a
// programme, their Open Badges 3.0 credentials, revocation and reissue. The work is done by
// CertificateOffice (plain C++); this file only adapts it to the SDK.
#include <cohort/cpp/plugin.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "operations.hpp"

namespace {

cohort::sdk::Status status_of(cohort_certificates::Failure failure) {
  using cohort_certificates::Failure;
  switch (failure) {
    case Failure::None: return cohort::sdk::Status::Ok;
    case Failure::InvalidArgument: return cohort::sdk::Status::InvalidArgument;
    case Failure::Refused: return cohort::sdk::Status::PermissionDenied;
    case Failure::NotFound: return cohort::sdk::Status::NotFound;
    case Failure::Io: return cohort::sdk::Status::Unavailable;
  }
  return cohort::sdk::Status::Error;
}

class Certificates : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    std::string error;
    if (!cohort_certificates::read_config(host().config(), options_, error))
      return cohort::sdk::Result::invalid_argument(std::move(error));
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    const auto& names = cohort_certificates::operation_names();
    if (std::find(names.begin(), names.end(), operation) == names.end())
      return cohort::sdk::Result::unknown_operation(operation);
    auto* office = open_office();
    if (!office) return cohort::sdk::Result::error(office_error_, cohort::sdk::Status::Unavailable);
    auto result = cohort_certificates::run_operation(*office, operation, args_json);
    if (!result.ok()) {
      host().warn(std::string(ctx.instance) + " [" + std::string(ctx.idempotency_key) + "]: " + result.message);
      return cohort::sdk::Result::error(std::move(result.message), status_of(result.failure));
    }
    return cohort::sdk::Result::ok(std::move(result.json));
  }

 private:
  // The directories are asked for at the first call, not at load: the engine creates them on
  // request, and a run that issues no certificate should not get an empty certificates folder.
  cohort_certificates::CertificateOffice* open_office() {
    std::call_once(office_once_, [this] {
      options_.run_dir = std::string(host().run_dir());
      options_.data_dir = std::string(host().data_dir());
      if (options_.run_dir.empty()) {
        office_error_ = "certificates: the engine offers no run directory (cohort.paths/1): nowhere to put certificates";
        return;
      }
      if (options_.data_dir.empty()) {
        office_error_ = "certificates: the engine gives no data directory: nowhere to keep the signing keys";
        return;
      }
      host().info("certificates: writing to " + (options_.run_dir / "certificates").string() +
                  (options_.signing_key ? ", signing with the configured key"
                                        : ", signing with per-programme keys kept in " + options_.data_dir.string()));
      office_ = std::make_unique<cohort_certificates::CertificateOffice>(options_);
    });
    return office_.get();
  }

  cohort_certificates::OfficeOptions options_;
  std::once_flag office_once_;
  std::unique_ptr<cohort_certificates::CertificateOffice> office_;
  std::string office_error_;
};

}  // namespace

COHORT_PLUGIN(Certificates,
              .id = "org.cohort.certificates",
              .name = "Certificates",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Numbered Ed25519-signed certificates with Open Badges 3.0 credentials, revocation and reissue.",
              .operations = {{"certificates.issue", "Issues the next numbered, signed certificate to a participant who completed the programme"},
                             {"certificates.revoke", "Revokes a certificate, with a reason that verification reports"},
                             {"certificates.reissue", "Reissues a certificate with a corrected name, keeping the previous versions"}},
              .subscribes = {})
