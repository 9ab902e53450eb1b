// The documents plugin: invitation letters and certificates as PDFs (Pango + cairo, Noto fonts,
// a libqrencode QR code drawn as vectors), stored by content hash under the run's documents/.
// Deterministic: equal arguments give equal bytes, so a retry or a replay stores nothing new
// and returns the same path; the idempotency key needs no bookkeeping of its own.
#include <cohort/cpp/plugin.hpp>
#include <dlfcn.h>

#include <memory>
#include <string>
#include <string_view>

#include "config.hpp"
#include "document_service.hpp"

namespace {

// GLib registers pango's and cairo's types once per process and cannot forget them: if
// the host unloaded this library (and with it pango) and loaded it again, the second
// registration would crash. So once loaded, this library stays loaded.
void keep_loaded() {
  Dl_info self{};
  if (dladdr(reinterpret_cast<void*>(&keep_loaded), &self) && self.dli_fname)
    dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

class Documents : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    keep_loaded();
    cohort_documents::Config config;
    std::string error;
    if (!cohort_documents::parse_config(host().config(), config, error))
      return cohort::sdk::Result::invalid_argument("documents: configuration: " + error);
    const std::string run_dir(host().run_dir());
    if (run_dir.empty())
      return cohort::sdk::Result::error("documents: the engine gives no run directory (extension \"cohort.paths/1\")",
                                        cohort::sdk::Status::Unsupported);
    service_ = std::make_unique<cohort_documents::DocumentService>(std::move(config), run_dir);
    if (auto warning = service_->check_fonts(); !warning.empty()) host().warn("documents: " + warning);
    host().info("documents: storing PDFs under " + run_dir + "/documents");
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    cohort_documents::Kind kind;
    if (!cohort_documents::kind_for_operation(operation, kind)) return cohort::sdk::Result::unknown_operation(operation);
    auto outcome = service_->make(kind, args_json);
    for (const auto& warning : outcome.warnings) host().warn(std::string(ctx.instance) + ": " + warning);
    using Failure = cohort_documents::Outcome::Failure;
    if (outcome.failure == Failure::InvalidArgument) {
      host().warn(std::string(ctx.instance) + ": " + outcome.message);
      return cohort::sdk::Result::invalid_argument(std::move(outcome.message));
    }
    if (outcome.failure == Failure::Error) {
      host().error(std::string(ctx.instance) + ": " + outcome.message);
      return cohort::sdk::Result::error(std::move(outcome.message), cohort::sdk::Status::Unavailable);
    }
    // Names and passport numbers stay out of the log; the path says which file was made.
    host().debug(std::string(ctx.instance) + " [" + std::string(ctx.idempotency_key) + "] " + std::string(operation) +
                 " -> " + outcome.json);
    return cohort::sdk::Result::ok(std::move(outcome.json));
  }

 private:
  std::unique_ptr<cohort_documents::DocumentService> service_;
};

}  // namespace

COHORT_PLUGIN(Documents,
              .id = "org.cohort.documents",
              .name = "Documents",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Invitation letters and certificates as PDFs with a verification QR code, stored by content hash in the run's documents/ folder.",
              .operations = {{"documents.invitation_letter", "Renders a participant's visa invitation letter (passport data, programme, dates) as a PDF"},
                             {"documents.certificate", "Renders a certificate PDF whose QR code carries the signed certificate JSON"}},
              .subscribes = {})
