#pragma once
/// @file random.hpp
/// @brief A small seeded random source whose sequence is the same on every platform
///        (the standard distributions are not), so a seed always gives the same programme.

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cohort::programme::details {

/// @brief splitmix64: tiny, fast, and good enough for synthetic data.
class Random {
 public:
  explicit Random(std::uint64_t seed = 0) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// @brief In [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  /// @brief In [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// @brief An integer in [lo, hi], both included.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  /// @brief Box-Muller; one value per call is plenty here.
  double normal(double mean, double sd) {
    const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    const double u2 = uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(next() % items.size())];
  }
  /// @brief An index drawn with the given (non-negative) weights.
  std::size_t weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.empty() ? 0 : weights.size() - 1;
  }

 private:
  std::uint64_t state_;
};

/// @brief A seed for one named stream (e.g. one applicant) derived from the run's seed,
///        so that streams do not depend on the order in which they are used.
inline std::uint64_t stream_seed(std::uint64_t seed, std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL ^ seed;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  Random r(h);
  return r.next();
}

}  // namespace cohort::programme::details
