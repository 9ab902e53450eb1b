#include "email_config.hpp"

#include <rapidjson/document.h>

#include "details/address.hpp"

namespace cohort_email {

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto hexval = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    if (s[i] == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out += static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Splits "smtp[s]://[user[:password]@]host[:port][/...]": the URL without credentials, and them.
bool parse_url(std::string_view url, const std::string& where, std::string& clean, bool& implicit_tls,
               std::string& user, std::string& password, std::string& error) {
  std::string_view rest;
  if (url.substr(0, 7) == "smtp://") {
    implicit_tls = false;
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "smtps://") {
    implicit_tls = true;
    rest = url.substr(8);
  } else {
    error = where + " must start with smtp:// or smtps:// (got \"" + std::string(url.substr(0, 40)) + "\")";
    return false;
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view info = authority.substr(0, at);
    const auto colon = info.find(':');
    user = percent_decode(info.substr(0, colon));
    if (colon != std::string_view::npos) password = percent_decode(info.substr(colon + 1));
    authority = authority.substr(at + 1);
  }
  if (authority.empty() || authority.front() == ':') {
    error = where + " has no host";
    return false;
  }
  for (char c : authority)
    if (c <= ' ' || c == '"' || c == '\\') {
      error = where + " has a space or a control character in its host";
      return false;
    }
  clean = std::string(implicit_tls ? "smtps://" : "smtp://") + std::string(authority);
  return true;
}

bool read_mailbox(const rapidjson::Value& v, const std::string& key, Mailbox& out, std::string& error) {
  if (v.IsString()) {
    out.address = v.GetString();
  } else if (v.IsObject()) {
    auto a = v.FindMember("address");
    if (a == v.MemberEnd() || !a->value.IsString()) {
      error = key + ".address must be a string";
      return false;
    }
    out.address = a->value.GetString();
    if (auto n = v.FindMember("name"); n != v.MemberEnd()) {
      if (!n->value.IsString()) {
        error = key + ".name must be a string";
        return false;
      }
      out.name = n->value.GetString();
    }
  } else {
    error = key + " must be an address string or {\"name\", \"address\"}";
    return false;
  }
  if (!details::valid_address(out.address)) {
    error = key + ".address \"" + out.address + "\" is not a mail address";
    return false;
  }
  for (char c : out.name)
    if (c == '\r' || c == '\n') {
      error = key + ".name must be one line";
      return false;
    }
  return true;
}

bool read_string(const rapidjson::Value& obj, const char* name, const std::string& prefix, std::string& out,
                 std::string& error) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsString()) {
    error = prefix + name + " must be a string";
    return false;
  }
  out = it->value.GetString();
  return true;
}

bool read_uint(const rapidjson::Value& obj, const char* name, const std::string& prefix, std::uint32_t min,
               std::uint32_t max, std::uint32_t& out, std::string& error) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsUint() || it->value.GetUint() < min || it->value.GetUint() > max) {
    error = prefix + name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    return false;
  }
  out = it->value.GetUint();
  return true;
}

bool valid_domain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.') return false;
  for (char c : d)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

