#include "import/csv_reader.hpp"

#include <cstdint>

namespace cohort::import {
namespace {

char guess_separator(std::string_view text) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++comma;
    else if (c == ';') ++semicolon;
    else if (c == '\t') ++tab;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

CsvReader::CsvReader(std::string_view text, char separator) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
    pos_ = 3;
    bom_ = true;
  }
  separator_ = separator ? separator : guess_separator(text_.substr(pos_));
}

bool CsvReader::next(CsvRecord& out) {
  if (pos_ >= text_.size()) return false;
  out = CsvRecord{};
  out.row = ++row_;
  out.line = line_;
  std::string field;
  bool field_quoted = false;  // the current field began with a quote
  bool in_quotes = false;
  bool after_close = false;   // a quoted field's closing quote was read; only a separator may follow
  auto fail = [&](std::string why) {
    if (out.error.empty()) {
      out.error = std::move(why);
      out.error_field = out.fields.size() + 1;
    }
  };
  auto end_field = [&] {
    if (!valid_utf8(field)) fail("the text is not valid UTF-8 (save the file as \"CSV UTF-8\")");
    out.fields.push_back(std::move(field));
    field.clear();
    field_quoted = after_close = false;
  };
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {  // "" stands for one quote
          field += '"';
          ++pos_;
        } else {
          in_quotes = false;
          after_close = true;
        }
        continue;
      }
      if (c == '\n' || (c == '\r' && !(pos_ < text_.size() && text_[pos_] == '\n'))) ++line_;
      field += c;
      continue;
    }
    if (c == separator_) {
      end_field();
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      end_field();
      return true;
    }
    if (c == '"' && field.empty() && !field_quoted && !after_close) {
      field_quoted = in_quotes = true;
      continue;
    }
    if (after_close) {
      fail("text after the closing quote of a quoted field (a quote inside a quoted field is written \"\")");
      after_close = false;
    }
    field += c;
  }
  if (in_quotes) fail("a quoted field is not closed before the end of the file");
  end_field();
  return true;
}

}  // namespace cohort::import
