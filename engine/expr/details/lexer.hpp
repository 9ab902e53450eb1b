#pragma once
/// @file lexer.hpp
/// @brief Splits expression text into tokens.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.hpp"

namespace cohort::expr::detail {

/// @brief Kind of a token.
enum class Tok : std::uint8_t {
  End,
  Ident,
  Int,
  Number,
  String,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Dot,
  Question,
  Coalesce,
  Bang,
  Ne,
  Eq,
  Lt,
  Le,
  Gt,
  Ge,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  And,
  Or,
};

/// @brief One token; `text` is the decoded string or the identifier.
struct Token {
  Tok kind = Tok::End;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text;
  /// @brief Magnitude of an Int token; may be 2^63, which only a leading '-' makes valid.
  std::uint64_t int_value = 0;
  double number_value = 0;
};

/// @brief Tokenizes `text` (always ending with an End token). Returns false after adding
///        a diagnostic for the first malformed token.
bool tokenize(std::string_view text, std::vector<Token>& out, std::vector<Diagnostic>& diagnostics);

/// @brief How a token is shown in a message: "')'", "the end of the expression".
std::string describe(const Token& t, std::string_view text);

}  // namespace cohort::expr::detail
