#include "config.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "placeholders.hpp"

namespace cohort_documents {

namespace {

using rapidjson::Value;

// Reads configuration members into the config, checking each; the first problem stops it.
class Reader {
 public:
  explicit Reader(std::string& error) : error_(error) {}

  bool fail(const std::string& where, const std::string& what) {
    error_ = where + ": " + what;
    return false;
  }

  bool text(const Value& v, const std::string& where, std::string& out) {
    if (!v.IsString()) return fail(where, "must be a string");
    std::string message;
    if (!check_placeholders(std::string_view(v.GetString(), v.GetStringLength()), message)) return fail(where, message);
    out.assign(v.GetString(), v.GetStringLength());
    return true;
  }

  bool lines(const Value& v, const std::string& where, std::vector<std::string>& out) {
    if (v.IsString()) {
      out.assign(1, {});
      return text(v, where, out[0]);
    }
    if (!v.IsArray()) return fail(where, "must be a string or an array of strings (one per line)");
    out.clear();
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      out.emplace_back();
      if (!text(v[i], where + "[" + std::to_string(i) + "]", out.back())) return false;
    }
    return true;
  }

  bool details(const Value& v, const std::string& where, std::vector<DetailRow>& out) {
    if (!v.IsArray() || v.Empty()) return fail(where, "must be a non-empty array of [label, value] pairs");
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const auto at = where + "[" + std::to_string(i) + "]";
      DetailRow row;
      if (v[i].IsArray() && v[i].Size() == 2) {
        if (!text(v[i][0], at + "[0]", row.label) || !text(v[i][1], at + "[1]", row.value)) return false;
      } else if (v[i].IsObject() && v[i].HasMember("label") && v[i].HasMember("value") && v[i].MemberCount() == 2) {
        if (!text(v[i]["label"], at + ".label", row.label) || !text(v[i]["value"], at + ".value", row.value))
          return false;
      } else {
        return fail(at, "must be [label, value] or {\"label\": ..., \"value\": ...}");
      }
      out.push_back(std::move(row));
    }
    return true;
  }

  bool block(const Value& v, const std::string& where, Block& out) {
    if (v.IsString()) return text(v, where, out.text);
    if (!v.IsObject()) return fail(where, "must be a paragraph string or an object with \"text\" or \"details\"");
    const bool has_text = v.HasMember("text"), has_details = v.HasMember("details");
    if (has_text == has_details) return fail(where, "must have exactly one of \"text\" and \"details\"");
    for (const auto& m : v.GetObject()) {
      const std::string key(m.name.GetString(), m.name.GetStringLength());
      if (key == "text") {
        if (!text(m.value, where + ".text", out.text)) return false;
      } else if (key == "details") {
        if (!details(m.value, where + ".details", out.details)) return false;
      } else if (key == "style") {
        const std::string s = m.value.IsString() ? m.value.GetString() : "";
        if (s == "paragraph") out.style = Style::Paragraph;
        else if (s == "headline") out.style = Style::Headline;
        else if (s == "emphasis") out.style = Style::Emphasis;
        else if (s == "small") out.style = Style::Small;
        else return fail(where + ".style", "must be \"paragraph\", \"headline\", \"emphasis\" or \"small\"");
      } else {
        return fail(where + "." + key, "unknown key (allowed: text, style, details)");
      }
    }
    return true;
  }

