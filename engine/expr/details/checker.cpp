#include "expr/details/checker.hpp"

#include <algorithm>
#include <optional>

#include "expr/details/builtin.hpp"
#include "expr/details/evaluator.hpp"
#include "value/time.hpp"

namespace cohort::expr::detail {
namespace {

bool numeric(Type t) { return t == Type::Int || t == Type::Number; }

Type unify(Type a, Type b) {
  if (a == b) return a;
  if (a == Type::Null) return b;
  if (b == Type::Null) return a;
  if (numeric(a) && numeric(b)) return Type::Number;
  return Type::Any;
}

std::string_view op_text(Op op) {
  switch (op) {
    case Op::Not: return "!";
    case Op::Neg: return "-";
    case Op::And: return "&&";
    case Op::Or: return "||";
    case Op::Coalesce: return "??";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::In: return "in";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    default: return "?";
  }
}

// Appends rather than `"'" + std::string(s)`, which trips GCC 12's -Wrestrict false positive at -O3.
std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

Type type_of_value(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return Type::Null;
    case Value::Kind::Bool: return Type::Bool;
    case Value::Kind::Int: return Type::Int;
    case Value::Kind::Double: return Type::Number;
    case Value::Kind::String: return Type::String;
    case Value::Kind::Time: return Type::Time;
    case Value::Kind::List: return Type::List;
    case Value::Kind::Object: return Type::Object;
  }
  return Type::Any;
}

// The closest of `names` to `wanted`, when close enough to be a plausible typo.
std::optional<std::string> closest(std::string_view wanted, const std::vector<std::string>& names) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, wanted.size() / 3) + 1;
  for (const auto& n : names) {
    std::size_t d = edit_distance(wanted, n);
    // A truncated or extended name ("lenght" for "len") is a likelier slip than its distance says.
    std::string_view shorter = wanted.size() < n.size() ? wanted : std::string_view(n);
    std::string_view longer = wanted.size() < n.size() ? std::string_view(n) : wanted;
    if (shorter.size() >= 3 && longer.substr(0, shorter.size()) == shorter) d = std::min<std::size_t>(d, 1);
    if (d < best_distance) {
      best_distance = d;
      best = n;
    }
  }
  return best;
}

std::string name_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 20;
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    if (i) s += ", ";
    s += names[i];
  }
  if (names.size() > kShown) s += ", ...";
  return s;
}

std::optional<Type> arithmetic(Op op, Type a, Type b) {
  const bool an = numeric(a), bn = numeric(b), aa = a == Type::Any, ba = b == Type::Any;
  switch (op) {
    case Op::Add: {
      if (a == Type::Int && b == Type::Int) return Type::Int;
      if (an && bn) return Type::Number;
      if (a == b && (a == Type::String || a == Type::List)) return a;
      if ((a == Type::Time && bn) || (an && b == Type::Time)) return Type::Time;
      if (aa && ba) return Type::Any;
      if (aa || ba) {
        Type other = aa ? b : a;
        if (other == Type::String || other == Type::List || other == Type::Time) return other;
        if (numeric(other)) return Type::Any;
      }
      return std::nullopt;
    }
    case Op::Sub: {
      if (a == Type::Int && b == Type::Int) return Type::Int;
      if (an && bn) return Type::Number;
      if (a == Type::Time && b == Type::Time) return Type::Int;
      if (a == Type::Time && bn) return Type::Time;
      if (aa && b == Type::Time) return Type::Int;
      if ((aa || an) && (ba || bn)) return Type::Any;
      if (a == Type::Time && ba) return Type::Any;
      return std::nullopt;
    }
    case Op::Mul:
    case Op::Mod: {
      if (a == Type::Int && b == Type::Int) return Type::Int;
      if (an && bn) return Type::Number;
      if ((aa || an) && (ba || bn)) return (a == Type::Number || b == Type::Number) ? Type::Number : Type::Any;
      return std::nullopt;
    }
    case Op::Div:
      if ((aa || an) && (ba || bn)) return Type::Number;
      return std::nullopt;
    default: return std::nullopt;
  }
}

const Value kNoValue;

// The path of a member for messages ("data.address.city"). It stops growing past a
// length nobody reads, so that absurdly long chains stay linear to compile.
std::string extend_path(const std::string& base, const std::string& step) {
  if (base.empty()) return {};
  if (base.size() > 200) return base;
  return base + step;
}

}  // namespace

