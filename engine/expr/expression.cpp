#include "expr/expression.hpp"

#include "expr/details/evaluator.hpp"
#include "expr/details/parser.hpp"

namespace cohort::expr {

bool compile(std::string_view text, const TypeEnv& env, Expression& out, std::vector<Diagnostic>& diagnostics) {
  std::shared_ptr<const detail::Node> root;
  Type type = Type::Any;
  if (!detail::parse_expression(text, env, root, type, diagnostics)) return false;
  out.root_ = std::move(root);
  out.type_ = type;
  out.text_ = std::string(text);
  return true;
}

Value Expression::evaluate(const Scope& scope) const {
  if (!root_) return {};
  Value scratch;
  const Value& v = detail::evaluate(*root_, scope, scratch);
  if (&v == &scratch) return scratch;
  return v;
}

bool Expression::test(const Scope& scope) const {
  if (!root_) return false;
  Value scratch;
  const Value& v = detail::evaluate(*root_, scope, scratch);
  return v.is_bool() && v.as_bool();
}

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Any: return "any";
    case Type::Null: return "null";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Time: return "time";
    case Type::List: return "list";
    case Type::Object: return "object";
  }
  return "?";
}

}  // namespace cohort::expr
