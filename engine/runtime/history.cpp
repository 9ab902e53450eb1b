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

namespace {

/// Decodes every record: visit(kind, ms, pieces, repeats).
template <typename Visit>
void decode(const std::string& buf, Visit visit) {
  std::size_t i = 0;
  std::int64_t ms = 0;
  std::vector<std::string> pieces;
  std::vector<bool> repeats;
  while (i < buf.size()) {
    auto kind = static_cast<HistoryEntry::Kind>(buf[i++]);
    ms += unzigzag(get_varint(buf, i));
    auto n = get_varint(buf, i);
    pieces.clear();
    repeats.clear();
    for (std::uint64_t k = 0; k < n; ++k) {
      auto tag = get_varint(buf, i);
      if (tag & 1) {
        auto len = static_cast<std::size_t>(tag >> 1);
        pieces.emplace_back(buf.substr(i, len));
        repeats.push_back(false);
        i += len;
      } else {
        pieces.push_back(symbol_name(static_cast<Symbol>(tag >> 1)));
        repeats.push_back(true);
      }
    }
    visit(kind, ms, pieces, repeats);
  }
}

}  // namespace

std::vector<HistoryEntry> HistoryLog::entries() const {
  std::vector<HistoryEntry> out;
  decode(buf_, [&](HistoryEntry::Kind kind, std::int64_t ms, const std::vector<std::string>& pieces,
                   const std::vector<bool>&) { out.push_back(HistoryEntry{Timestamp{ms}, kind, format(kind, pieces)}); });
  return out;
}

std::uint32_t PortableWords::number(Symbol s) {
  auto [it, added] = number_of.try_emplace(s, static_cast<std::uint32_t>(texts.size()));
  if (added) texts.push_back(symbol_name(s));
  return it->second;
}

namespace {

/// Reads a varint from `in` at `i`; false when it runs past the end or beyond 64 bits.
bool read_varint(std::string_view in, std::size_t& i, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && i < in.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(in[i++]);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

/// Copies the records of `in` to `out`, each word tag passed through `word` (which may
/// refuse it); false when `in` is malformed. Both encodings share the layout: kind byte,
/// time delta, piece count, then per piece (word << 1) or (length << 1 | 1) + text.
template <typename MapWord>
bool copy_records(std::string_view in, std::string& out, std::int64_t& last_ms, MapWord word) {
  out.reserve(in.size());
  std::size_t i = 0;
  char head[16];
  while (i < in.size()) {
    const auto kind = static_cast<unsigned char>(in[i++]);
    if (kind > static_cast<unsigned char>(HistoryEntry::Kind::Migration)) return false;
    std::uint64_t delta = 0, n = 0;
    if (!read_varint(in, i, delta) || !read_varint(in, i, n) || n > in.size() - i) return false;
    last_ms += unzigzag(delta);
    out.push_back(static_cast<char>(kind));
    out.append(head, static_cast<std::size_t>(put_varint(head, delta) - head));
    out.append(head, static_cast<std::size_t>(put_varint(head, n) - head));
    for (std::uint64_t k = 0; k < n; ++k) {
      std::uint64_t tag = 0;
      if (!read_varint(in, i, tag)) return false;
      if (tag & 1) {
        const std::uint64_t len = tag >> 1;
        if (len > in.size() - i) return false;
        out.append(head, static_cast<std::size_t>(put_varint(head, tag) - head));
        out.append(in.substr(i, static_cast<std::size_t>(len)));
        i += static_cast<std::size_t>(len);
      } else {
        std::uint64_t mapped = 0;
        if (!word(tag >> 1, mapped)) return false;
        out.append(head, static_cast<std::size_t>(put_varint(head, mapped << 1) - head));
      }
    }
  }
  return true;
}

}  // namespace

std::string HistoryLog::export_records(PortableWords& words) const {
  std::string out;
  std::int64_t ms = 0;
  copy_records(buf_, out, ms, [&](std::uint64_t sym, std::uint64_t& number) {
    number = words.number(static_cast<Symbol>(sym));
    return true;
  });
  return out;
}

bool HistoryLog::import_records(std::string_view bytes, const std::vector<Symbol>& symbols) {
  buf_.clear();
  last_ms_ = 0;
  const bool ok = copy_records(bytes, buf_, last_ms_, [&](std::uint64_t number, std::uint64_t& sym) {
    if (number >= symbols.size()) return false;
    sym = symbols[static_cast<std::size_t>(number)];
    return true;
  });
  if (!ok) {
    buf_.clear();
    last_ms_ = 0;
  }
  return ok;
}

}  // namespace details
}  // namespace cohort::runtime