void Checker::error(std::size_t offset, std::string message) { diags_.push_back({offset, std::move(message)}); }

Typed Checker::make(Op op, Type type, std::size_t offset, std::vector<Typed> kids) {
  Typed t;
  t.node = std::make_unique<Node>();
  t.node->op = op;
  t.node->type = type;
  t.node->offset = static_cast<std::uint32_t>(offset);
  for (auto& k : kids) {
    t.height = std::max(t.height, k.height + 1);
    t.node->kids.push_back(std::move(k.node));
  }
  t.info.type = type;
  // `1 + 1 + ... + 1` builds a tree as deep as it is long without the parser recursing;
  // this keeps evaluation (which does recurse) to a bounded stack.
  if (t.height > kMaxTreeHeight) {
    if (!too_deep_reported_)
      error(offset, "expression nested too deeply (more than " + std::to_string(kMaxTreeHeight) +
                        " levels of operators); split it or use sum() for long sums");
    too_deep_reported_ = true;
    // Cut the tree here so that even a failed compile never holds (and recursively
    // destroys) a tree deeper than the limit.
    t.node->kids.clear();
    t.node->op = Op::Const;
    t.node->type = Type::Any;
    t.info.type = Type::Any;
    t.info.path.clear();
    t.height = 1;
  }
  return t;
}

Typed Checker::poisoned(Op op, std::size_t offset, std::vector<Typed> kids) {
  return make(op, Type::Any, offset, std::move(kids));
}

// Operations on constants are done once here; the scope is never read because no
// root appears below a node whose children are all constants.
Typed Checker::fold(Typed t) {
  if (t.node->kids.empty()) return t;
  for (const auto& k : t.node->kids)
    if (k->op != Op::Const) return t;
  static const Scope empty{kNoValue, kNoValue, kNoValue, Timestamp{}};
  Value scratch;
  Value v = evaluate(*t.node, empty, scratch);
  auto c = std::make_unique<Node>();
  c->op = Op::Const;
  c->type = t.node->type;
  c->offset = t.node->offset;
  c->value = std::move(v);
  t.node = std::move(c);
  t.height = 1;
  return t;
}

Typed Checker::constant(Value v, std::size_t offset) {
  Type type = type_of_value(v);
  Typed t = make(Op::Const, type, offset, {});
  t.node->value = std::move(v);
  return t;
}

Typed Checker::name(std::string_view name, std::size_t offset) {
  auto root = [&](Op op, const Value& schema) {
    Typed t = make(op, Type::Any, offset, {});
    t.info = type_of_schema(schema.is_null() ? nullptr : &schema, std::string(name));
    t.node->type = t.info.type;
    return t;
  };
  if (name == "data") return root(Op::Data, env_.data_schema);
  if (name == "event") return root(Op::Event, env_.event_schema);
  if (name == "programme") return root(Op::Programme, env_.programme_schema);
  if (name == "now") return make(Op::Now, Type::Time, offset, {});
  std::string message = "unknown name " + quoted(name);
  if (find_builtin(name)) {
    message += ": " + std::string(name) + " is a function, call it as " + std::string(name) + "(...)";
  } else {
    message += " (known: data, event, programme, now, true, false, null)";
    if (auto best = closest(name, {"data", "event", "programme", "now", "true", "false", "null"}))
      message += "; did you mean " + quoted(*best) + "?";
  }
  error(offset, std::move(message));
  return poisoned(Op::Const, offset, {});
}

Typed Checker::member_of_schema(Typed base, std::string name, std::size_t offset, Op op, Typed* key) {
  std::string path = extend_path(base.info.path, "." + name);
  TypeInfo info;
  info.path = path;
  if (base.info.type == Type::Object && base.info.schema) {
    const Value* field = nullptr;
    switch (find_field(*base.info.schema, name, field)) {
      case FieldLookup::Declared:
      case FieldLookup::Open: info = type_of_schema(field, path); break;
      case FieldLookup::Undeclared: {
        auto names = field_names(*base.info.schema);
        std::string message = (base.info.path.empty() ? std::string("the object") : base.info.path) +
                              " has no field " + quoted(name) + " (known: " + name_list(names) + ")";
        if (auto best = closest(name, names)) message += "; did you mean " + quoted(*best) + "?";
        error(offset, std::move(message));
        break;
      }
    }
  }
  std::vector<Typed> kids;
  std::size_t start = base.node->offset;
  kids.push_back(std::move(base));
  if (key) kids.push_back(std::move(*key));
  Typed t = make(op, info.type, start, std::move(kids));
  t.node->name = std::move(name);
  t.node->to_time = info.stored_as_string_time;
  t.info = std::move(info);
  return fold(std::move(t));
}

