#include "send_request.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "details/address.hpp"
#include "details/dates.hpp"
#include "kinds.hpp"

namespace cohort_email {

namespace {

const rapidjson::Value* at_path(const rapidjson::Value& root, std::string_view path) {
  const rapidjson::Value* v = &root;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    if (!v->IsObject()) return nullptr;
    auto it = v->FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
    if (it == v->MemberEnd()) return nullptr;
    v = &it->value;
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  }
  return v;
}

std::string normalise_language(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

void add_language(std::vector<std::string>& list, std::string_view code) {
  std::string n = normalise_language(code);
  if (!n.empty() && std::find(list.begin(), list.end(), n) == list.end()) list.push_back(std::move(n));
}

bool add_languages(std::vector<std::string>& list, const rapidjson::Value& v, const std::string& where,
                   std::string& error) {
  if (v.IsString()) {
    add_language(list, v.GetString());
    return true;
  }
  if (v.IsArray()) {
    for (const auto& item : v.GetArray()) {
      if (!item.IsString()) {
        error = where + " must list language codes as strings";
        return false;
      }
      add_language(list, item.GetString());
    }
    return true;
  }
  if (v.IsNull()) return true;
  error = where + " must be a language code (\"fr\") or a list of them";
  return false;
}

bool scalar_text(const rapidjson::Value& v, std::string& out) {
  char buf[40];
  if (v.IsString()) {
    out.assign(v.GetString(), v.GetStringLength());
  } else if (v.IsBool()) {
    out = v.GetBool() ? "true" : "false";
  } else if (v.IsInt64()) {
    out = std::to_string(v.GetInt64());
  } else if (v.IsUint64()) {
    out = std::to_string(v.GetUint64());
  } else if (v.IsDouble()) {
    const double d = v.GetDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
      std::snprintf(buf, sizeof buf, "%.0f", d);
    } else {
      std::snprintf(buf, sizeof buf, "%.15g", d);
    }
    out = buf;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string string_at(const rapidjson::Value& root, std::string_view path) {
  const auto* v = at_path(root, path);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

bool field_text(const rapidjson::Value& fields, std::string_view path, std::string& text, std::string& error) {
  const auto* v = at_path(fields, path);
  if (!v || v->IsNull()) return false;
  if (v->IsObject()) {
    error = "field " + std::string(path) + " is an object; a template shows only text, numbers and lists";
    return false;
  }
  if (v->IsArray()) {
    text.clear();
    for (const auto& item : v->GetArray()) {
      std::string one;
      if (!scalar_text(item, one)) {
        error = "field " + std::string(path) + " is a list of objects or lists; a template shows only simple lists";
        return false;
      }
      if (!text.empty()) text += ", ";
      text += one;
    }
    return true;
  }
  return scalar_text(*v, text);
}

bool parse_request(std::string_view args_json, std::string_view default_language, SendRequest& out,
                   std::string& error) {
  rapidjson::Document args;
  args.Parse(args_json.data(), args_json.size());
  if (args.HasParseError() || !args.IsObject()) {
    error = "the arguments must be a JSON object";
    return false;
  }

  auto kind = args.FindMember("kind");
  if (kind == args.MemberEnd() || !kind->value.IsString()) {
    error = "kind must be a string, one of: " + kind_ids();
    return false;
  }
  out.kind = kind->value.GetString();
  if (!find_kind(out.kind)) {
    error = "unknown kind \"" + out.kind + "\" (kinds: " + kind_ids() + ")";
    return false;
  }

  auto to = args.FindMember("to");
  if (to == args.MemberEnd()) {
    error = "to is required: {\"name\", \"address\"}";
    return false;
  }
  if (to->value.IsString()) {
    out.to.address = to->value.GetString();
  } else if (to->value.IsObject()) {
    out.to.address = string_at(to->value, "address");
    if (auto n = to->value.FindMember("name"); n != to->value.MemberEnd() && !n->value.IsNull()) {
      if (!n->value.IsString()) {
        error = "to.name must be a string";
        return false;
      }
      out.to.name = n->value.GetString();
    }
  } else {
    error = "to must be {\"name\", \"address\"} or an address";
    return false;
  }
  if (!details::valid_address(out.to.address)) {
    error = "to.address \"" + out.to.address + "\" is not a mail address";
    return false;
  }

  out.fields.SetObject();
  if (auto f = args.FindMember("fields"); f != args.MemberEnd() && !f->value.IsNull()) {
    if (!f->value.IsObject()) {
      error = "fields must be an object {participant, programme, event}";
      return false;
    }
    out.fields.CopyFrom(f->value, out.fields.GetAllocator());
  }

  out.languages.clear();
  auto lang = args.FindMember("language");
  if (lang != args.MemberEnd() && !lang->value.IsNull()) {
    if (!add_languages(out.languages, lang->value, "language", error)) return false;
  } else {
    if (const auto* v = at_path(out.fields, "participant.language"); v && v->IsString()) add_language(out.languages, v->GetString());
    if (const auto* v = at_path(out.fields, "participant.languages"); v && v->IsArray()) {
      std::string ignored;
      add_languages(out.languages, *v, "participant.languages", ignored);
    }
  }
  if (const auto* v = at_path(out.fields, "programme.language"); v && v->IsString()) add_language(out.languages, v->GetString());
  if (!default_language.empty()) add_language(out.languages, default_language);
  add_language(out.languages, "en");

  out.attachments.clear();
  if (auto a = args.FindMember("attachments"); a != args.MemberEnd() && !a->value.IsNull()) {
    if (!a->value.IsArray()) {
      error = "attachments must be a list of {path, filename, content_type}";
      return false;
    }
    std::size_t i = 0;
    for (const auto& item : a->value.GetArray()) {
      const std::string where = "attachments[" + std::to_string(i++) + "]";
      AttachmentRequest r;
      if (item.IsString()) {
        r.path = item.GetString();
      } else if (item.IsObject()) {
        r.path = string_at(item, "path");
        r.filename = string_at(item, "filename");
        r.content_type = string_at(item, "content_type");
      }
      if (r.path.empty()) {
        error = where + ".path must name a file of the run's data directory";
        return false;
      }
      out.attachments.push_back(std::move(r));
    }
  }

  out.date.clear();
  if (auto d = args.FindMember("date"); d != args.MemberEnd() && !d->value.IsNull()) {
    std::string ignored;
    if (!d->value.IsString() || !details::rfc5322_date(d->value.GetString(), ignored)) {
      error = "date must be an ISO 8601 instant with an offset (\"2025-01-06T10:00:00+08:00\")";
      return false;
    }
    out.date = d->value.GetString();
  }
  return true;
}

}  // namespace cohort_email
