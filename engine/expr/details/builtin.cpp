#include "expr/details/builtin.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "expr/details/operations.hpp"
#include "value/time.hpp"

namespace cohort::expr::detail {
namespace {

// Sorted by name so messages list them alphabetically.
constexpr std::array<BuiltinInfo, 16> kBuiltins{{
    {Builtin::Abs, "abs", 1, 1},
    {Builtin::Append, "append", 2, 2},
    {Builtin::Contains, "contains", 2, 2},
    {Builtin::Count, "count", 2, 2},
    {Builtin::Date, "date", 1, 1},
    {Builtin::Days, "days", 1, 1},
    {Builtin::Duration, "duration", 1, 1},
    {Builtin::Keys, "keys", 1, 1},
    {Builtin::Len, "len", 1, 1},
    {Builtin::Lower, "lower", 1, 1},
    {Builtin::Max, "max", 1, 2},
    {Builtin::Min, "min", 1, 2},
    {Builtin::Round, "round", 1, 1},
    {Builtin::Sum, "sum", 1, 1},
    {Builtin::Upper, "upper", 1, 1},
    {Builtin::YearsBetween, "years_between", 2, 2},
}};

constexpr std::int64_t kMsPerDay = 86400000;

std::optional<std::int64_t> round_to_int(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  double r = std::round(d);
  if (r >= 9223372036854775808.0 || r < -9223372036854775808.0) return std::nullopt;
  return static_cast<std::int64_t>(r);
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate civil_date(Timestamp t) {
  std::int64_t days = t.ms / kMsPerDay;
  if (t.ms % kMsPerDay < 0) --days;
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return {y, m, d};
}

// Birthday-style whole years: someone born on 29 February has a birthday on
// 1 March in common years, the usual legal reading.
std::int64_t years_between(Timestamp from, Timestamp to) {
  if (to < from) return -years_between(to, from);
  CivilDate a = civil_date(from), b = civil_date(to);
  std::int64_t years = b.year - a.year;
  if (b.month < a.month || (b.month == a.month && b.day < a.day)) --years;
  return years;
}

Value code_point_length(const std::string& s) {
  std::int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return Value(n);
}

Value change_case(const Value& v, bool upper) {
  if (!v.is_string()) return {};
  std::string s = v.as_string();
  for (auto& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return Value(std::move(s));
}

Value sum(const Value& v) {
  if (!v.is_list()) return {};
  std::int64_t isum = 0;
  double dsum = 0;
  bool all_int = true;
  for (const auto& e : v.as_list()) {
    if (e.is_int() && all_int) {
      if (__builtin_add_overflow(isum, e.as_int(), &isum)) return {};
    } else if (e.is_number()) {
      if (all_int) dsum = static_cast<double>(isum);
      all_int = false;
      dsum += e.as_number();
    } else {
      return {};
    }
  }
  return all_int ? Value(isum) : finite(dsum);
}

// The chosen one of two comparable values; a string compared with a time yields a time.
Value pick(const Value& a, const Value& b, bool want_max) {
  auto c = op_compare(a, b);
  if (!c) return {};
  const Value& chosen = (want_max ? *c >= 0 : *c <= 0) ? a : b;
  if ((a.is_time() || b.is_time()) && chosen.is_string()) {
    auto t = to_time(chosen);
    return t ? Value(*t) : Value();
  }
  return chosen;
}

Value extreme(const Value* const* args, std::size_t count, bool want_max) {
  if (count == 2) return pick(*args[0], *args[1], want_max);
  if (!args[0]->is_list() || args[0]->as_list().empty()) return {};
  const auto& l = args[0]->as_list();
  Value best = l.front();
  for (std::size_t i = 1; i < l.size(); ++i) {
    best = pick(best, l[i], want_max);
    if (best.is_null()) return {};
  }
  return best;
}

}  // namespace

const BuiltinInfo* find_builtin(std::string_view name) {
  for (const auto& b : kBuiltins)
    if (b.name == name) return &b;
  return nullptr;
}

const BuiltinInfo& builtin_info(Builtin fn) {
  for (const auto& b : kBuiltins)
    if (b.id == fn) return b;
  return kBuiltins[0];
}

std::vector<std::string> builtin_names() {
  std::vector<std::string> names;
  for (const auto& b : kBuiltins) names.emplace_back(b.name);
  return names;
}

Value call_builtin(Builtin fn, const Value* const* args, std::size_t count) {
  const Value& a = *args[0];
  switch (fn) {
    case Builtin::Len:
      if (a.is_string()) return code_point_length(a.as_string());
      if (a.is_list()) return Value(static_cast<std::int64_t>(a.as_list().size()));
      if (a.is_object()) return Value(static_cast<std::int64_t>(a.members().size()));
      return {};
    case Builtin::Date: {
      auto t = to_time(a);
      return t ? Value(*t) : Value();
    }
    case Builtin::Duration: {
      if (!a.is_string()) return {};
      auto ms = parse_iso_duration_ms(a.as_string());
      return ms ? Value(*ms) : Value();
    }
    case Builtin::Days: {
      if (a.is_int()) {
        std::int64_t r;
        if (__builtin_mul_overflow(a.as_int(), kMsPerDay, &r)) return {};
        return Value(r);
      }
      if (a.is_double()) {
        auto r = round_to_int(a.as_double() * static_cast<double>(kMsPerDay));
        return r ? Value(*r) : Value();
      }
      return {};
    }
    case Builtin::YearsBetween: {
      auto from = to_time(a), to = to_time(*args[1]);
      if (!from || !to) return {};
      return Value(years_between(*from, *to));
    }
    case Builtin::Lower: return change_case(a, false);
    case Builtin::Upper: return change_case(a, true);
    case Builtin::Contains: {
      Value r = op_in(*args[1], a);
      return r.is_bool() ? r : Value();
    }
    case Builtin::Append: {
      if (!a.is_list() && !a.is_null()) return {};
      List l;
      if (a.is_list()) {
        l.reserve(a.as_list().size() + 1);
        l = a.as_list();
      }
      l.push_back(*args[1]);
      return Value(std::move(l));
    }
    case Builtin::Count: {
      if (!a.is_list()) return {};
      std::int64_t n = 0;
      for (const auto& e : a.as_list())
        if (op_equal(e, *args[1])) ++n;
      return Value(n);
    }
    case Builtin::Sum: return sum(a);
    case Builtin::Min: return extreme(args, count, false);
    case Builtin::Max: return extreme(args, count, true);
    case Builtin::Round: {
      if (a.is_int()) return a;
      if (!a.is_double()) return {};
      auto r = round_to_int(a.as_double());
      return r ? Value(*r) : Value();
    }
    case Builtin::Abs:
      if (a.is_int()) {
        if (a.as_int() == std::numeric_limits<std::int64_t>::min()) return {};
        return Value(a.as_int() < 0 ? -a.as_int() : a.as_int());
      }
      if (a.is_double()) return Value(std::fabs(a.as_double()));
      return {};
    case Builtin::Keys: {
      if (!a.is_object()) return {};
      List l;
      l.reserve(a.members().size());
      for (const auto& m : a.members()) l.emplace_back(m.first);
      return Value(std::move(l));
    }
  }
  return {};
}

}  // namespace cohort::expr::detail