Typed Checker::member(Typed base, std::string name, std::size_t name_offset) {
  Type bt = base.info.type;
  if (bt != Type::Object && bt != Type::Any) {
    std::string what = base.info.path.empty() ? "a value" : base.info.path;
    error(name_offset, "cannot read " + quoted(name) + " from " + what + " of type " +
                           std::string(type_name(bt)) + ": only objects have members");
    std::size_t start = base.node->offset;
    std::vector<Typed> kids;
    kids.push_back(std::move(base));
    return poisoned(Op::Member, start, std::move(kids));
  }
  return member_of_schema(std::move(base), std::move(name), name_offset, Op::Member, nullptr);
}

Typed Checker::index(Typed base, Typed key, std::size_t bracket_offset) {
  Type bt = base.info.type, kt = key.info.type;
  std::size_t start = base.node->offset;
  auto bad = [&](std::size_t offset, std::string message) {
    error(offset, std::move(message));
    std::vector<Typed> kids;
    kids.push_back(std::move(base));
    kids.push_back(std::move(key));
    return poisoned(Op::Index, start, std::move(kids));
  };
  if (bt == Type::List) {
    if (kt != Type::Int && kt != Type::Any)
      return bad(key.node->offset, "a list index must be an int, not " + std::string(type_name(kt)));
    TypeInfo info = type_of_schema(items_schema(base.info.schema), extend_path(base.info.path, "[]"));
    std::vector<Typed> kids;
    kids.push_back(std::move(base));
    kids.push_back(std::move(key));
    Typed t = make(Op::Index, info.type, start, std::move(kids));
    t.node->to_time = info.stored_as_string_time;
    t.info = std::move(info);
    return fold(std::move(t));
  }
  if (bt == Type::Object) {
    if (kt != Type::String && kt != Type::Any)
      return bad(key.node->offset, "an object key must be a string, not " + std::string(type_name(kt)));
    if (key.node->op == Op::Const && key.node->value.is_string()) {
      std::string name = key.node->value.as_string();
      std::size_t offset = key.node->offset;
      return member_of_schema(std::move(base), std::move(name), offset, Op::Index, &key);
    }
    TypeInfo info;
    const Value* extra = base.info.schema ? base.info.schema->find("additionalProperties") : nullptr;
    if (extra && extra->is_object()) info = type_of_schema(extra, "");
    std::vector<Typed> kids;
    kids.push_back(std::move(base));
    kids.push_back(std::move(key));
    Typed t = make(Op::Index, info.type, start, std::move(kids));
    t.node->to_time = info.stored_as_string_time;
    t.info = std::move(info);
    return t;
  }
  if (bt == Type::Any) {
    if (kt != Type::Int && kt != Type::String && kt != Type::Any)
      return bad(key.node->offset, "an index must be an int (lists) or a string (objects), not " +
                                       std::string(type_name(kt)));
    std::vector<Typed> kids;
    kids.push_back(std::move(base));
    kids.push_back(std::move(key));
    return fold(make(Op::Index, Type::Any, start, std::move(kids)));
  }
  return bad(bracket_offset, "cannot index a value of type " + std::string(type_name(bt)) +
                                 ": only lists and objects can be indexed");
}

Typed Checker::unary(Op op, std::size_t op_offset, Typed operand) {
  Type t = operand.info.type;
  std::vector<Typed> kids;
  std::size_t arg_offset = operand.node->offset;
  kids.push_back(std::move(operand));
  if (op == Op::Not) {
    if (t != Type::Bool && t != Type::Any) {
      error(arg_offset, "'!' needs a bool, not " + std::string(type_name(t)));
      return poisoned(op, op_offset, std::move(kids));
    }
    return fold(make(op, Type::Bool, op_offset, std::move(kids)));
  }
  if (!numeric(t) && t != Type::Any) {
    error(arg_offset, "unary '-' needs a number, not " + std::string(type_name(t)));
    return poisoned(op, op_offset, std::move(kids));
  }
  return fold(make(op, t, op_offset, std::move(kids)));
}

