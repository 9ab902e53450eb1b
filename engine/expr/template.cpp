#include <string>
#include <utility>
#include <vector>

#include "expr/details/evaluator.hpp"
#include "expr/details/parser.hpp"
#include "expr/expression.hpp"
#include "value/json.hpp"

namespace cohort::expr {

/// @brief One value of a compiled template. Sub-trees without expressions are built once,
///        here, and only copied (cheaply: lists and objects share storage) when rendered.
struct Template::Node {
  enum class Kind : std::uint8_t { Constant, Expression, List, Object };
  Kind kind = Kind::Constant;
  Value constant;
  std::shared_ptr<const detail::Node> expression;
  std::vector<Node> items;
  std::vector<std::string> keys;

  Value render(const Scope& scope) const;
  static Node build(const Value& json, const TypeEnv& env, const std::string& pointer,
                    std::vector<TemplateDiagnostic>& diagnostics);
};

Value Template::Node::render(const Scope& scope) const {
  switch (kind) {
    case Kind::Constant: return constant;
    case Kind::Expression: {
      Value scratch;
      const Value& v = detail::evaluate(*expression, scope, scratch);
      if (&v == &scratch) return scratch;
      return v;
    }
    case Kind::List: {
      List l;
      l.reserve(items.size());
      for (const auto& item : items) l.push_back(item.render(scope));
      return Value(std::move(l));
    }
    case Kind::Object: {
      Members m;
      m.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) m.emplace_back(keys[i], items[i].render(scope));
      return Value::object(std::move(m));
    }
  }
  return {};
}

Template::Node Template::Node::build(const Value& json, const TypeEnv& env, const std::string& pointer,
                                     std::vector<TemplateDiagnostic>& diagnostics) {
  Node node;
  if (json.is_string()) {
    const std::string& s = json.as_string();
    if (s.rfind("==", 0) == 0) {
      node.constant = Value(std::string_view(s).substr(1));
    } else if (s.rfind('=', 0) == 0) {
      std::vector<Diagnostic> errors;
      Type type = Type::Any;
      std::shared_ptr<const detail::Node> root;
      if (!detail::parse_expression(std::string_view(s).substr(1), env, root, type, errors)) {
        for (auto& e : errors) diagnostics.push_back({pointer, std::move(e)});
      } else if (root->op == detail::Op::Const) {
        node.constant = root->value;
      } else {
        node.kind = Kind::Expression;
        node.expression = std::move(root);
      }
    } else {
      node.constant = json;
    }
    return node;
  }
  if (!json.is_list() && !json.is_object()) {
    node.constant = json;
    return node;
  }
  bool all_constant = true;
  if (json.is_list()) {
    node.kind = Kind::List;
    const auto& l = json.as_list();
    for (std::size_t i = 0; i < l.size(); ++i) {
      node.items.push_back(build(l[i], env, pointer + "/" + std::to_string(i), diagnostics));
      all_constant = all_constant && node.items.back().kind == Kind::Constant;
    }
  } else {
    node.kind = Kind::Object;
    for (const auto& [key, value] : json.members()) {
      node.keys.push_back(key);
      node.items.push_back(build(value, env, pointer + "/" + json_pointer_escape(key), diagnostics));
      all_constant = all_constant && node.items.back().kind == Kind::Constant;
    }
  }
  if (all_constant) {
    // Rendering a constant node ignores the scope, so a null one does.
    static const Value kNone;
    node.constant = node.render(Scope{kNone, kNone, kNone, Timestamp{}});
    node.kind = Kind::Constant;
    node.items.clear();
    node.keys.clear();
  }
  return node;
}

Value Template::render(const Scope& scope) const {
  if (!root_) return {};
  return root_->render(scope);
}

bool compile_template(const Value& json, const TypeEnv& env, Template& out,
                      std::vector<TemplateDiagnostic>& diagnostics) {
  std::size_t before = diagnostics.size();
  Template::Node root = Template::Node::build(json, env, "", diagnostics);
  if (diagnostics.size() != before) return false;
  out.root_ = std::make_shared<const Template::Node>(std::move(root));
  return true;
}

}  // namespace cohort::expr
