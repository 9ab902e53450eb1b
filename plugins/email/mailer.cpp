#include "mailer.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "details/address.hpp"
#include "details/dates.hpp"
#include "details/files.hpp"
#include "message_id.hpp"
#include "mime_message.hpp"
#include "send_request.hpp"
#include "smtp_client.hpp"

namespace cohort_email {

namespace fs = std::filesystem;
using cohort::sdk::LogLevel;
using cohort::sdk::Result;
using cohort::sdk::Status;

namespace {

constexpr std::size_t kMaxAttachmentBytes = std::size_t{20} << 20;  // all attachments of one mail
constexpr auto kMargin = std::chrono::milliseconds(150);              // to answer before the deadline

std::string guess_content_type(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".txt") return "text/plain; charset=UTF-8";
  if (ext == ".csv") return "text/csv; charset=UTF-8";
  if (ext == ".ics") return "text/calendar; charset=UTF-8";
  if (ext == ".json") return "application/json";
  return "application/octet-stream";
}

bool valid_content_type(std::string_view t) {
  // type/subtype with token characters; parameters are not taken from callers.
  const auto slash = t.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == t.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' ||
                       c == '#' || c == '$' || c == '&' || c == '^' || c == '_' || c == '.' || c == '+' || c == '-';
    if (!token && !(c == '/' && i == slash)) return false;
  }
  return true;
}

// Resolves a path inside `root`; false when it names something outside (.., symlinks, absolute).
bool inside(const fs::path& root, const fs::path& requested, fs::path& resolved) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return false;
  const fs::path full = fs::weakly_canonical(requested.is_absolute() ? requested : base / requested, ec);
  if (ec) return false;
  const fs::path rel = full.lexically_relative(base);
  if (rel.empty() || *rel.begin() == ".." || rel == ".") return false;
  resolved = full;
  return true;
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::unique_ptr<Mailer> Mailer::create(MailerOptions options, std::string& error) {
  std::unique_ptr<Mailer> m(new Mailer(std::move(options)));
  if (!parse_config(m->options_.config_json, m->options_.env, m->config_, error)) {
    error = "configuration: " + error;
    return nullptr;
  }
  std::vector<std::string> dirs;
  if (!m->config_.templates.empty()) {
    fs::path t(m->config_.templates);
    // A relative folder is taken from the plugin's own folder, where the built-in one is.
    if (t.is_relative() && !m->options_.builtin_templates.empty())
      t = fs::path(m->options_.builtin_templates).parent_path() / t;
    dirs.push_back(t.lexically_normal().string());
  }
  if (m->options_.builtin_templates.empty()) {
    error = "no template folder: the built-in templates were not found beside the plugin";
    return nullptr;
  }
  dirs.push_back(m->options_.builtin_templates);
  if (!m->templates_.load(dirs, error)) {
    error = "templates: " + error;
    return nullptr;
  }
  if (m->config_.delivery == Delivery::Smtp) smtp_global_init();
  return m;
}

