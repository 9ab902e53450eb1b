#include "placeholders.hpp"

#include "details/text.hpp"

namespace cohort_documents {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Calls on_text(literal) and on_field(name) in order; false on an unclosed "{{".
template <class OnText, class OnField>
bool walk(std::string_view text, OnText on_text, OnField on_field) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) return false;
    on_text(text.substr(pos, open - pos));
    on_field(trim(text.substr(open + 2, close - open - 2)));
    pos = close + 2;
  }
  on_text(text.substr(pos));
  return true;
}

}  // namespace

bool check_placeholders(std::string_view text, std::string& error) {
  bool ok = true;
  const bool closed = walk(text, [](std::string_view) {}, [&](std::string_view name) {
    if (ok && !is_known_field(name)) {
      error = "unknown field \"" + std::string(name) + "\" in {{" + std::string(name) +
              "}} (fields: name, number, passport_number, programme_title, ... see docs/plugins/documents.md)";
      ok = false;
    }
  });
  if (!closed && ok) {
    error = "a \"{{\" is not closed by \"}}\"";
    ok = false;
  }
  return ok;
}

std::string substitute(std::string_view text, const Fields& fields) {
  // A placeholder alone needs no isolation: the paragraph takes the value's own direction.
  bool alone = true;
  int count = 0;
  walk(text, [&](std::string_view literal) { alone = alone && trim(literal).empty(); },
       [&](std::string_view) { ++count; });
  alone = alone && count == 1;
  std::string out;
  walk(text, [&](std::string_view literal) { out += literal; },
       [&](std::string_view name) {
         const auto value = fields.get(name);
         if (!alone && details::has_rtl(value)) {
           out += "\u2068";  // FIRST STRONG ISOLATE
           out += value;
           out += "\u2069";  // POP DIRECTIONAL ISOLATE
         } else {
           out += value;
         }
       });
  return out;
}

namespace {

// A text whose placeholders all come out empty ("Contact: {{host_contact_email}}" without an
// email) is dropped as a whole rather than printed as a stub.
std::string fill(std::string_view text, const Fields& fields) {
  int placeholders = 0, empty = 0;
  walk(text, [](std::string_view) {}, [&](std::string_view name) {
    ++placeholders;
    if (trim(fields.get(name)).empty()) ++empty;
  });
  if (placeholders > 0 && empty == placeholders) return {};
  return substitute(text, fields);
}

}  // namespace

DocumentTemplate resolve(const DocumentTemplate& tmpl, const Fields& fields) {
  DocumentTemplate out = tmpl;
  auto all = [&](std::vector<std::string>& lines) {
    for (auto& line : lines) line = fill(line, fields);
  };
  all(out.letterhead);
  all(out.reference);
  all(out.title);
  for (auto& block : out.body) {
    block.text = fill(block.text, fields);
    for (auto& row : block.details) {
      row.label = substitute(row.label, fields);
      row.value = fill(row.value, fields);
    }
  }
  out.signatory.name = fill(out.signatory.name, fields);
  out.signatory.title = fill(out.signatory.title, fields);
  out.signatory.organisation = fill(out.signatory.organisation, fields);
  out.qr_caption = fill(out.qr_caption, fields);
  return out;
}

}  // namespace cohort_documents
