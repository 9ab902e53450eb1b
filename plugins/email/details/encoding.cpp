#include "details/encoding.hpp"


namespace cohort_email::details {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHex[] = "0123456789ABCDEF";

// Bytes a UTF-8 sequence starting with `lead` spans (1 for anything that is not a lead byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

void append_escape(std::string& out, unsigned char c, char marker) {
  out += marker;
  out += kHex[c >> 4];
  out += kHex[c & 0x0F];
}

}  // namespace

std::string base64(std::string_view bytes, std::size_t line_length) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + (line_length ? bytes.size() / line_length * 2 + 2 : 0));
  std::size_t column = 0;
  auto put = [&](char c) {
    if (line_length && column == line_length) {
      out += "\r\n";
      column = 0;
    }
    out += c;
    ++column;
  };
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]),
               b2 = static_cast<unsigned char>(bytes[i + 2]);
    put(kBase64[b0 >> 2]);
    put(kBase64[((b0 & 0x03) << 4) | (b1 >> 4)]);
    put(kBase64[((b1 & 0x0F) << 2) | (b2 >> 6)]);
    put(kBase64[b2 & 0x3F]);
  }
  if (const std::size_t rest = bytes.size() - i; rest) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    const auto b1 = rest == 2 ? static_cast<unsigned char>(bytes[i + 1]) : 0;
    put(kBase64[b0 >> 2]);
    put(kBase64[((b0 & 0x03) << 4) | (b1 >> 4)]);
    put(rest == 2 ? kBase64[(b1 & 0x0F) << 2] : '=');
    put('=');
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 11 / 10 + 16);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\r\n", start);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    const std::string_view line = text.substr(start, end - start);

    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      // A leading "." or "From " survives careless relays and mbox files only when escaped.
      const bool risky_start = column == 0 && (c == '.' || (c == 'F' && line.substr(i, 5) == "From "));
      const bool literal = !risky_start && ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end));
      const std::size_t width = literal ? 1 : 3;
      // Room for the token plus a soft break "=" within 76 columns (the last token may take column 76).
      if (column + width > (at_end ? 76u : 75u)) {
        out += "=\r\n";
        column = 0;
      }
      if (literal) {
        out += static_cast<char>(c);
      } else {
        append_escape(out, c, '=');
      }
      column += width;
    }
    if (last) break;
    out += "\r\n";
    start = end + 2;
  }
  return out;
}

bool is_plain_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (!((c >= 32 && c <= 126) || c == '\t')) return false;
  return true;
}

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t n = sequence_length(lead);
    if (lead >= 0x80 && n == 1) return false;
    if (i + n > text.size()) return false;
    std::uint32_t cp = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

std::string encoded_words(std::string_view utf8) {
  // 39 bytes give 52 base64 characters: "=?UTF-8?B?" + 52 + "?=" = 64, and a header
  // line with "Subject: " in front stays within 76 characters.
  constexpr std::size_t kChunk = 39;
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = i;
    while (end < utf8.size()) {
      const std::size_t n = sequence_length(static_cast<unsigned char>(utf8[end]));
      if (end + n - i > kChunk && end > i) break;
      end += n;
    }
    if (end > utf8.size()) end = utf8.size();
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string header_text(std::string_view utf8, std::size_t name_length) {
  if (!is_plain_ascii(utf8) || utf8.find("=?") != std::string_view::npos) return encoded_words(utf8);
  if (name_length + utf8.size() <= 76) return std::string(utf8);
  // Fold before a space once the line would pass 76 characters; the space starts the next line.
  std::string out;
  std::size_t column = name_length;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t next = utf8.find(' ', i + 1);
    if (next == std::string_view::npos) next = utf8.size();
    const std::string_view word = utf8.substr(i, next - i);
    if (column + word.size() > 76 && column > name_length && word.front() == ' ') {
      out += "\r\n";
      column = 0;
    }
    out += word;
    column += word.size();
    i = next;
  }
  return out;
}

std::string display_name(std::string_view utf8) {
  if (utf8.empty()) return {};
  if (!is_plain_ascii(utf8) || utf8.find("=?") != std::string_view::npos) return encoded_words(utf8);
  std::string out = "\"";
  for (char c : utf8) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string rfc2231_value(std::string_view utf8) {
  std::string out = "UTF-8''";
  for (unsigned char c : utf8) {
    const bool attr_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           c == '!' || c == '#' || c == '$' || c == '&' || c == '+' || c == '-' || c == '.' ||
                           c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
    if (attr_char) {
      out += static_cast<char>(c);
    } else {
      append_escape(out, c, '%');
    }
  }
  return out;
}

std::string hex(std::string_view bytes) {
  constexpr char lower[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += lower[c >> 4];
    out += lower[c & 0x0F];
  }
  return out;
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace cohort_email::details
