#include "expr/details/parser.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include "expr/details/checker.hpp"
#include "expr/details/lexer.hpp"

namespace cohort::expr::detail {
namespace {

// Deeper nesting than this is not an expression anybody writes by hand; refusing it
// keeps hostile input from exhausting the stack of the recursive descent.
constexpr int kMaxDepth = 100;

constexpr std::uint64_t kTwoTo63 = std::uint64_t{1} << 63;

/// Recursive descent, one function per precedence level, lowest first:
/// ?:  ||  &&  == !=  < <= > >= in  ??  + -  * / %  unary ! -  postfix . [] .
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, Checker& checker, std::vector<Diagnostic>& diags)
      : text_(text), toks_(std::move(tokens)), ck_(checker), diags_(diags) {}

  bool run(Typed& out) {
    if (!expression(out)) return false;
    if (peek().kind != Tok::End) {
      std::string message = "unexpected " + describe(peek(), text_) + " after the end of the expression";
      if (peek().kind == Tok::Ident) {
        if (peek().text == "and") message += " (use '&&' for \"and\")";
        if (peek().text == "or") message += " (use '||' for \"or\")";
        if (peek().text == "not") message += " (use '!' for \"not\")";
      }
      return syntax(peek().offset, std::move(message));
    }
    return true;
  }

 private:
  struct Depth {
    explicit Depth(int& d) : d_(d) { ++d_; }
    ~Depth() { --d_; }
    int& d_;
  };

  const Token& peek() const { return toks_[pos_]; }
  const Token& take() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool is_keyword(std::string_view word) const { return peek().kind == Tok::Ident && peek().text == word; }

  bool syntax(std::size_t offset, std::string message) {
    diags_.push_back({offset, std::move(message)});
    return false;
  }

  bool expect_close(Tok kind, char close, char open, std::size_t open_offset, std::string_view where = {}) {
    if (peek().kind == kind) {
      take();
      return true;
    }
    std::string message = where.empty() ? std::string("expected '") + close + "'"
                                        : std::string("expected ',' or '") + close + "'";
    message += std::string(" to close '") + open + "' at offset " + std::to_string(open_offset);
    if (!where.empty()) message += " (" + std::string(where) + ")";
    message += ", found " + describe(peek(), text_);
    return syntax(peek().offset, std::move(message));
  }

  bool expression(Typed& out) {
    Depth guard(depth_);
    if (depth_ > kMaxDepth) return syntax(peek().offset, "expression nested too deeply");
    return conditional(out);
  }

  bool conditional(Typed& out) {
    if (!logical_or(out)) return false;
    if (peek().kind != Tok::Question) return true;
    std::size_t q = take().offset;
    Typed then, otherwise;
    if (!expression(then)) return false;
    if (peek().kind != Tok::Colon)
      return syntax(peek().offset, "expected ':' to go with the '?' at offset " + std::to_string(q) + ", found " +
                                       describe(peek(), text_));
    take();
    if (!expression(otherwise)) return false;
    out = ck_.conditional(std::move(out), std::move(then), std::move(otherwise));
    return true;
  }

  template <typename Next, typename Match>
  bool left_assoc(Typed& out, Next next, Match match) {
    if (!(this->*next)(out)) return false;
    for (;;) {
      Op op;
      if (!match(op)) return true;
      std::size_t at = take().offset;
      Typed right;
      if (!(this->*next)(right)) return false;
      out = ck_.binary(op, at, std::move(out), std::move(right));
    }
  }

