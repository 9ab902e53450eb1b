#include "runtime/history.hpp"

#include "runtime/details/history_log.hpp"
#include "value/symbol.hpp"

namespace cohort::runtime {

const char* history_kind_name(HistoryEntry::Kind kind) {
  switch (kind) {
    case HistoryEntry::Kind::Event: return "event";
    case HistoryEntry::Kind::Ignored: return "ignored";
    case HistoryEntry::Kind::Transition: return "transition";
    case HistoryEntry::Kind::Call: return "call";
    case HistoryEntry::Kind::CallResult: return "result";
    case HistoryEntry::Kind::Emit: return "emit";
    case HistoryEntry::Kind::Set: return "set";
    case HistoryEntry::Kind::Timer: return "timer";
    case HistoryEntry::Kind::Incident: return "incident";
    case HistoryEntry::Kind::Migration: return "migration";
  }
  return "?";
}

namespace details {
namespace {

/// Writes a varint at `p` (at most 10 bytes); returns the end.
char* put_varint(char* p, std::uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

std::uint64_t get_varint(const std::string& in, std::size_t& i) {
  std::uint64_t v = 0;
  int shift = 0;
  while (i < in.size()) {
    auto b = static_cast<unsigned char>(in[i++]);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  return v;
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

std::string format(HistoryEntry::Kind kind, const std::vector<std::string>& p) {
  auto at = [&](std::size_t i) -> const std::string& {
    static const std::string empty;
    return i < p.size() ? p[i] : empty;
  };
  using K = HistoryEntry::Kind;
  switch (kind) {
    case K::Event: return at(0) + " id=" + at(1) + " source=" + at(2);
    case K::Ignored: return at(0) + " id=" + at(1) + ": " + at(2);
    case K::Transition: return (at(0).empty() ? std::string("(new)") : at(0)) + " -> " + at(1);
    case K::Call: return at(0) + " key=" + at(1);
    case K::CallResult: return at(0) + " " + at(1) + (at(2).empty() ? "" : ": " + at(2));
    case K::Emit: return at(0) + " -> " + at(1);
    default: {
      std::string s;
      for (std::size_t i = 0; i < p.size(); ++i) s += (i ? " " : "") + p[i];
      return s;
    }
  }
}

}  // namespace

void HistoryLog::add(Timestamp time, HistoryEntry::Kind kind, std::initializer_list<HistoryPiece> pieces) {
  // Encode the fixed-size parts into a small buffer and append once: growing the
  // string byte by byte costs more than the rest of a step.
  if (buf_.capacity() < 64) buf_.reserve(64);  // one allocation covers a typical lifetime's start
  char head[32];
  char* p = head;
  *p++ = static_cast<char>(kind);
  p = put_varint(p, zigzag(time.ms - last_ms_));
  last_ms_ = time.ms;
  p = put_varint(p, pieces.size());
  for (const auto& piece : pieces) {
    if (p > head + sizeof head - 11) {
      buf_.append(head, static_cast<std::size_t>(p - head));
      p = head;
    }
    if (piece.sym != kNoSymbol || piece.repeats) {
      const Symbol id = piece.sym != kNoSymbol ? piece.sym : symbol(piece.text);
      p = put_varint(p, (static_cast<std::uint64_t>(id) << 1) | 0);
    } else {
      p = put_varint(p, (static_cast<std::uint64_t>(piece.text.size()) << 1) | 1);
      buf_.append(head, static_cast<std::size_t>(p - head));
      p = head;
      buf_.append(piece.text);
    }
  }
  buf_.append(head, static_cast<std::size_t>(p - head));
}

std::vector<HistoryEntry> HistoryLog::entries() const {
  std::vector<HistoryEntry> out;
  std::size_t i = 0;
  std::int64_t ms = 0;
  while (i < buf_.size()) {
    auto kind = static_cast<HistoryEntry::Kind>(buf_[i++]);
    ms += unzigzag(get_varint(buf_, i));
    auto n = get_varint(buf_, i);
    std::vector<std::string> pieces;
    pieces.reserve(n);
    for (std::uint64_t k = 0; k < n; ++k) {
      auto tag = get_varint(buf_, i);
      if (tag & 1) {
        auto len = static_cast<std::size_t>(tag >> 1);
        pieces.emplace_back(buf_.substr(i, len));
        i += len;
      } else {
        pieces.push_back(symbol_name(static_cast<Symbol>(tag >> 1)));
      }
    }
    out.push_back(HistoryEntry{Timestamp{ms}, kind, format(kind, pieces)});
  }
  return out;
}

}  // namespace details
}  // namespace cohort::runtime
