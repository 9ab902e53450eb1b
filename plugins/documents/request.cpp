#include "request.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <initializer_list>

#include "details/json_span.hpp"
#include "details/text.hpp"

namespace cohort_documents {

namespace {

using rapidjson::Value;

const Value* member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

// Follows a path of object members ("programme", "dates", "start"); null when any step is missing.
const Value* at(const Value& root, std::initializer_list<const char*> path) {
  const Value* v = &root;
  for (const char* name : path) {
    v = member(*v, name);
    if (!v) return nullptr;
  }
  return v;
}

std::string dotted(std::initializer_list<const char*> path) {
  std::string s;
  for (const char* p : path) s += (s.empty() ? "" : ".") + std::string(p);
  return s;
}

class ArgsReader {
 public:
  ArgsReader(const Value& root, std::string& error) : root_(root), error_(error) {}

  // Reads a string (or a number, written as people write it) into `raw`; false on a wrong type.
  bool read(std::initializer_list<const char*> path, std::string& raw, bool required) {
    const Value* v = at(root_, path);
    if (!v) {
      if (required) error_ = "argument " + dotted(path) + " is required";
      return !required;
    }
    if (v->IsString()) {
      raw.assign(v->GetString(), v->GetStringLength());
    } else if (v->IsInt64()) {
      raw = std::to_string(v->GetInt64());  // a passport number written as a number keeps every digit
    } else if (v->IsUint64()) {
      raw = std::to_string(v->GetUint64());
    } else if (v->IsNumber()) {
      raw = details::format_number(v->GetDouble());
    } else {
      error_ = "argument " + dotted(path) + " must be a string";
      return false;
    }
    if (required && details::clean_value(raw).find_first_not_of(' ') == std::string::npos) {
      error_ = "argument " + dotted(path) + " must not be empty";
      return false;
    }
    return true;
  }

  // Reads into a field, cleaned for printing (dates formatted when `date`).
  bool field(Fields& fields, const char* name, std::initializer_list<const char*> path, bool required,
             bool date = false, bool long_dates = true) {
    std::string raw;
    if (!read(path, raw, required)) return false;
    std::string value = details::clean_value(raw);
    if (date) value = details::format_date(value, long_dates);
    fields.values[name] = std::move(value);
    return true;
  }

 private:
  const Value& root_;
  std::string& error_;
};

std::string letter_payload(const Value& args) {
  // The default verification data of a letter: who, which passport, which programme, when.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto put = [&](const char* key, std::initializer_list<const char*> path) {
    const Value* v = at(args, path);
    if (!v || !(v->IsString() || v->IsNumber())) return;
    w.Key(key);
    v->Accept(w);
  };
  w.StartObject();
  w.Key("type");
  w.String("cohort.invitation_letter");
  put("number", {"number"});
  put("programme", {"programme", "id"});
  put("name", {"participant", "name"});
  put("birth_date", {"participant", "birth_date"});
  put("nationality", {"participant", "nationality"});
  w.Key("passport");
  w.StartObject();
  put("number", {"passport", "number"});
  put("expires", {"passport", "expires"});
  w.EndObject();
  put("from", {"programme", "dates", "start"});
  put("to", {"programme", "dates", "end"});
  put("issued_at", {"issued_at"});
  w.EndObject();
  return buffer.GetString();
}

// The QR payload given as argument `key`: a JSON object as written, or a string holding JSON text.
bool payload_argument(std::string_view args_json, const Value& args, const char* key, std::string& out,
                      std::string& error) {
  const Value* v = member(args, key);
  if (!v) return false;
  if (v->IsString()) {
    out.assign(v->GetString(), v->GetStringLength());
    rapidjson::Document inner;
    inner.Parse<rapidjson::kParseValidateEncodingFlag>(out.data(), out.size());
    if (inner.HasParseError() || !inner.IsObject()) {
      error = std::string("argument ") + key + " must be a JSON object, or a string holding one";
      return false;
    }
    return true;
  }
  if (!v->IsObject()) {
    error = std::string("argument ") + key + " must be a JSON object, or a string holding one";
    return false;
  }
  std::string_view raw;
  if (details::member_text(args_json, key, raw)) {
    out.assign(raw);
  } else {
    // Only reached for a key written with escapes: write the object again, keeping member order.
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v->Accept(w);
    out = buffer.GetString();
  }
  return true;
}

}  // namespace

