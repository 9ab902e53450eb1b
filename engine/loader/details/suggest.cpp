#include "loader/details/suggest.hpp"

#include <algorithm>

namespace cohort::loader::details {
namespace {

std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    auto d = distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string known_hint(std::string_view word, const std::vector<std::string>& candidates, std::string_view label,
                       std::size_t max) {
  // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string here.
  std::string out = "(";
  out.append(label);
  if (candidates.empty()) return out.append(": none)");
  out.append(": ");
  for (std::size_t i = 0; i < candidates.size() && i < max; ++i) {
    if (i) out.append(", ");
    out.append(candidates[i]);
  }
  if (candidates.size() > max) out.append(", ...");
  auto guess = closest(word, candidates);
  if (!guess.empty()) out.append("; did you mean '").append(guess).append("'?");
  return out.append(")");
}

}  // namespace cohort::loader::details
