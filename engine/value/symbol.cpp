#include "value/symbol.hpp"

#include "value/interner.hpp"

namespace cohort {
namespace {
StringInterner& table() {
  static StringInterner symbols;
  return symbols;
}
}  // namespace

Symbol symbol(std::string_view text) { return table().intern_cached(text); }
const std::string& symbol_name(Symbol id) { return table().name(id); }

}  // namespace cohort