  bool logical_or(Typed& out) {
    return left_assoc(out, &Parser::logical_and, [&](Op& op) { return one_of(op, {{Tok::Or, Op::Or}}); });
  }
  bool logical_and(Typed& out) {
    return left_assoc(out, &Parser::equality, [&](Op& op) { return one_of(op, {{Tok::And, Op::And}}); });
  }
  bool equality(Typed& out) {
    return left_assoc(out, &Parser::relation,
                      [&](Op& op) { return one_of(op, {{Tok::Eq, Op::Eq}, {Tok::Ne, Op::Ne}}); });
  }
  bool relation(Typed& out) {
    return left_assoc(out, &Parser::coalesce, [&](Op& op) {
      if (is_keyword("in")) {
        op = Op::In;
        return true;
      }
      return one_of(op, {{Tok::Lt, Op::Lt}, {Tok::Le, Op::Le}, {Tok::Gt, Op::Gt}, {Tok::Ge, Op::Ge}});
    });
  }

  // `??` binds tighter than comparisons so that `data.score ?? 0 >= 50` reads as intended.
  bool coalesce(Typed& out) {
    if (!additive(out)) return false;
    if (peek().kind != Tok::Coalesce) return true;
    std::size_t at = take().offset;
    Typed right;
    {
      Depth guard(depth_);
      if (depth_ > kMaxDepth) return syntax(peek().offset, "expression nested too deeply");
      if (!coalesce(right)) return false;
    }
    out = ck_.binary(Op::Coalesce, at, std::move(out), std::move(right));
    return true;
  }

  bool additive(Typed& out) {
    return left_assoc(out, &Parser::multiplicative,
                      [&](Op& op) { return one_of(op, {{Tok::Plus, Op::Add}, {Tok::Minus, Op::Sub}}); });
  }
  bool multiplicative(Typed& out) {
    return left_assoc(out, &Parser::unary, [&](Op& op) {
      return one_of(op, {{Tok::Star, Op::Mul}, {Tok::Slash, Op::Div}, {Tok::Percent, Op::Mod}});
    });
  }

  bool one_of(Op& op, std::initializer_list<std::pair<Tok, Op>> choices) {
    for (auto [tok, o] : choices) {
      if (peek().kind == tok) {
        op = o;
        return true;
      }
    }
    return false;
  }

  bool unary(Typed& out) {
    Tok k = peek().kind;
    if (k != Tok::Bang && k != Tok::Minus) return postfix(out);
    std::size_t at = take().offset;
    Depth guard(depth_);
    if (depth_ > kMaxDepth) return syntax(peek().offset, "expression nested too deeply");
    if (k == Tok::Minus && peek().kind == Tok::Int && peek().int_value == kTwoTo63) {
      take();
      out = ck_.constant(Value(std::numeric_limits<std::int64_t>::min()), at);
      return true;
    }
    Typed operand;
    if (!unary(operand)) return false;
    out = ck_.unary(k == Tok::Bang ? Op::Not : Op::Neg, at, std::move(operand));
    return true;
  }

  bool postfix(Typed& out) {
    if (!primary(out)) return false;
    for (;;) {
      if (peek().kind == Tok::Dot) {
        take();
        if (peek().kind != Tok::Ident)
          return syntax(peek().offset, "expected a member name after '.', found " + describe(peek(), text_));
        const Token& name = take();
        out = ck_.member(std::move(out), name.text, name.offset);
      } else if (peek().kind == Tok::LBracket) {
        std::size_t open = take().offset;
        Typed key;
        if (!expression(key)) return false;
        if (!expect_close(Tok::RBracket, ']', '[', open)) return false;
        out = ck_.index(std::move(out), std::move(key), open);
      } else if (peek().kind == Tok::LParen) {
        return syntax(peek().offset, "only the built-in functions can be called, e.g. len(data.name)");
      } else {
        return true;
      }
    }
  }