void Checker::literal_time(Typed& t) {
  if (t.node->op != Op::Const || !t.node->value.is_string()) return;
  auto parsed = parse_iso_datetime(t.node->value.as_string());
  if (!parsed) {
    error(t.node->offset, quoted(t.node->value.as_string()) +
                              " is not an ISO 8601 date or date-time (e.g. 2025-03-01 or 2025-03-01T09:00:00Z)");
    t.info.type = Type::Any;
    return;
  }
  t.node->value = Value(*parsed);
  t.node->type = Type::Time;
  t.info.type = Type::Time;
}

bool Checker::check_equatable(const TypeInfo& a, const TypeInfo& b, std::size_t offset, std::string_view what) {
  Type x = a.type, y = b.type;
  if (x == Type::Any || y == Type::Any || x == Type::Null || y == Type::Null || x == y) return true;
  if (numeric(x) && numeric(y)) return true;
  if ((x == Type::Time && y == Type::String) || (x == Type::String && y == Type::Time)) return true;
  error(offset, "cannot compare " + std::string(type_name(x)) + " with " + std::string(type_name(y)) + " using " +
                    std::string(what) + ": values of different types are never equal");
  return false;
}

bool Checker::check_orderable(const TypeInfo& a, const TypeInfo& b, std::size_t offset, std::string_view what) {
  Type x = a.type, y = b.type;
  auto orderable = [](Type t) {
    return numeric(t) || t == Type::String || t == Type::Time || t == Type::Any;
  };
  if (!orderable(x) || !orderable(y)) {
    Type bad = orderable(x) ? y : x;
    error(offset, std::string(type_name(bad)) + " values cannot be ordered with " + std::string(what) +
                      " (only numbers, strings and times can)");
    return false;
  }
  if (x == Type::Any || y == Type::Any) return true;
  if ((numeric(x) && numeric(y)) || (x == Type::String && y == Type::String)) return true;
  if ((x == Type::Time || x == Type::String) && (y == Type::Time || y == Type::String)) return true;
  error(offset, "cannot compare " + std::string(type_name(x)) + " with " + std::string(type_name(y)) + " using " +
                    std::string(what));
  return false;
}

Typed Checker::binary(Op op, std::size_t op_offset, Typed left, Typed right) {
  std::string what = quoted(op_text(op));
  std::size_t start = left.node->offset;
  Type result = Type::Any;
  bool ok = true;
  switch (op) {
    case Op::And:
    case Op::Or:
      for (const Typed* side : {&left, &right}) {
        Type t = side->info.type;
        if (t != Type::Bool && t != Type::Any) {
          error(side->node->offset, what + " needs a bool on each side, not " + std::string(type_name(t)));
          ok = false;
        }
      }
      result = Type::Bool;
      break;
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      if (left.info.type == Type::Time) literal_time(right);
      if (right.info.type == Type::Time) literal_time(left);
      if (left.info.type == Type::Any && left.node->op == Op::Const) ok = false;  // bad date, reported
      if (right.info.type == Type::Any && right.node->op == Op::Const) ok = false;
      if (ok) {
        ok = (op == Op::Eq || op == Op::Ne) ? check_equatable(left.info, right.info, op_offset, what)
                                           : check_orderable(left.info, right.info, op_offset, what);
      }
      result = Type::Bool;
      break;
    case Op::In: {
      Type x = left.info.type, y = right.info.type;
      result = Type::Bool;
      if (y == Type::List) {
        TypeInfo element = type_of_schema(items_schema(right.info.schema), "");
        if (element.type == Type::Time) literal_time(left);
        ok = check_equatable(left.info, element, op_offset, what);
      } else if (y == Type::String || y == Type::Object) {
        if (x != Type::String && x != Type::Any) {
          error(start, std::string("'in' on a ") + std::string(type_name(y)) + " needs a string on its left, not " +
                           std::string(type_name(x)));
          ok = false;
        }
      } else if (y != Type::Any) {
        error(right.node->offset, "'in' needs a list, string or object on its right, not " +
                                      std::string(type_name(y)));
        ok = false;
      }
      break;
    }
    case Op::Coalesce:
      result = left.info.type == Type::Null ? right.info.type : unify(left.info.type, right.info.type);
      break;
    default: {
      auto r = arithmetic(op, left.info.type, right.info.type);
      if (!r) {
        error(op_offset, what + " cannot combine " + std::string(type_name(left.info.type)) + " and " +
                             std::string(type_name(right.info.type)));
        ok = false;
      } else {
        result = *r;
      }
    }
  }
  TypeInfo info;
  if (op == Op::Coalesce || op == Op::Add) {
    if (left.info.type == result) info = left.info;
    else if (right.info.type == result) info = right.info;
  }
  info.type = ok ? result : Type::Any;
  info.path.clear();
  info.stored_as_string_time = false;
  std::vector<Typed> kids;
  kids.push_back(std::move(left));
  kids.push_back(std::move(right));
  Typed t = make(op, info.type, start, std::move(kids));
  t.info = std::move(info);
  return ok ? fold(std::move(t)) : std::move(t);
}

