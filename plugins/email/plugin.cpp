// The email plugin: email.send renders a template per kind and language and hands the
// message to an SMTP server (libcurl) or writes it to RUN_DIR/outbox, exactly once per call.
#include <cohort/cpp/plugin.hpp>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "mailer.hpp"

namespace {

// The folder this library was loaded from: the built-in templates live beside it.
std::string library_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&library_folder), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  auto path = std::filesystem::canonical(info.dli_fname, ec);
  return ec ? std::string() : path.parent_path().string();
}

class Email : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    cohort_email::MailerOptions options;
    options.config_json = std::string(host().config());
    options.env = [](std::string_view name) -> std::optional<std::string> {
      const char* v = std::getenv(std::string(name).c_str());
      if (!v) return std::nullopt;
      return std::string(v);
    };
    const std::string folder = library_folder();
    if (!folder.empty()) options.builtin_templates = (std::filesystem::path(folder) / "templates").string();
    const cohort::sdk::Host h = host();
    // Asked for on first use: a run that sends nothing leaves no empty folders behind.
    options.data_dir = [h] { return std::string(h.data_dir()); };
    options.run_dir = [h] { return std::string(h.run_dir()); };
    options.log = [h](cohort::sdk::LogLevel level, std::string_view message) { h.log(level, message); };

    std::string error;
    mailer_ = cohort_email::Mailer::create(std::move(options), error);
    if (!mailer_) return cohort::sdk::Result::error("email: " + error, cohort::sdk::Status::InvalidArgument);
    const auto& cfg = mailer_->config();
    if (cfg.delivery == cohort_email::Delivery::Smtp) {
      host().info("email: sending through " + cohort_email::describe(cfg.smtp) + " (from " + cfg.delivery_source +
                  "); " + std::to_string(mailer_->templates().size()) + " templates");
    } else {
      host().info("email: writing messages to the run's outbox/ folder (no SMTP server configured); " +
                  std::to_string(mailer_->templates().size()) + " templates");
    }
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    if (operation != "email.send") return cohort::sdk::Result::unknown_operation(operation);
    return mailer_->send(args_json, ctx);
  }

 private:
  std::unique_ptr<cohort_email::Mailer> mailer_;
};

}  // namespace

COHORT_PLUGIN(Email,
              .id = "org.cohort.email",
              .name = "Email",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Sends templated mail per programme stage through SMTP, or into the run's outbox folder, exactly once per call.",
              .operations = {{"email.send", "Renders the template of a message kind in the recipient's language and sends it once", true}},
              .subscribes = {})
