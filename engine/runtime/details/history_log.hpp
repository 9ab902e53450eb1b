#pragma once
/// @file history_log.hpp
/// @brief The compact encoding of an instance's history.
///
/// Every instance keeps its whole history in memory, so the encoding matters more
/// than the speed of reading it back: records are varint-packed into one string,
/// and the strings that repeat (event types, sources, states, operations) are
/// interned and stored as small numbers. Decoding happens only when someone asks.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/history.hpp"
#include "value/symbol.hpp"
#include "value/value.hpp"

namespace cohort::runtime::details {

/// @brief One piece of a history record: a repeating word (interned) or free text.
struct HistoryPiece {
  HistoryPiece(std::string_view t, bool repeating = true) : text(t), repeats(repeating) {}
  HistoryPiece(const char* t) : text(t) {}
  HistoryPiece(const std::string& t) : text(t) {}
  /// @brief A word already interned as a symbol: stored without looking it up.
  static HistoryPiece word(Symbol s) {
    HistoryPiece p{std::string_view{}};
    p.sym = s;
    return p;
  }
  std::string_view text;
  bool repeats = true;
  Symbol sym = kNoSymbol;
};

/// @brief The words (interned symbols) of histories written out together, numbered in
///        the order first met: symbols are numbers of one process, a word list is not.
struct PortableWords {
  std::vector<std::string> texts;
  std::unordered_map<Symbol, std::uint32_t> number_of;
  std::uint32_t number(Symbol s);
};

/// @brief An append-only, compact history.
class HistoryLog {
 public:
  void add(Timestamp time, HistoryEntry::Kind kind, std::initializer_list<HistoryPiece> pieces);
  std::vector<HistoryEntry> entries() const;
  /// @brief The records in their own encoding with each word as its number in `words`
  ///        (extended as needed): a snapshot stores this, no per-record values.
  std::string export_records(PortableWords& words) const;
  /// @brief Rebuilds the log from export_records' bytes; `symbols[n]` is this process's
  ///        symbol for word n. False (the log left empty) when the bytes are malformed.
  bool import_records(std::string_view bytes, const std::vector<Symbol>& symbols);
  std::size_t size_bytes() const { return buf_.capacity(); }
  bool empty() const { return buf_.empty(); }
  void shrink() { buf_.shrink_to_fit(); }

 private:
  std::string buf_;
  std::int64_t last_ms_ = 0;
};

}  // namespace cohort::runtime::details