Typed Checker::conditional(Typed cond, Typed then, Typed otherwise) {
  Type ct = cond.info.type;
  bool ok = true;
  if (ct != Type::Bool && ct != Type::Any) {
    error(cond.node->offset, "the condition before '?' must be a bool, not " + std::string(type_name(ct)));
    ok = false;
  }
  Type result = unify(then.info.type, otherwise.info.type);
  TypeInfo info;
  if (then.info.type == result) info = then.info;
  else if (otherwise.info.type == result) info = otherwise.info;
  info.type = ok ? result : Type::Any;
  info.path.clear();
  info.stored_as_string_time = false;
  std::size_t start = cond.node->offset;
  std::vector<Typed> kids;
  kids.push_back(std::move(cond));
  kids.push_back(std::move(then));
  kids.push_back(std::move(otherwise));
  Typed t = make(Op::Cond, info.type, start, std::move(kids));
  t.info = std::move(info);
  return fold(std::move(t));
}

Typed Checker::list(std::size_t offset, std::vector<Typed> items) {
  return fold(make(Op::MakeList, Type::List, offset, std::move(items)));
}

Typed Checker::object(std::size_t offset, std::vector<std::pair<std::string, std::size_t>> keys,
                      std::vector<Typed> values) {
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a].first < keys[b].first; });
  std::vector<Typed> sorted;
  std::vector<std::string> names;
  for (std::size_t k = 0; k < order.size(); ++k) {
    std::size_t i = order[k];
    if (!names.empty() && names.back() == keys[i].first) {
      error(keys[i].second, "duplicate key " + quoted(keys[i].first) + " in object");
      continue;
    }
    names.push_back(keys[i].first);
    sorted.push_back(std::move(values[i]));
  }
  Typed t = make(Op::MakeObject, Type::Object, offset, std::move(sorted));
  t.node->keys = std::move(names);
  return fold(std::move(t));
}

bool Checker::expect_arg(const Typed& arg, std::string_view fn, std::initializer_list<Type> allowed,
                         std::string_view described) {
  Type t = arg.info.type;
  if (t == Type::Any) return true;
  for (Type a : allowed)
    if (a == t) return true;
  error(arg.node->offset, std::string(fn) + " needs " + std::string(described) + ", not " + std::string(type_name(t)));
  return false;
}

