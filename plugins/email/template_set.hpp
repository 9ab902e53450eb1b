#pragma once
/// @file template_set.hpp
/// @brief Mail templates per kind and language, checked when loaded, rendered per call.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohort_email {

/// @brief One piece of a template: literal text, or a {{field.path|filter}} placeholder.
struct TemplatePart {
  std::string text;    ///< literal text, or the field path of a placeholder
  std::string filter;  ///< "", "date" or "percent" (placeholders only)
  bool field = false;
};

/// @brief One template file: the subject line and the body, both parsed.
struct MailTemplate {
  std::string file;  ///< where it was read from (for messages)
  std::string kind, language;
  std::vector<TemplatePart> subject, body;
};

/// @brief Looks a field path up for rendering: true with its text, false when absent.
///        A value that cannot be shown (an object) sets `error`.
using FieldLookup = std::function<bool(std::string_view path, std::string& text, std::string& error)>;

/// @brief Parses one template file's text. Every placeholder must be a field of its kind
///        (kinds.hpp) and use a known filter; otherwise false with `error` naming the line.
bool parse_template(std::string_view text, std::string_view kind, std::string_view language,
                    const std::string& file, MailTemplate& out, std::string& error);

/// @brief Renders parts with `lookup`. A missing field is an error naming it (all of them).
bool render(const std::vector<TemplatePart>& parts, const FieldLookup& lookup, std::string& out,
            std::string& error);

/// @brief All templates, by kind and language.
///
/// Layout: DIR/LANG/KIND.txt (LANG: "en", "zh", ...; KIND: an id from kinds.hpp). Several
/// folders may be given: the first that has a (language, kind) wins, so a programme can
/// override one template and keep the rest. Every kind needs an English template, the last
/// fallback.
class TemplateSet {
 public:
  /// @brief Loads and checks every template in `dirs`. False with every problem in `error`.
  bool load(const std::vector<std::string>& dirs, std::string& error);

  /// @brief The template for exactly this kind and language, or nullptr.
  const MailTemplate* find(std::string_view kind, std::string_view language) const;

  /// @brief Number of (kind, language) templates loaded.
  std::size_t size() const { return templates_.size(); }

  /// @brief The languages that have at least one template, sorted.
  std::vector<std::string> languages() const;

 private:
  std::map<std::pair<std::string, std::string>, MailTemplate, std::less<>> templates_;
};

}  // namespace cohort_email