  bool document(const Value& v, const std::string& where, DocumentTemplate& out) {
    if (!v.IsObject()) return fail(where, "must be an object");
    for (const auto& m : v.GetObject()) {
      const std::string key(m.name.GetString(), m.name.GetStringLength());
      const std::string at = where + "." + key;
      const Value& val = m.value;
      if (key == "orientation") {
        const std::string s = val.IsString() ? val.GetString() : "";
        if (s != "portrait" && s != "landscape") return fail(at, "must be \"portrait\" or \"landscape\"");
        out.landscape = s == "landscape";
      } else if (key == "direction") {
        const std::string s = val.IsString() ? val.GetString() : "";
        if (s != "ltr" && s != "rtl") return fail(at, "must be \"ltr\" or \"rtl\"");
        out.rtl = s == "rtl";
      } else if (key == "align") {
        const std::string s = val.IsString() ? val.GetString() : "";
        if (s == "left") out.align = Align::Left;
        else if (s == "center") out.align = Align::Center;
        else if (s == "justify") out.align = Align::Justify;
        else return fail(at, "must be \"left\", \"center\" or \"justify\"");
      } else if (key == "valign") {
        const std::string s = val.IsString() ? val.GetString() : "";
        if (s != "top" && s != "middle") return fail(at, "must be \"top\" or \"middle\"");
        out.middle = s == "middle";
      } else if (key == "letterhead") {
        if (!lines(val, at, out.letterhead)) return false;
      } else if (key == "reference") {
        if (!lines(val, at, out.reference)) return false;
      } else if (key == "title") {
        if (!lines(val, at, out.title)) return false;
      } else if (key == "body") {
        if (!val.IsArray()) return fail(at, "must be an array of paragraphs");
        out.body.clear();
        for (rapidjson::SizeType i = 0; i < val.Size(); ++i) {
          out.body.emplace_back();
          if (!block(val[i], at + "[" + std::to_string(i) + "]", out.body.back())) return false;
        }
      } else if (key == "signatory") {
        if (!val.IsObject()) return fail(at, "must be an object with name, title, organisation");
        Signatory s;
        for (const auto& sm : val.GetObject()) {
          const std::string sk(sm.name.GetString(), sm.name.GetStringLength());
          std::string* target = sk == "name" ? &s.name : sk == "title" ? &s.title : sk == "organisation" ? &s.organisation : nullptr;
          if (!target) return fail(at + "." + sk, "unknown key (allowed: name, title, organisation)");
          if (!text(sm.value, at + "." + sk, *target)) return false;
        }
        out.signatory = std::move(s);
      } else if (key == "qr_caption") {
        if (!text(val, at, out.qr_caption)) return false;
      } else {
        return fail(at,
                    "unknown key (allowed: orientation, direction, align, valign, letterhead, reference, title, body, "
                    "signatory, qr_caption)");
      }
    }
    return true;
  }

 private:
  std::string& error_;
};

}  // namespace

bool parse_config(std::string_view json, Config& out, std::string& error) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    error = std::string("configuration is not valid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
            " (at byte " + std::to_string(doc.GetErrorOffset()) + ")";
    return false;
  }
  if (!doc.IsObject()) {
    error = "configuration must be a JSON object";
    return false;
  }
  Reader reader(error);
  Config config;
  for (const auto& m : doc.GetObject()) {
    const std::string key(m.name.GetString(), m.name.GetStringLength());
    const Value& val = m.value;
    if (key == "font") {
      if (!val.IsString() || val.GetStringLength() == 0) return reader.fail(key, "must be a non-empty string of font families");
      config.font = val.GetString();
    } else if (key == "page_size") {
      const std::string s = val.IsString() ? val.GetString() : "";
      if (s != "A4" && s != "Letter") return reader.fail(key, "must be \"A4\" or \"Letter\"");
      config.page = s == "A4" ? PageSize::A4 : PageSize::Letter;
    } else if (key == "date_format") {
      const std::string s = val.IsString() ? val.GetString() : "";
      if (s != "long" && s != "iso") return reader.fail(key, "must be \"long\" (10 March 2025) or \"iso\" (2025-03-10)");
      config.long_dates = s == "long";
    } else if (key == "invitation_letter") {
      if (!reader.document(val, key, config.invitation_letter)) return false;
    } else if (key == "certificate") {
      if (!reader.document(val, key, config.certificate)) return false;
    } else {
      return reader.fail(key, "unknown key (allowed: font, page_size, date_format, invitation_letter, certificate)");
    }
  }
  out = std::move(config);
  return true;
}

}  // namespace cohort_documents