  bool primary(Typed& out) {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Int:
        if (t.int_value >= kTwoTo63)
          return syntax(t.offset, "integer out of range: " + std::string(text_.substr(t.offset, t.length)));
        out = ck_.constant(Value(static_cast<std::int64_t>(t.int_value)), t.offset);
        take();
        return true;
      case Tok::Number:
        out = ck_.constant(Value(t.number_value), t.offset);
        take();
        return true;
      case Tok::String:
        out = ck_.constant(Value(t.text), t.offset);
        take();
        return true;
      case Tok::Ident: return identifier(out);
      case Tok::LParen: {
        std::size_t open = take().offset;
        if (!expression(out)) return false;
        return expect_close(Tok::RParen, ')', '(', open);
      }
      case Tok::LBracket: return list(out);
      case Tok::LBrace: return object(out);
      default: return syntax(t.offset, "expected an expression, found " + describe(t, text_));
    }
  }

  bool identifier(Typed& out) {
    const Token& t = take();
    if (t.text == "true" || t.text == "false") {
      out = ck_.constant(Value(t.text == "true"), t.offset);
      return true;
    }
    if (t.text == "null") {
      out = ck_.constant(Value(), t.offset);
      return true;
    }
    if (t.text == "in") return syntax(t.offset, "expected an expression, found 'in'");
    if (peek().kind != Tok::LParen) {
      out = ck_.name(t.text, t.offset);
      return true;
    }
    std::size_t open = take().offset;
    std::vector<Typed> args;
    if (peek().kind == Tok::RParen) {
      take();
    } else {
      for (;;) {
        Typed arg;
        if (!expression(arg)) return false;
        args.push_back(std::move(arg));
        if (peek().kind == Tok::Comma) {
          take();
          continue;
        }
        if (!expect_close(Tok::RParen, ')', '(', open, "of the call to " + t.text)) return false;
        break;
      }
    }
    out = ck_.call(t.text, t.offset, std::move(args));
    return true;
  }

  bool list(Typed& out) {
    std::size_t open = take().offset;
    std::vector<Typed> items;
    if (peek().kind == Tok::RBracket) {
      take();
    } else {
      for (;;) {
        Typed item;
        if (!expression(item)) return false;
        items.push_back(std::move(item));
        if (peek().kind == Tok::Comma) {
          take();
          continue;
        }
        if (!expect_close(Tok::RBracket, ']', '[', open, "of the list")) return false;
        break;
      }
    }
    out = ck_.list(open, std::move(items));
    return true;
  }

  bool object(Typed& out) {
    std::size_t open = take().offset;
    std::vector<std::pair<std::string, std::size_t>> keys;
    std::vector<Typed> values;
    if (peek().kind == Tok::RBrace) {
      take();
    } else {
      for (;;) {
        const Token& key = peek();
        if (key.kind != Tok::Ident && key.kind != Tok::String)
          return syntax(key.offset, "expected a key (a name or a quoted string) in the object at offset " +
                                        std::to_string(open) + ", found " + describe(key, text_));
        take();
        if (peek().kind != Tok::Colon)
          return syntax(peek().offset, "expected ':' after the key '" + key.text + "', found " +
                                           describe(peek(), text_));
        take();
        Typed value;
        if (!expression(value)) return false;
        keys.emplace_back(key.text, key.offset);
        values.push_back(std::move(value));
        if (peek().kind == Tok::Comma) {
          take();
          continue;
        }
        if (!expect_close(Tok::RBrace, '}', '{', open, "of the object")) return false;
        break;
      }
    }
    out = ck_.object(open, std::move(keys), std::move(values));
    return true;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  Checker& ck_;
  std::vector<Diagnostic>& diags_;
  int depth_ = 0;
};

}  // namespace

bool parse_expression(std::string_view text, const TypeEnv& env, std::shared_ptr<const Node>& out, Type& type,
                      std::vector<Diagnostic>& diagnostics) {
  std::size_t before = diagnostics.size();
  std::vector<Token> tokens;
  if (!tokenize(text, tokens, diagnostics)) return false;
  Checker checker(env, diagnostics);
  Parser parser(text, std::move(tokens), checker, diagnostics);
  Typed result;
  if (!parser.run(result) || diagnostics.size() != before) return false;
  type = result.info.type;
  out = std::shared_ptr<const Node>(std::move(result.node));
  return true;
}

}  // namespace cohort::expr::detail