bool parse_config(std::string_view json, const EnvLookup& env, EmailConfig& out, std::string& error) {
  out = EmailConfig{};
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    error = "the configuration must be a JSON object";
    return false;
  }

  std::string mode = "auto";
  if (!read_string(doc, "mode", "", mode, error)) return false;
  if (mode != "auto" && mode != "outbox" && mode != "smtp") {
    error = "mode must be \"auto\", \"outbox\" or \"smtp\" (got \"" + mode + "\")";
    return false;
  }

  std::string security = "none";
  bool security_given = false;
  std::string host, url, password_env;
  std::uint32_t port = 0;
  if (auto it = doc.FindMember("smtp"); it != doc.MemberEnd()) {
    const auto& s = it->value;
    if (!s.IsObject()) {
      error = "smtp must be an object";
      return false;
    }
    const std::string p = "smtp.";
    if (!read_string(s, "url", p, url, error) || !read_string(s, "host", p, host, error) ||
        !read_uint(s, "port", p, 1, 65535, port, error) || !read_string(s, "username", p, out.smtp.username, error) ||
        !read_string(s, "password", p, out.smtp.password, error) ||
        !read_string(s, "password_env", p, password_env, error) ||
        !read_string(s, "ca_file", p, out.smtp.ca_file, error) ||
        !read_uint(s, "timeout_ms", p, 100, 600000, out.smtp.timeout_ms, error) ||
        !read_uint(s, "attempts", p, 1, 10, out.smtp.attempts, error) ||
        !read_uint(s, "backoff_ms", p, 0, 60000, out.smtp.backoff_ms, error))
      return false;
    if (auto sec = s.FindMember("security"); sec != s.MemberEnd()) {
      if (!sec->value.IsString()) {
        error = "smtp.security must be \"none\", \"starttls\" or \"tls\"";
        return false;
      }
      security = sec->value.GetString();
      security_given = true;
    }
    if (security != "none" && security != "starttls" && security != "tls") {
      error = "smtp.security must be \"none\", \"starttls\" or \"tls\" (got \"" + security + "\")";
      return false;
    }
    if (auto v = s.FindMember("verify"); v != s.MemberEnd()) {
      if (!v->value.IsBool()) {
        error = "smtp.verify must be true or false";
        return false;
      }
      out.smtp.verify = v->value.GetBool();
    }
    if (!url.empty() && !host.empty()) {
      error = "smtp: give either url or host (and port), not both";
      return false;
    }
  }

  // Where the server comes from: the environment beats the programme file.
  std::string chosen_url;
  std::string where;
  const auto env_url = env ? env("COHORT_SMTP_URL") : std::nullopt;
  bool force_outbox = false;
  if (env_url && !env_url->empty()) {
    if (*env_url == "outbox") {
      force_outbox = true;
      out.delivery_source = "COHORT_SMTP_URL";
    } else {
      chosen_url = *env_url;
      where = "COHORT_SMTP_URL";
    }
  } else if (!url.empty()) {
    chosen_url = url;
    where = "smtp.url";
  } else if (!host.empty()) {
    const std::uint32_t p = port ? port : security == "tls" ? 465 : security == "starttls" ? 587 : 25;
    chosen_url = std::string(security == "tls" ? "smtps://" : "smtp://") +
                 (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(p);
    where = "smtp.host";
  }

  if (force_outbox) {
    out.delivery = Delivery::Outbox;
  } else if (where == "COHORT_SMTP_URL") {
    out.delivery = Delivery::Smtp;  // the operator's override wins over the file, mode included
    out.delivery_source = where;
  } else if (mode == "outbox") {
    out.delivery = Delivery::Outbox;
    out.delivery_source = "config";
  } else if (!chosen_url.empty()) {
    out.delivery = Delivery::Smtp;
    out.delivery_source = "config";
  } else if (mode == "smtp") {
    error = "mode is \"smtp\" but no server is configured: set smtp.url or smtp.host, or COHORT_SMTP_URL";
    return false;
  } else {
    out.delivery = Delivery::Outbox;
    out.delivery_source = "default";
  }

  if (out.delivery == Delivery::Smtp) {
    bool implicit_tls = false;
    std::string user, pass;
    if (!parse_url(chosen_url, where, out.smtp.url, implicit_tls, user, pass, error)) return false;
    if (!user.empty()) out.smtp.username = user;
    if (!pass.empty()) out.smtp.password = pass;
    if (implicit_tls) {
      out.smtp.security = Security::Tls;
    } else if (security == "starttls") {
      out.smtp.security = Security::StartTls;
    } else if (security == "tls" && security_given && where != "COHORT_SMTP_URL") {
      error = "smtp.security \"tls\" needs an smtps:// URL (" + where + " is smtp://)";
      return false;
    } else {
      out.smtp.security = Security::None;
    }
    if (!password_env.empty() && out.smtp.password.empty()) {
      const auto pw = env ? env(password_env) : std::nullopt;
      if (!pw) {
        error = "smtp.password_env names " + password_env + ", which is not set";
        return false;
      }
      out.smtp.password = *pw;
    }
  }

  if (auto it = doc.FindMember("from"); it != doc.MemberEnd()) {
    Mailbox m;
    if (!read_mailbox(it->value, "from", m, error)) return false;
    out.from = m;
  }
  if (auto it = doc.FindMember("reply_to"); it != doc.MemberEnd()) {
    Mailbox m;
    if (!read_mailbox(it->value, "reply_to", m, error)) return false;
    out.reply_to = m;
  }
  if (!read_string(doc, "message_id_domain", "", out.message_id_domain, error)) return false;
  if (!out.message_id_domain.empty() && !valid_domain(out.message_id_domain)) {
    error = "message_id_domain \"" + out.message_id_domain + "\" is not a domain name";
    return false;
  }
  if (!read_string(doc, "templates", "", out.templates, error)) return false;
  if (!read_string(doc, "default_language", "", out.default_language, error)) return false;
  if (auto it = doc.FindMember("fsync"); it != doc.MemberEnd()) {
    if (!it->value.IsBool()) {
      error = "fsync must be true or false";
      return false;
    }
    out.fsync = it->value.GetBool();
  }
  return true;
}

std::string describe(const SmtpSettings& smtp) {
  std::string out = smtp.url;
  if (smtp.security == Security::StartTls) out += " (STARTTLS)";
  if (smtp.security == Security::Tls) out += " (TLS)";
  if (!smtp.username.empty()) out += " as " + smtp.username;
  return out;
}

}  // namespace cohort_email
