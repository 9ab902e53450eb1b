#pragma once
/// @file operations.hpp
/// @brief Run-time meaning of the operators, shared by evaluation and constant folding.
///
/// None of these throw: operands of the wrong kind, overflow and division by zero give null.

#include <optional>

#include "value/value.hpp"

namespace cohort::expr::detail {

/// @brief A time, or a string holding an ISO 8601 date / date-time.
std::optional<Timestamp> to_time(const Value& v);

Value op_add(const Value& a, const Value& b);
Value op_sub(const Value& a, const Value& b);
Value op_mul(const Value& a, const Value& b);
Value op_div(const Value& a, const Value& b);
Value op_mod(const Value& a, const Value& b);
Value op_neg(const Value& a);

/// @brief Ordering of two numbers, two strings or two times (a string against a time is
///        read as a date); nullopt when the two cannot be ordered.
std::optional<int> op_compare(const Value& a, const Value& b);
/// @brief `==`: structural equality, numbers across int/number, a string against a time
///        read as a date.
bool op_equal(const Value& a, const Value& b);
/// @brief `x in y`: element of a list, substring of a string, key of an object; null otherwise.
Value op_in(const Value& x, const Value& y);

/// @brief A double result as a Value: null when it is not finite.
Value finite(double d);

}  // namespace cohort::expr::detail