Typed Checker::call(std::string_view name, std::size_t name_offset, std::vector<Typed> args) {
  const BuiltinInfo* fn = find_builtin(name);
  if (!fn) {
    std::vector<std::string> names = builtin_names();
    std::string message = "unknown function " + quoted(name) + " (known: " + name_list(names) + ")";
    if (auto best = closest(name, names)) message += "; did you mean " + quoted(*best) + "?";
    error(name_offset, std::move(message));
    return poisoned(Op::Call, name_offset, std::move(args));
  }
  if (args.size() < fn->min_args || args.size() > fn->max_args) {
    std::string expected = fn->min_args == fn->max_args
                               ? std::to_string(fn->min_args)
                               : std::to_string(fn->min_args) + " or " + std::to_string(fn->max_args);
    error(name_offset, std::string(name) + " takes " + expected +
                           (fn->max_args == 1 ? " argument" : " arguments") + ", not " + std::to_string(args.size()));
    return poisoned(Op::Call, name_offset, std::move(args));
  }
  bool ok = true;
  Type result = Type::Any;
  TypeInfo info;
  auto date_literal = [&](Typed& a) {
    if (a.info.type == Type::String && a.node->op == Op::Const) {
      literal_time(a);
      if (a.info.type != Type::Time) ok = false;
    }
  };
  switch (fn->id) {
    case Builtin::Len:
      ok = expect_arg(args[0], name, {Type::String, Type::List, Type::Object}, "a string, list or object");
      result = Type::Int;
      break;
    case Builtin::Date:
      ok = expect_arg(args[0], name, {Type::String, Type::Time}, "a string");
      if (ok) date_literal(args[0]);
      result = Type::Time;
      break;
    case Builtin::Duration:
      ok = expect_arg(args[0], name, {Type::String}, "a string");
      if (ok && args[0].node->op == Op::Const && args[0].node->value.is_string() &&
          !parse_iso_duration_ms(args[0].node->value.as_string())) {
        error(args[0].node->offset, quoted(args[0].node->value.as_string()) +
                                        " is not an ISO 8601 duration (e.g. P14D, PT36H, P1DT2H30M, P2W; "
                                        "years and months are not allowed)");
        ok = false;
      }
      result = Type::Int;
      break;
    case Builtin::Days:
      ok = expect_arg(args[0], name, {Type::Int, Type::Number}, "a number");
      result = Type::Int;
      break;
    case Builtin::YearsBetween:
      for (auto& a : args) {
        if (!expect_arg(a, name, {Type::Time, Type::String}, "a time or a date string")) ok = false;
        else date_literal(a);
      }
      result = Type::Int;
      break;
    case Builtin::Lower:
    case Builtin::Upper:
      ok = expect_arg(args[0], name, {Type::String}, "a string");
      result = Type::String;
      break;
    case Builtin::Contains:
      ok = expect_arg(args[0], name, {Type::List, Type::String, Type::Object}, "a list, string or object");
      if (ok && (args[0].info.type == Type::String || args[0].info.type == Type::Object))
        ok = expect_arg(args[1], name, {Type::String}, "a string as its second argument");
      result = Type::Bool;
      break;
    case Builtin::Append:
      ok = expect_arg(args[0], name, {Type::List, Type::Null}, "a list");
      result = Type::List;
      if (args[0].info.type == Type::List) info.schema = args[0].info.schema;
      break;
    case Builtin::Count:
      ok = expect_arg(args[0], name, {Type::List}, "a list");
      result = Type::Int;
      break;
    case Builtin::Sum: {
      ok = expect_arg(args[0], name, {Type::List}, "a list of numbers");
      Type element = type_of_schema(items_schema(args[0].info.schema), "").type;
      result = numeric(element) ? element : Type::Any;
      if (ok && element != Type::Any && !numeric(element)) {
        error(args[0].node->offset, "sum needs a list of numbers, not a list of " + std::string(type_name(element)));
        ok = false;
      }
      break;
    }
    case Builtin::Min:
    case Builtin::Max:
      if (args.size() == 1) {
        ok = expect_arg(args[0], name, {Type::List}, "a list, or two values");
        info = type_of_schema(items_schema(args[0].info.schema), "");
        result = info.type;
      } else {
        if (args[0].info.type == Type::Time) literal_time(args[1]);
        if (args[1].info.type == Type::Time) literal_time(args[0]);
        ok = check_orderable(args[0].info, args[1].info, name_offset, name);
        Type a = args[0].info.type, b = args[1].info.type;
        result = (a == Type::Time || b == Type::Time) ? Type::Time : unify(a, b);
      }
      break;
    case Builtin::Round:
      ok = expect_arg(args[0], name, {Type::Int, Type::Number}, "a number");
      result = Type::Int;
      break;
    case Builtin::Abs:
      ok = expect_arg(args[0], name, {Type::Int, Type::Number}, "a number");
      result = args[0].info.type;
      break;
    case Builtin::Keys:
      ok = expect_arg(args[0], name, {Type::Object}, "an object");
      result = Type::List;
      break;
  }
  info.type = ok ? result : Type::Any;
  info.path.clear();
  info.stored_as_string_time = false;
  if (info.type != Type::List && info.type != Type::Object) info.schema = nullptr;
  Typed t = make(Op::Call, info.type, name_offset, std::move(args));
  t.node->fn = fn->id;
  t.info = std::move(info);
  return ok ? fold(std::move(t)) : std::move(t);
}

}  // namespace cohort::expr::detail
