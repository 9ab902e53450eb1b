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

Value HistoryLog::to_value() const {
  List records;
  decode(buf_, [&](HistoryEntry::Kind kind, std::int64_t ms, const std::vector<std::string>& pieces,
                   const std::vector<bool>& repeats) {
    List ps;
    for (std::size_t k = 0; k < pieces.size(); ++k)
      ps.push_back(repeats[k] ? Value(pieces[k]) : Value(List{Value(pieces[k])}));
    records.push_back(Value(List{Value(static_cast<std::int64_t>(kind)), Value(ms), Value(std::move(ps))}));
  });
  return Value(std::move(records));
}

bool HistoryLog::from_value(const Value& records) {
  buf_.clear();
  last_ms_ = 0;
  if (!records.is_list()) return false;
  for (const auto& r : records.as_list()) {
    if (!r.is_list() || r.as_list().size() != 3 || !r.as_list()[0].is_int() || !r.as_list()[1].is_int() ||
        !r.as_list()[2].is_list())
      return false;
    const auto& ps = r.as_list()[2].as_list();
    std::vector<std::string> texts;
    std::vector<HistoryPiece> pieces;
    texts.reserve(ps.size());
    for (const auto& p : ps) {
      if (p.is_string()) texts.push_back(p.as_string());
      else if (p.is_list() && p.as_list().size() == 1 && p.as_list()[0].is_string()) texts.push_back(p.as_list()[0].as_string());
      else return false;
    }
    for (std::size_t k = 0; k < ps.size(); ++k) pieces.emplace_back(texts[k], ps[k].is_string());
    // add() takes an initializer list; records have at most a handful of pieces.
    const auto kind = static_cast<HistoryEntry::Kind>(r.as_list()[0].as_int());
    const Timestamp t{r.as_list()[1].as_int()};
    switch (pieces.size()) {
      case 0: add(t, kind, {}); break;
      case 1: add(t, kind, {pieces[0]}); break;
      case 2: add(t, kind, {pieces[0], pieces[1]}); break;
      case 3: add(t, kind, {pieces[0], pieces[1], pieces[2]}); break;
      case 4: add(t, kind, {pieces[0], pieces[1], pieces[2], pieces[3]}); break;
      default: return false;
    }
  }
  return true;
}

}  // namespace details
}  // namespace cohort::runtime
