#include "expr/details/operations.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "value/time.hpp"

namespace cohort::expr::detail {
namespace {

// A double that is a whole number of milliseconds within int64, rounded half away from zero.
std::optional<std::int64_t> to_ms(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  double r = std::round(d);
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (r >= 9223372036854775808.0 || r < -9223372036854775808.0) return std::nullopt;
  return static_cast<std::int64_t>(r);
}

Value time_plus(Timestamp t, const Value& delta, bool negate) {
  std::int64_t ms;
  if (delta.is_int()) {
    ms = delta.as_int();
  } else if (delta.is_double()) {
    auto r = to_ms(delta.as_double());
    if (!r) return {};
    ms = *r;
  } else {
    return {};
  }
  std::int64_t out;
  bool overflow = negate ? __builtin_sub_overflow(t.ms, ms, &out) : __builtin_add_overflow(t.ms, ms, &out);
  if (overflow) return {};
  return Value(Timestamp{out});
}

}  // namespace

Value finite(double d) { return std::isfinite(d) ? Value(d) : Value(); }

std::optional<Timestamp> to_time(const Value& v) {
  if (v.is_time()) return v.as_time();
  if (v.is_string()) return parse_iso_datetime(v.as_string());
  return std::nullopt;
}

Value op_add(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    std::int64_t r;
    if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return {};
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return finite(a.as_number() + b.as_number());
  if (a.is_string() && b.is_string()) {
    std::string s;
    s.reserve(a.as_string().size() + b.as_string().size());
    s += a.as_string();
    s += b.as_string();
    return Value(std::move(s));
  }
  if (a.is_list() && b.is_list()) {
    List l;
    l.reserve(a.as_list().size() + b.as_list().size());
    l.insert(l.end(), a.as_list().begin(), a.as_list().end());
    l.insert(l.end(), b.as_list().begin(), b.as_list().end());
    return Value(std::move(l));
  }
  if (a.is_time()) return time_plus(a.as_time(), b, false);
  if (b.is_time()) return time_plus(b.as_time(), a, false);
  return {};
}

Value op_sub(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    std::int64_t r;
    if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return {};
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return finite(a.as_number() - b.as_number());
  if (a.is_time() && b.is_time()) {
    std::int64_t r;
    if (__builtin_sub_overflow(a.as_time().ms, b.as_time().ms, &r)) return {};
    return Value(r);
  }
  if (a.is_time()) return time_plus(a.as_time(), b, true);
  return {};
}

Value op_mul(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    std::int64_t r;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return {};
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return finite(a.as_number() * b.as_number());
  return {};
}

Value op_div(const Value& a, const Value& b) {
  if (!a.is_number() || !b.is_number()) return {};
  double d = b.as_number();
  if (d == 0.0) return {};
  return finite(a.as_number() / d);
}

Value op_mod(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    std::int64_t d = b.as_int();
    if (d == 0) return {};
    // INT64_MIN % -1 traps on x86 although the answer is plainly 0.
    if (d == -1) return Value(std::int64_t{0});
    return Value(a.as_int() % d);
  }
  if (a.is_number() && b.is_number()) {
    double d = b.as_number();
    if (d == 0.0) return {};
    return finite(std::fmod(a.as_number(), d));
  }
  return {};
}

Value op_neg(const Value& a) {
  if (a.is_int()) {
    if (a.as_int() == std::numeric_limits<std::int64_t>::min()) return {};
    return Value(-a.as_int());
  }
  if (a.is_double()) return Value(-a.as_double());
  return {};
}

std::optional<int> op_compare(const Value& a, const Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.is_int() && b.is_int()) return sign(a.as_int(), b.as_int());
  if (a.is_number() && b.is_number()) {
    double x = a.as_number(), y = b.as_number();
    if (std::isnan(x) || std::isnan(y)) return std::nullopt;
    return sign(x, y);
  }
  if (a.is_string() && b.is_string()) {
    int c = a.as_string().compare(b.as_string());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if ((a.is_time() && (b.is_time() || b.is_string())) || (a.is_string() && b.is_time())) {
    auto x = to_time(a), y = to_time(b);
    if (!x || !y) return std::nullopt;
    return sign(x->ms, y->ms);
  }
  return std::nullopt;
}

bool op_equal(const Value& a, const Value& b) {
  if ((a.is_time() && b.is_string()) || (a.is_string() && b.is_time())) {
    auto x = to_time(a), y = to_time(b);
    return x && y && *x == *y;
  }
  return a == b;
}

Value op_in(const Value& x, const Value& y) {
  if (y.is_list()) {
    for (const auto& e : y.as_list())
      if (op_equal(x, e)) return Value(true);
    return Value(false);
  }
  if (y.is_string()) {
    if (!x.is_string()) return {};
    return Value(y.as_string().find(x.as_string()) != std::string::npos);
  }
  if (y.is_object()) {
    if (!x.is_string()) return {};
    return Value(y.find(x.as_string()) != nullptr);
  }
  return {};
}

}  // namespace cohort::expr::detail
