#include "credential/base58.hpp"

#include <algorithm>

namespace cohort::credentials {
namespace {
constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
}

std::string base58_encode(const Bytes& bytes) {
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // Base-58 digits, least significant first; the input is a big-endian number.
  std::vector<std::uint8_t> digits;
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = bytes[i];
    for (auto& d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry) {
      digits.push_back(static_cast<std::uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

std::optional<Bytes> base58_decode(std::string_view text) {
  std::size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // Base-256 bytes, least significant first.
  Bytes number;
  number.reserve(text.size() * 733 / 1000 + 1);
  for (std::size_t i = ones; i < text.size(); ++i) {
    auto pos = kAlphabet.find(text[i]);
    if (pos == std::string_view::npos) return std::nullopt;
    unsigned carry = static_cast<unsigned>(pos);
    for (auto& b : number) {
      carry += static_cast<unsigned>(b) * 58;
      b = static_cast<std::uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry) {
      number.push_back(static_cast<std::uint8_t>(carry & 0xFF));
      carry >>= 8;
    }
  }
  Bytes out(ones, 0);
  out.insert(out.end(), number.rbegin(), number.rend());
  return out;
}

std::string multibase_encode(const Bytes& bytes) { return "z" + base58_encode(bytes); }

std::optional<Bytes> multibase_decode(std::string_view text) {
  if (text.empty() || text.front() != 'z') return std::nullopt;
  return base58_decode(text.substr(1));
}

}  // namespace cohort::credentials
