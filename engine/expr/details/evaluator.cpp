#include "expr/details/evaluator.hpp"

#include <array>
#include <cstdint>

#include "expr/details/builtin.hpp"
#include "expr/details/operations.hpp"

namespace cohort::expr::detail {
namespace {

const Value kNull;
const Value kTrue(true);
const Value kFalse(false);

const Value& boolean(bool b) { return b ? kTrue : kFalse; }

// A stored value read where the schema promises a date: strings become times here.
const Value& as_declared(const Node& node, const Value& v, Value& scratch) {
  if (!node.to_time || !v.is_string()) return v;
  auto t = to_time(v);
  if (!t) return kNull;
  scratch = Value(*t);
  return scratch;
}

const Value& index(const Value& base, const Value& key) {
  if (base.is_list() && key.is_int()) {
    const auto& l = base.as_list();
    std::int64_t i = key.as_int();
    if (i < 0 || static_cast<std::uint64_t>(i) >= l.size()) return kNull;
    return l[static_cast<std::size_t>(i)];
  }
  if (base.is_object() && key.is_string()) return base[key.as_string()];
  return kNull;
}

// Three-valued logic: false wins over anything in `&&`, true in `||`; otherwise a
// non-boolean operand makes the result null.
const Value& logic(const Node& node, const Scope& scope, bool is_and) {
  Value sa;
  const Value& a = evaluate(*node.kids[0], scope, sa);
  if (a.is_bool() && a.as_bool() != is_and) return boolean(!is_and);
  Value sb;
  const Value& b = evaluate(*node.kids[1], scope, sb);
  if (b.is_bool() && b.as_bool() != is_and) return boolean(!is_and);
  if (a.is_bool() && b.is_bool()) return boolean(is_and);
  return kNull;
}

}  // namespace

const Value& evaluate(const Node& node, const Scope& scope, Value& scratch) {
  switch (node.op) {
    case Op::Const: return node.value;
    case Op::Data: return scope.data;
    case Op::Event: return scope.event;
    case Op::Programme: return scope.programme;
    case Op::Now: scratch = Value(scope.now); return scratch;
    case Op::Member: {
      const Value& base = evaluate(*node.kids[0], scope, scratch);
      const Value* v = base.find(node.name);
      if (!v) return kNull;
      if (&base == &scratch) {
        // The object lives only in scratch: keep the member before overwriting it.
        Value member = *v;
        scratch = std::move(member);
        return as_declared(node, scratch, scratch);
      }
      return as_declared(node, *v, scratch);
    }
    case Op::Index: {
      Value sk;
      const Value& key = evaluate(*node.kids[1], scope, sk);
      const Value& base = evaluate(*node.kids[0], scope, scratch);
      const Value& v = index(base, key);
      if (&base == &scratch && &v != &kNull) {
        Value element = v;
        scratch = std::move(element);
        return as_declared(node, scratch, scratch);
      }
      return as_declared(node, v, scratch);
    }
    case Op::Not: {
      const Value& a = evaluate(*node.kids[0], scope, scratch);
      return a.is_bool() ? boolean(!a.as_bool()) : kNull;
    }
    case Op::Neg: {
      Value sa;
      const Value& a = evaluate(*node.kids[0], scope, sa);
      scratch = op_neg(a);
      return scratch;
    }
    case Op::And: return logic(node, scope, true);
    case Op::Or: return logic(node, scope, false);
    case Op::Coalesce: {
      const Value& a = evaluate(*node.kids[0], scope, scratch);
      if (!a.is_null()) return a;
      return evaluate(*node.kids[1], scope, scratch);
    }
    case Op::Cond: {
      Value sc;
      const Value& c = evaluate(*node.kids[0], scope, sc);
      if (!c.is_bool()) return kNull;
      return evaluate(*node.kids[c.as_bool() ? 1 : 2], scope, scratch);
    }
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::In:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Mod: {
      Value sa, sb;
      const Value& a = evaluate(*node.kids[0], scope, sa);
      const Value& b = evaluate(*node.kids[1], scope, sb);
      switch (node.op) {
        case Op::Eq: return boolean(op_equal(a, b));
        case Op::Ne: return boolean(!op_equal(a, b));
        case Op::Lt: { auto c = op_compare(a, b); return boolean(c && *c < 0); }
        case Op::Le: { auto c = op_compare(a, b); return boolean(c && *c <= 0); }
        case Op::Gt: { auto c = op_compare(a, b); return boolean(c && *c > 0); }
        case Op::Ge: { auto c = op_compare(a, b); return boolean(c && *c >= 0); }
        case Op::In: scratch = op_in(a, b); return scratch;
        case Op::Add: scratch = op_add(a, b); return scratch;
        case Op::Sub: scratch = op_sub(a, b); return scratch;
        case Op::Mul: scratch = op_mul(a, b); return scratch;
        case Op::Div: scratch = op_div(a, b); return scratch;
        case Op::Mod: scratch = op_mod(a, b); return scratch;
        default: return kNull;
      }
    }
    case Op::MakeList: {
      List l;
      l.reserve(node.kids.size());
      for (const auto& k : node.kids) {
        Value s;
        l.push_back(evaluate(*k, scope, s));
      }
      scratch = Value(std::move(l));
      return scratch;
    }
    case Op::MakeObject: {
      Members m;
      m.reserve(node.kids.size());
      for (std::size_t i = 0; i < node.kids.size(); ++i) {
        Value s;
        m.emplace_back(node.keys[i], evaluate(*node.kids[i], scope, s));
      }
      scratch = Value::object(std::move(m));
      return scratch;
    }
    case Op::Call: {
      std::array<Value, kMaxBuiltinArgs> slots;
      std::array<const Value*, kMaxBuiltinArgs> args{};
      std::size_t n = node.kids.size() < kMaxBuiltinArgs ? node.kids.size() : kMaxBuiltinArgs;
      for (std::size_t i = 0; i < n; ++i) args[i] = &evaluate(*node.kids[i], scope, slots[i]);
      scratch = call_builtin(node.fn, args.data(), n);
      return scratch;
    }
  }
  return kNull;
}

}  // namespace cohort::expr::detail
