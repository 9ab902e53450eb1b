#include "template_set.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "details/encoding.hpp"
#include "details/files.hpp"
#include "kinds.hpp"

namespace cohort_email {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool valid_path(std::string_view path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    (c == '.' && path[i - 1] != '.');
    if (!ok) return false;
  }
  return true;
}

// Parses one line's text into parts; `line` is its 1-based number in the file.
bool parse_parts(std::string_view text, const Kind& kind, const std::string& where, std::size_t first_line,
                 std::vector<TemplatePart>& parts, std::string& error) {
  std::size_t line = first_line;
  std::size_t i = 0;
  std::string literal;
  auto fail = [&](const std::string& why) {
    error = where + ":" + std::to_string(line) + ": " + why;
    return false;
  };
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {
      const auto close = text.find("}}", i + 2);
      const auto newline = text.find('\n', i + 2);
      if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close))
        return fail("\"{{\" without a closing \"}}\" on the same line");
      std::string_view inner = trim(text.substr(i + 2, close - i - 2));
      std::string_view filter;
      if (const auto bar = inner.find('|'); bar != std::string_view::npos) {
        filter = trim(inner.substr(bar + 1));
        inner = trim(inner.substr(0, bar));
      }
      if (!valid_path(inner)) return fail("{{" + std::string(inner) + "}} is not a field path like {{participant.name}}");
      if (!field_allowed(kind, inner))
        return fail("unknown field {{" + std::string(inner) + "}} for kind " + std::string(kind.id) +
                    " (it may use " + describe_fields(kind) + ")");
      if (!filter.empty() && filter != "date" && filter != "percent")
        return fail("unknown filter \"" + std::string(filter) + "\" in {{" + std::string(inner) +
                    "|...}} (filters: date, percent)");
      if (!literal.empty()) parts.push_back({std::move(literal), {}, false});
      literal.clear();
      parts.push_back({std::string(inner), std::string(filter), true});
      i = close + 2;
      continue;
    }
    if (text[i] == '\n') ++line;
    literal += text[i++];
  }
  if (!literal.empty()) parts.push_back({std::move(literal), {}, false});
  return true;
}

std::string apply_filter(std::string_view filter, const std::string& value) {
  if (filter == "date") {
    // ISO dates and instants show their calendar date; anything else stays as given.
    if (value.size() >= 10 && value[4] == '-' && value[7] == '-') return value.substr(0, 10);
    return value;
  }
  if (filter == "percent") {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0') return value;
    char buf[32];
    const double pct = v * 100.0;
    if (std::fabs(pct - std::round(pct)) < 1e-9) {
      std::snprintf(buf, sizeof buf, "%.0f%%", pct);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f%%", pct);
    }
    return buf;
  }
  return value;
}

bool valid_language(std::string_view s) {
  if (s.size() < 2 || s.size() > 3) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

bool parse_template(std::string_view text, std::string_view kind_id, std::string_view language,
                    const std::string& file, MailTemplate& out, std::string& error) {
  const Kind* kind = find_kind(kind_id);
  if (!kind) {
    error = file + ": unknown message kind \"" + std::string(kind_id) + "\" (kinds: " + kind_ids() + ")";
    return false;
  }
  if (!details::is_utf8(text)) {
    error = file + ": not UTF-8 text";
    return false;
  }
  std::string normalised;
  normalised.reserve(text.size());
  for (char c : text)
    if (c != '\r') normalised += c;
  std::string_view rest = normalised;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // a BOM some editors add

  const auto first_end = rest.find('\n');
  const std::string_view first = rest.substr(0, first_end);
  if (first.size() < 8 || (first.substr(0, 8) != "Subject:" && first.substr(0, 8) != "subject:")) {
    error = file + ":1: the first line must be \"Subject: ...\"";
    return false;
  }
  const std::string_view subject = trim(first.substr(8));
  if (subject.empty()) {
    error = file + ":1: the subject is empty";
    return false;
  }
  std::string_view body = first_end == std::string_view::npos ? std::string_view{} : rest.substr(first_end + 1);
  if (body.empty() || body.front() != '\n') {
    error = file + ":2: the subject line must be followed by an empty line, then the body";
    return false;
  }
  body.remove_prefix(1);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
  if (body.empty()) {
    error = file + ": the body is empty";
    return false;
  }

  out = MailTemplate{};
  out.file = file;
  out.kind = std::string(kind_id);
  out.language = std::string(language);
  if (!parse_parts(subject, *kind, file, 1, out.subject, error)) return false;
  if (!parse_parts(std::string(body) + "\n", *kind, file, 3, out.body, error)) return false;
  return true;
}

bool render(const std::vector<TemplatePart>& parts, const FieldLookup& lookup, std::string& out,
            std::string& error) {
  out.clear();
  std::vector<std::string> missing;
  for (const auto& p : parts) {
    if (!p.field) {
      out += p.text;
      continue;
    }
    std::string value, why;
    if (!lookup(p.text, value, why)) {
      if (!why.empty()) {
        error = why;
        return false;
      }
      if (std::find(missing.begin(), missing.end(), p.text) == missing.end()) missing.push_back(p.text);
      continue;
    }
    out += apply_filter(p.filter, value);
  }
  if (!missing.empty()) {
    error = "missing field";
    error += missing.size() > 1 ? "s " : " ";
    for (std::size_t i = 0; i < missing.size(); ++i) error += (i ? ", " : "") + missing[i];
    return false;
  }
  return true;
}

bool TemplateSet::load(const std::vector<std::string>& dirs, std::string& error) {
  templates_.clear();
  std::vector<std::string> problems;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      problems.push_back("template folder " + dir + " does not exist");
      continue;
    }
    // Sorted, so that the first problem reported is the same on every machine.
    std::set<fs::path> languages;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_directory()) languages.insert(e.path());
    for (const auto& lang_dir : languages) {
      const std::string lang = lang_dir.filename().string();
      if (!valid_language(lang)) {
        problems.push_back(lang_dir.string() + ": a language folder is named by its ISO 639-1 code (en, zh, ...)");
        continue;
      }
      std::set<fs::path> files;
      for (const auto& e : fs::directory_iterator(lang_dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.insert(e.path());
      for (const auto& file : files) {
        const std::string kind = file.stem().string();
        auto key = std::make_pair(kind, lang);
        std::string text, why;
        if (!details::read_file(file.string(), text, why)) {
          problems.push_back(why);
          continue;
        }
        MailTemplate t;
        if (!parse_template(text, kind, lang, file.string(), t, why)) {
          problems.push_back(why);
          continue;
        }
        templates_.emplace(std::move(key), std::move(t));  // an earlier folder's template wins
      }
    }
  }
  for (const auto& k : kinds())
    if (!find(k.id, "en") && problems.empty())
      problems.push_back("no English template for kind " + std::string(k.id) + " (en/" + std::string(k.id) +
                         ".txt in " + (dirs.empty() ? std::string("no folder") : dirs.back()) +
                         "): English is the last fallback");
  if (problems.empty()) return true;
  error.clear();
  for (std::size_t i = 0; i < problems.size(); ++i) error += (i ? "; " : "") + problems[i];
  return false;
}

const MailTemplate* TemplateSet::find(std::string_view kind, std::string_view language) const {
  auto it = templates_.find(std::make_pair(std::string(kind), std::string(language)));
  return it == templates_.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateSet::languages() const {
  std::set<std::string> out;
  for (const auto& [key, t] : templates_) out.insert(key.second);
  return {out.begin(), out.end()};
}

}  // namespace cohort_email
