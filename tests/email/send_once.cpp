// Sends one message with the email plugin's logic, as the engine's plugin worker would;
// the crash tests kill this process at chosen points of the send.
//
//   email_send_once CONFIG_JSON ARGS_JSON KEY DATA_DIR RUN_DIR TEMPLATES [--crash-after-handover]
//
// Prints the result JSON (exit 0) or the status and message (exit 1).
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "mailer.hpp"

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: email_send_once CONFIG_JSON ARGS_JSON KEY DATA_DIR RUN_DIR TEMPLATES [--crash-after-handover]\n";
    return 2;
  }
  cohort_email::MailerOptions o;
  o.config_json = argv[1];
  o.env = [](std::string_view) { return std::optional<std::string>(); };
  o.builtin_templates = argv[6];
  const std::string data = argv[4], run = argv[5];
  o.data_dir = [data] {
    std::filesystem::create_directories(data);
    return data;
  };
  o.run_dir = [run] {
    std::filesystem::create_directories(run);
    return run;
  };
  if (argc > 7 && std::strcmp(argv[7], "--crash-after-handover") == 0)
    // The server has the message; dying now, before the sent record, is the window the docs describe.
    o.after_handover = [](std::string_view) { ::raise(SIGKILL); };
  std::string error;
  auto mailer = cohort_email::Mailer::create(std::move(o), error);
  if (!mailer) {
    std::cerr << error << "\n";
    return 1;
  }
  cohort::sdk::CallContext ctx;
  ctx.idempotency_key = argv[3];
  const auto r = mailer->send(argv[2], ctx);
  if (!r.is_ok()) {
    std::cout << cohort::sdk::to_string(r.status) << ": " << r.message << "\n";
    return 1;
  }
  std::cout << r.json << "\n";
  return 0;
}
