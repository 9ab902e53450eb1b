#include "details/transliterate.hpp"

#include <cstdint>

namespace cohort_visa::details {
namespace {

// Base letters of U+00C0..U+00FF ("" for the two signs × and ÷).
constexpr const char* kLatin1[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // C0-CF
    "D", "N", "O", "O", "O", "O", "O", "",  "O", "U", "U", "U", "U", "Y", "TH", "SS",  // D0-DF
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // E0-EF
    "D", "N", "O", "O", "O", "O", "O", "",  "O", "U", "U", "U", "U", "Y", "TH", "Y",   // F0-FF
};

// Base letters of U+0100..U+017F, as runs of (count, letters).
struct Run {
  int count;
  const char* letters;
};
constexpr Run kExtendedA[] = {
    {6, "A"}, {8, "C"}, {4, "D"}, {10, "E"}, {8, "G"}, {4, "H"}, {10, "I"}, {2, "IJ"}, {2, "J"}, {3, "K"},
    {10, "L"}, {7, "N"}, {2, "N"}, {6, "O"}, {2, "OE"}, {6, "R"}, {8, "S"}, {6, "T"}, {12, "U"}, {2, "W"},
    {3, "Y"}, {6, "Z"}, {1, "S"},
};

// The ICAO digraphs that differ from plain removal of the diacritic.
const char* expanded_of(std::uint32_t cp) {
  switch (cp) {
    case 0xC4: case 0xE4: return "AE";  // Ä
    case 0xC5: case 0xE5: return "AA";  // Å
    case 0xD6: case 0xF6: return "OE";  // Ö
    case 0xD8: case 0xF8: return "OE";  // Ø
    case 0xDC: case 0xFC: return "UE";  // Ü
    default: return nullptr;
  }
}

const char* plain_of(std::uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    std::uint32_t at = 0x100;
    for (const auto& run : kExtendedA) {
      if (cp < at + static_cast<std::uint32_t>(run.count)) return run.letters;
      at += static_cast<std::uint32_t>(run.count);
    }
  }
  return "";
}

// Next code point of UTF-8 text; malformed bytes come out as U+FFFD.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  std::uint32_t cp = c & (0x3F >> extra);
  for (; extra > 0; --extra) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

void push_token(std::vector<std::string>& tokens, std::string& token) {
  if (!token.empty()) tokens.push_back(std::move(token));
  token.clear();
}

}  // namespace

MrzName to_mrz_name(std::string_view utf8) {
  MrzName out;
  std::string plain, expanded;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t cp = next_code_point(utf8, i);
    if (cp >= 'a' && cp <= 'z') {
      plain += static_cast<char>(cp - 'a' + 'A');
      expanded += static_cast<char>(cp - 'a' + 'A');
    } else if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      plain += static_cast<char>(cp);
      expanded += static_cast<char>(cp);
    } else if (cp == ' ' || cp == '-' || cp == ',' || cp == '<' || cp == '\t' || cp == 0x2010 || cp == 0x2011) {
      push_token(out.plain, plain);
      push_token(out.expanded, expanded);
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      const char* p = plain_of(cp);
      const char* e = expanded_of(cp);
      plain += p;
      expanded += e ? e : p;
    }
    // Anything else (apostrophes, dots, scripts other than Latin) is left out.
  }
  push_token(out.plain, plain);
  push_token(out.expanded, expanded);
  return out;
}

}  // namespace cohort_visa::details