bool certificate_file_name(std::string_view name) {
  constexpr std::string_view folder = "certificates/", suffix = ".json";
  if (name.size() <= folder.size() + suffix.size() || name.substr(0, folder.size()) != folder ||
      name.substr(name.size() - suffix.size()) != suffix)
    return false;
  const auto file = name.substr(folder.size());
  // No separators and no leading dot: the name cannot leave the folder or be "." / "..".
  if (file.front() == '.') return false;
  return std::all_of(file.begin(), file.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

bool read_request(Kind kind, std::string_view args_json, bool long_dates, DocumentRequest& out, std::string& error) {
  error.clear();
  rapidjson::Document args;
  args.Parse<rapidjson::kParseValidateEncodingFlag>(args_json.data(), args_json.size());
  if (args.HasParseError()) {
    error = std::string("the arguments are not valid JSON: ") + rapidjson::GetParseError_En(args.GetParseError());
    return false;
  }
  if (!args.IsObject()) {
    error = "the arguments must be a JSON object";
    return false;
  }
  for (const char* object : {"participant", "passport", "programme", "extra"}) {
    if (const Value* v = member(args, object); v && !v->IsObject()) {
      error = std::string("argument ") + object + " must be an object";
      return false;
    }
  }
  const bool letter = kind == Kind::InvitationLetter;
  DocumentRequest req;
  req.kind = kind;
  ArgsReader r(args, error);
  Fields& f = req.fields;
  const bool ok =
      r.read({"number"}, req.number, true) && r.read({"issued_at"}, req.issued_at, true) &&
      r.field(f, "number", {"number"}, true) && r.field(f, "issue_date", {"issued_at"}, true, true, long_dates) &&
      r.field(f, "name", {"participant", "name"}, true) && r.field(f, "gender", {"participant", "gender"}, false) &&
      r.field(f, "birth_date", {"participant", "birth_date"}, letter, true, long_dates) &&
      r.field(f, "nationality", {"participant", "nationality"}, letter) &&
      r.field(f, "employer", {"participant", "employer"}, false) &&
      r.field(f, "position", {"participant", "position"}, false) &&
      r.field(f, "passport_number", {"passport", "number"}, letter) &&
      r.field(f, "passport_expiry", {"passport", "expires"}, letter, true, long_dates) &&
      r.field(f, "passport_country", {"passport", "country"}, false) &&
      r.field(f, "programme_id", {"programme", "id"}, false) &&
      r.field(f, "programme_title", {"programme", "title"}, true) &&
      r.field(f, "start_date", {"programme", "dates", "start"}, true, true, long_dates) &&
      r.field(f, "end_date", {"programme", "dates", "end"}, true, true, long_dates) &&
      r.field(f, "arrival_date", {"programme", "dates", "arrival"}, false, true, long_dates) &&
      r.field(f, "host_name", {"programme", "host", "name"}, false) &&
      r.field(f, "host_department", {"programme", "host", "department"}, false) &&
      r.field(f, "host_address", {"programme", "host", "address"}, false) &&
      r.field(f, "host_city", {"programme", "host", "city"}, false) &&
      r.field(f, "host_country", {"programme", "host", "country"}, false) &&
      r.field(f, "host_contact_name", {"programme", "host", "contact", "name"}, false) &&
      r.field(f, "host_contact_email", {"programme", "host", "contact", "email"}, false) &&
      r.field(f, "host_contact_phone", {"programme", "host", "contact", "phone"}, false) &&
      r.field(f, "hours", {"hours"}, !letter);
  if (!ok) return false;
  const std::string created = details::pdf_timestamp(req.issued_at);
  if (created.empty()) {
    error = "argument issued_at must be an ISO 8601 date or date-time (e.g. 2025-03-21T18:00:00+08:00), got \"" +
            details::clean_value(req.issued_at) + "\"";
    return false;
  }
  req.issued_at = created;
  if (const Value* hours = member(args, "hours"); hours && hours->IsNumber() && hours->GetDouble() < 0) {
    error = "argument hours must not be negative";
    return false;
  }
  if (const Value* extra = member(args, "extra")) {
    for (const auto& m : extra->GetObject()) {
      const std::string key(m.name.GetString(), m.name.GetStringLength());
      if (!is_known_field("extra." + key)) {
        error = "argument extra." + key + ": keys are letters, digits, '_' and '-'";
        return false;
      }
      if (!r.field(f, ("extra." + key).c_str(), {"extra", key.c_str()}, false)) return false;
    }
  }

  if (letter) {
    if (!payload_argument(args_json, args, "verification", req.qr_payload, error)) {
      if (!error.empty()) return false;
      req.qr_payload = letter_payload(args);
    }
  } else if (const Value* file = member(args, "certificate_file")) {
    if (member(args, "certificate")) {
      error = "give either argument certificate or certificate_file, not both";
      return false;
    }
    const std::string name = file->IsString() ? std::string(file->GetString(), file->GetStringLength()) : "";
    if (!certificate_file_name(name)) {
      error = "argument certificate_file must be \"certificates/NAME.json\" (NAME: letters, digits, '.', '_', '-'; "
              "as the certificates plugin reports it), got " + (file->IsString() ? "\"" + details::clean_value(name) + "\"" : std::string("no string"));
      return false;
    }
    req.certificate_file = name;
  } else if (!payload_argument(args_json, args, "certificate", req.qr_payload, error)) {
    if (error.empty())
      error = "argument certificate (the signed certificate JSON the QR code carries) or certificate_file is required";
    return false;
  }
  out = std::move(req);
  return true;
}

}  // namespace cohort_documents
