#pragma once
/// @file value.hpp
/// @brief The one dynamic value type of the engine: instance data, event payloads,
///        programme data and expression results are all `cohort::Value`.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cohort {

/// @brief A point in time: milliseconds since the Unix epoch, UTC.
struct Timestamp {
  std::int64_t ms = 0;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

class Value;
/// @brief An ordered list of values.
using List = std::vector<Value>;
/// @brief Object members, kept sorted by key so lookup is a binary search.
using Members = std::vector<std::pair<std::string, Value>>;

/// @brief A JSON-like value with an extra `Timestamp` kind.
///
/// Lists and objects are shared and copy-on-write: copying a Value is cheap,
/// and the mutable accessors clone only when the storage is shared. A Value is
/// safe to read from many threads as long as nobody mutates that same Value.
class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Int, Double, String, Time, List, Object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Timestamp t) : v_(t) {}
  Value(List l) : v_(std::make_shared<List>(std::move(l))) {}

  /// @brief An empty object.
  static Value object() { return Value(std::make_shared<Members>()); }
  /// @brief An object from members in any order (sorted here; later duplicates win).
  static Value object(Members members);

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_int() const { return kind() == Kind::Int; }
  bool is_double() const { return kind() == Kind::Double; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return kind() == Kind::String; }
  bool is_time() const { return kind() == Kind::Time; }
  bool is_list() const { return kind() == Kind::List; }
  bool is_object() const { return kind() == Kind::Object; }

  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  /// @brief Int or Double as double.
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_double(); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  Timestamp as_time() const { return std::get<Timestamp>(v_); }
  const List& as_list() const { return *std::get<std::shared_ptr<List>>(v_); }
  const Members& members() const { return *std::get<std::shared_ptr<Members>>(v_); }

  /// @brief Mutable list; clones shared storage first.
  List& mutable_list();
  /// @brief Member lookup; nullptr when absent or not an object.
  const Value* find(std::string_view key) const;
  /// @brief Member lookup; a shared null when absent or not an object.
  const Value& operator[](std::string_view key) const;
  /// @brief Follows a path of member names; nullptr when any step is missing.
  const Value* find_path(const std::vector<std::string>& path) const;

  /// @brief Sets a member (turning a null into an object first); clones shared storage.
  void set(std::string_view key, Value v);
  /// @brief Sets a member at a path, creating intermediate objects.
  void set_path(const std::vector<std::string>& path, Value v);
  /// @brief Removes a member if present.
  void erase(std::string_view key);

  /// @brief Deep structural equality (Int 1 equals Double 1.0).
  friend bool operator==(const Value& a, const Value& b);

  /// @brief Short type name for messages: "null", "bool", "int", ...
  std::string_view kind_name() const;
  static std::string_view kind_name(Kind k);

 private:
  explicit Value(std::shared_ptr<Members> m) : v_(std::move(m)) {}
  Members& mutable_members();

  std::variant<std::monostate, bool, std::int64_t, double, std::string, Timestamp,
               std::shared_ptr<List>, std::shared_ptr<Members>>
      v_;
};

}  // namespace cohort
