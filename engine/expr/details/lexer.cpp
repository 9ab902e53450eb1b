#include "expr/details/lexer.hpp"

#include <charconv>

namespace cohort::expr::detail {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  Lexer(std::string_view text, std::vector<Diagnostic>& diagnostics) : s_(text), diags_(diagnostics) {}

  bool run(std::vector<Token>& out) {
    for (;;) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
      Token t;
      t.offset = i_;
      if (i_ == s_.size()) {
        out.push_back(std::move(t));
        return true;
      }
      if (!next(t)) return false;
      t.length = i_ - t.offset;
      out.push_back(std::move(t));
    }
  }

 private:
  bool fail(std::size_t offset, std::string message) {
    diags_.push_back({offset, std::move(message)});
    return false;
  }

  bool next(Token& t) {
    char c = s_[i_];
    if (is_ident_start(c)) {
      std::size_t start = i_;
      while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
      t.kind = Tok::Ident;
      t.text = std::string(s_.substr(start, i_ - start));
      return true;
    }
    if (is_digit(c)) return number(t);
    if (c == '\'' || c == '"') return string(t, c);
    char n = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
    auto two = [&](Tok kind) {
      t.kind = kind;
      i_ += 2;
      return true;
    };
    auto one = [&](Tok kind) {
      t.kind = kind;
      i_ += 1;
      return true;
    };
    switch (c) {
      case '(': return one(Tok::LParen);
      case ')': return one(Tok::RParen);
      case '[': return one(Tok::LBracket);
      case ']': return one(Tok::RBracket);
      case '{': return one(Tok::LBrace);
      case '}': return one(Tok::RBrace);
      case ',': return one(Tok::Comma);
      case ':': return one(Tok::Colon);
      case '.':
        if (is_digit(n)) return fail(i_, "a number must start with a digit: write 0.5, not .5");
        return one(Tok::Dot);
      case '?': return n == '?' ? two(Tok::Coalesce) : one(Tok::Question);
      case '!': return n == '=' ? two(Tok::Ne) : one(Tok::Bang);
      case '=':
        if (n == '=') return two(Tok::Eq);
        return fail(i_, "'=' is not an operator: use '==' to compare");
      case '<': return n == '=' ? two(Tok::Le) : one(Tok::Lt);
      case '>': return n == '=' ? two(Tok::Ge) : one(Tok::Gt);
      case '+': return one(Tok::Plus);
      case '-': return one(Tok::Minus);
      case '*': return one(Tok::Star);
      case '/': return one(Tok::Slash);
      case '%': return one(Tok::Percent);
      case '&':
        if (n == '&') return two(Tok::And);
        return fail(i_, "unexpected '&': use '&&' for \"and\"");
      case '|':
        if (n == '|') return two(Tok::Or);
        return fail(i_, "unexpected '|': use '||' for \"or\"");
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F)
      return fail(i_, "unexpected character (byte 0x" + hex(static_cast<unsigned char>(c)) + ")");
    return fail(i_, std::string("unexpected character '") + c + "'");
  }

  static std::string hex(unsigned v) {
    const char* digits = "0123456789ABCDEF";
    return {digits[(v >> 4) & 0xF], digits[v & 0xF]};
  }

  bool number(Token& t) {
    std::size_t start = i_;
    while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    bool decimal = false;
    if (i_ < s_.size() && s_[i_] == '.' && i_ + 1 < s_.size() && is_digit(s_[i_ + 1])) {
      decimal = true;
      ++i_;
      while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      std::size_t j = i_ + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j >= s_.size() || !is_digit(s_[j])) return fail(i_, "expected digits after the exponent 'e'");
      decimal = true;
      i_ = j;
      while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    }
    if (i_ < s_.size() && is_ident_start(s_[i_]))
      return fail(i_, "unexpected '" + std::string(1, s_[i_]) + "' after a number");
    std::string_view digits = s_.substr(start, i_ - start);
    if (decimal) {
      auto r = std::from_chars(digits.data(), digits.data() + digits.size(), t.number_value);
      if (r.ec != std::errc()) return fail(start, "number out of range: " + std::string(digits));
      t.kind = Tok::Number;
      return true;
    }
    std::uint64_t v = 0;
    for (char d : digits) {
      auto digit = static_cast<std::uint64_t>(d - '0');
      if (__builtin_mul_overflow(v, std::uint64_t{10}, &v) || __builtin_add_overflow(v, digit, &v) ||
          v > (std::uint64_t{1} << 63))
        return fail(start, "integer out of range: " + std::string(digits) +
                               " (integers are 64-bit; write a decimal such as 1.0e20 for larger numbers)");
    }
    t.kind = Tok::Int;
    t.int_value = v;
    return true;
  }

  bool string(Token& t, char quote) {
    std::size_t start = i_++;
    std::string out;
    for (;;) {
      if (i_ >= s_.size())
        return fail(start, "unterminated string starting at offset " + std::to_string(start) +
                               ": expected a closing " + (quote == '\'' ? "'" : "\""));
      char c = s_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (c != '\\') {
        out += c;
        ++i_;
        continue;
      }
      std::size_t esc = i_;
      if (++i_ >= s_.size()) continue;
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case '0': out += '\0'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp)) return fail(esc, "expected four hex digits after \\u");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low;
            if (i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
              i_ += 2;
              if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                return fail(esc, "a \\u escape of a high surrogate must be followed by a low surrogate");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              return fail(esc, "a \\u escape of a high surrogate must be followed by a low surrogate");
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(esc, "unpaired low surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return fail(esc, std::string("unknown escape '\\") + e +
                               "' (known: \\n \\t \\r \\b \\f \\0 \\\\ \\' \\\" \\/ \\uXXXX)");
      }
    }
    t.kind = Tok::String;
    t.text = std::move(out);
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    if (i_ + 4 > s_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[i_ + k];
      std::uint32_t d;
      if (h >= '0' && h <= '9') d = h - '0';
      else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
      else return false;
      cp = cp * 16 + d;
    }
    i_ += 4;
    return true;
  }

  std::string_view s_;
  std::vector<Diagnostic>& diags_;
  std::size_t i_ = 0;
};

}  // namespace

bool tokenize(std::string_view text, std::vector<Token>& out, std::vector<Diagnostic>& diagnostics) {
  return Lexer(text, diagnostics).run(out);
}

std::string describe(const Token& t, std::string_view text) {
  if (t.kind == Tok::End) return "the end of the expression";
  // Appended piecewise: `"'" + std::string(...)` trips GCC 12's -Wrestrict false positive at -O3.
  std::string out;
  out.reserve(t.length + 2);
  out += '\'';
  out += text.substr(t.offset, t.length);
  out += '\'';
  return out;
}

}  // namespace cohort::expr::detail