void Mailer::log(LogLevel level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

SentLog* Mailer::sent_log(std::string& error) {
  std::lock_guard lock(log_mutex_);
  if (!sent_) {
    const std::string dir = options_.data_dir ? options_.data_dir() : std::string();
    if (dir.empty()) {
      error = "the engine gave the plugin no data directory for its sent records";
      return nullptr;
    }
    sent_ = std::make_unique<SentLog>((fs::path(dir) / "sent.jsonl").string());
  }
  return sent_.get();
}

Result Mailer::send(std::string_view args_json, const cohort::sdk::CallContext& ctx) {
  MessageIdentity id;
  if (!message_identity(ctx.idempotency_key, "invalid", id))
    return Result::invalid_argument("email.send: the call has no idempotency key, so it could be sent twice");

  // One attempt of a mail at a time: a retry that overtakes a slow first attempt waits for it.
  {
    std::unique_lock lock(flight_mutex_);
    auto free = [&] { return !in_flight_.count(id.name); };
    if (ctx.deadline_ms == 0) {
      flight_done_.wait(lock, free);
    } else if (!flight_done_.wait_until(
                   lock, std::chrono::system_clock::time_point(std::chrono::milliseconds(ctx.deadline_ms)), free)) {
      return Result::error("email.send: an earlier attempt of " + id.call + " is still being sent", Status::Unavailable);
    }
    in_flight_.insert(id.name);
  }
  Result result;
  try {
    result = deliver(args_json, ctx, id.name, id.call);
  } catch (const std::exception& e) {
    result = Result::error(std::string("email.send: ") + e.what());
  }
  {
    std::lock_guard lock(flight_mutex_);
    in_flight_.erase(id.name);
  }
  flight_done_.notify_all();
  return result;
}

Result Mailer::deliver(std::string_view args_json, const cohort::sdk::CallContext& ctx, const std::string& name,
                       const std::string& call) {
  std::string error;
  SentLog* sent = sent_log(error);
  if (!sent) return Result::error("email.send: " + error, Status::Unavailable);
  std::string recorded;
  if (sent->find_sent(name, recorded, error)) {
    log(LogLevel::Info, "email: " + call + " was already sent; answering its recorded result");
    return Result::ok(recorded);
  }
  if (!error.empty()) return Result::error("email.send: " + error, Status::Unavailable);

  SendRequest req;
  if (!parse_request(args_json, config_.default_language, req, error))
    return Result::invalid_argument("email.send: " + error);

  const MailTemplate* tpl = nullptr;
  for (const auto& lang : req.languages)
    if ((tpl = templates_.find(req.kind, lang))) break;
  if (!tpl) return Result::error("email.send: no template for kind " + req.kind, Status::NotFound);

  FieldLookup lookup = [&](std::string_view path, std::string& text, std::string& why) {
    return field_text(req.fields, path, text, why);
  };
  MailMessage msg;
  if (!render(tpl->subject, lookup, msg.subject, error) || !render(tpl->body, lookup, msg.body, error))
    return Result::invalid_argument("email.send: kind " + req.kind + " (" + tpl->language + ", " + tpl->file +
                                    "): " + error);

  // The sender: the configured one, else the programme's contact office.
  const std::string contact = string_at(req.fields, "programme.host.contact.email");
  if (config_.from) {
    msg.from = *config_.from;
  } else if (details::valid_address(contact)) {
    msg.from.address = contact;
    msg.from.name = string_at(req.fields, "programme.host.contact.name");
    if (msg.from.name.empty()) msg.from.name = string_at(req.fields, "programme.host.name");
  } else {
    msg.from = Mailbox{"Cohort", "cohort@localhost"};
  }
  if (config_.reply_to) {
    msg.reply_to.push_back(*config_.reply_to);
  } else if (config_.from && details::valid_address(contact) && contact != config_.from->address) {
    msg.reply_to.push_back(Mailbox{string_at(req.fields, "programme.host.contact.name"), contact});
  }
  msg.to = req.to;

  const std::string domain = config_.message_id_domain.empty() ? std::string(details::address_domain(msg.from.address))
                                                               : config_.message_id_domain;
  MessageIdentity id;
  message_identity(ctx.idempotency_key, domain, id);
  msg.message_id = id.message_id;
  if (req.date.empty()) {
    msg.date = details::rfc5322_date(now_ms());
  } else {
    details::rfc5322_date(req.date, msg.date);
  }
  msg.extra_headers.emplace_back("X-Cohort-Kind", req.kind);
  msg.extra_headers.emplace_back("Content-Language", tpl->language);

  // Attachments come only from the run's data directory: a path from workflow data cannot
  // make the plugin mail out arbitrary files of the machine.
  std::size_t total = 0;
  const std::string run_dir = options_.run_dir ? options_.run_dir() : std::string();
  for (std::size_t i = 0; i < req.attachments.size(); ++i) {
    const auto& a = req.attachments[i];
    const std::string where = "attachments[" + std::to_string(i) + "] (" + a.path + ")";
    if (run_dir.empty()) return Result::error("email.send: the engine gave no run directory for attachments");
    fs::path file;
    if (!inside(run_dir, a.path, file))
      return Result::invalid_argument("email.send: " + where + " is outside the run's data directory " + run_dir);
    Attachment att;
    if (!details::file_exists(file.string()) || !details::read_file(file.string(), att.data, error))
      return Result::error("email.send: " + where + ": no such file in " + run_dir, Status::NotFound);
    total += att.data.size();
    if (total > kMaxAttachmentBytes)
      return Result::invalid_argument("email.send: the attachments exceed " + std::to_string(kMaxAttachmentBytes >> 20) +
                                      " MiB");
    att.filename = a.filename.empty() ? file.filename().string() : a.filename;
    if (!a.content_type.empty() && !valid_content_type(a.content_type))
      return Result::invalid_argument("email.send: " + where + ".content_type \"" + a.content_type +
                                      "\" is not a type/subtype");
    att.content_type = a.content_type.empty() ? guess_content_type(file) : a.content_type;
    msg.attachments.push_back(std::move(att));
  }

  const std::string text = compose(msg);

  // The result says what was sent; it depends only on the call, so a recorded one and a
  // fresh one are alike (replays compare equal).
  rapidjson::Document res(rapidjson::kObjectType);
  auto& alloc = res.GetAllocator();
  auto str = [&](std::string_view s) { return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc); };
  res.AddMember("message_id", str(msg.message_id), alloc);
  res.AddMember("delivery", str(config_.delivery == Delivery::Smtp ? "smtp" : "outbox"), alloc);
  res.AddMember("to", str(msg.to.address), alloc);
  res.AddMember("kind", str(req.kind), alloc);
  res.AddMember("language", str(tpl->language), alloc);
  res.AddMember("subject", str(one_line(msg.subject)), alloc);
  res.AddMember("attachments", static_cast<unsigned>(msg.attachments.size()), alloc);

  if (config_.delivery == Delivery::Outbox) {
    if (run_dir.empty()) return Result::error("email.send: the engine gave no run directory for the outbox");
    const std::string rel = "outbox/" + name + ".eml";
    // Same name for every attempt: a repeat replaces the file, it never adds a second mail.
    if (!details::write_atomically((fs::path(run_dir) / rel).string(), text, error, config_.fsync))
      return Result::error("email.send: " + error, Status::Unavailable);
    res.AddMember("file", str(rel), alloc);
    log(LogLevel::Debug, "email: " + req.kind + " for " + msg.to.address + " written to " + rel);
  } else {
    if (sent->was_sending(name))
      log(LogLevel::Warn, "email: " + call + " (" + msg.message_id +
                              ") was being handed over when an earlier attempt ended without an answer; sending again "
                              "under the same Message-ID, which lets the receiver drop a repeat");
    if (!sent->note_sending(name, error)) return Result::error("email.send: " + error, Status::Unavailable);

    const auto& smtp = config_.smtp;
    SmtpResult r;
    std::chrono::milliseconds backoff(smtp.backoff_ms);
    for (std::uint32_t attempt = 1;; ++attempt) {
      const auto left = ctx.remaining() - kMargin;
      if (left <= std::chrono::milliseconds(100)) {
        if (attempt == 1) return Result::error("email.send: no time left before the call's deadline", Status::Unavailable);
        break;
      }
      r = smtp_send(smtp, msg.from.address, msg.to.address, text,
                    std::min<std::chrono::milliseconds>(left, std::chrono::milliseconds(smtp.timeout_ms)));
      if (r.outcome != SmtpOutcome::Transient) break;
      log(LogLevel::Warn, "email: " + call + " to " + msg.to.address + " via " + describe(smtp) + ": attempt " +
                              std::to_string(attempt) + " failed: " + r.detail +
                              (r.maybe_delivered ? " (the server may hold it)" : ""));
      if (attempt >= smtp.attempts || ctx.remaining() - kMargin <= backoff + std::chrono::milliseconds(100)) break;
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
    if (r.outcome == SmtpOutcome::Permanent)
      return Result::error("email.send: " + describe(smtp) + " refused " + msg.message_id + " for " + msg.to.address +
                           " permanently: " + r.detail);
    if (r.outcome == SmtpOutcome::Transient)
      return Result::error("email.send: " + describe(smtp) + " did not take " + msg.message_id + " for now: " +
                               r.detail + "; retry later",
                           Status::Unavailable);
    if (options_.after_handover) options_.after_handover(msg.message_id);
    log(LogLevel::Info, "email: " + req.kind + " " + msg.message_id + " for " + msg.to.address + " handed over to " +
                            describe(smtp) + ": " + r.detail);
  }

  const std::string result_json = to_json(res);
  // An outbox file is its own proof: rewriting it under the same name cannot make a second
  // mail, so its record only saves work and need not wait for the disk.
  const bool sync_record = config_.fsync && config_.delivery == Delivery::Smtp;
  if (!sent->record_sent(name, result_json, error, sync_record))
    // Delivered all the same; without the record a later retry of this call would send again.
    log(LogLevel::Error, "email: " + msg.message_id + " was delivered but could not be recorded: " + error);
  return Result::ok(result_json);
}

}  // namespace cohort_email
