#include "selection.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "details/seat_plan.hpp"
#include "rules.hpp"

namespace cohort_rules {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

int count_of(const std::map<std::string, int>& counts, const std::string& key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

}  // namespace

ReplaceResult replace(const ReplaceInput& in) {
  ReplaceResult out;
  for (const auto& h : in.holders)
    if (h.id != in.freed_id || in.freed_id.empty()) out.holders.push_back(h);
  // A holders list without ids (counts only) cannot name the freed one; drop one of its country.
  if (in.freed_id.empty() && !in.freed_country.empty()) {
    auto it = std::find_if(out.holders.begin(), out.holders.end(),
                           [&](const Holder& h) { return h.country == in.freed_country && h.id.empty(); });
    if (it != out.holders.end()) out.holders.erase(it);
  }
  for (const auto& w : in.waitlist)
    if (!contains(in.exclude, w.id)) out.waitlist.push_back(w);

  const std::string who = in.freed_id.empty() ? "a seat" : in.freed_id;
  const std::string from = in.freed_country.empty() ? "" : " (" + in.freed_country + ")";

  std::map<std::string, int> by_country, by_gender;
  for (const auto& h : out.holders) {
    ++by_country[h.country];
    ++by_gender[h.gender];
  }
  // Gender bounds count over the programme's seats (or, without seats, the seats held so far
  // plus the one freed).
  std::map<std::string, std::pair<int, int>> gender_bounds;
  if (in.diversity.gender)
    gender_bounds = details::gender_bounds(*in.diversity.gender,
                                           in.seats ? *in.seats : static_cast<int>(out.holders.size()) + 1);
  auto country_min = [&](const std::string& cc) {
    auto q = in.quotas.find(cc);
    return q == in.quotas.end() ? 0 : q->second.min;
  };
  auto country_max = [&](const std::string& cc) {
    auto q = in.quotas.find(cc);
    return q == in.quotas.end() ? -1 : q->second.max;
  };
  auto gender_min = [&](const std::string& g) {
    auto b = gender_bounds.find(g);
    return b == gender_bounds.end() ? 0 : b->second.first;
  };
  auto gender_max = [&](const std::string& g) {
    auto b = gender_bounds.find(g);
    return b == gender_bounds.end() ? -1 : b->second.second;
  };
  // Minimums broken now (by this departure or earlier), to report when nobody restores them.
  auto unmet_now = [&](const std::optional<WaitlistEntry>& joining) {
    std::vector<std::string> unmet;
    for (const auto& [cc, q] : in.quotas) {
      const int have = count_of(by_country, cc) + (joining && joining->country == cc ? 1 : 0);
      if (have < q.min)
        unmet.push_back("quota min for " + cc + " not met: " + std::to_string(have) + " of " + std::to_string(q.min) +
                        " seats held and nobody from " + cc + " can take the freed seat");
    }
    for (const auto& [g, b] : gender_bounds) {
      const int have = count_of(by_gender, g) + (joining && joining->gender == g ? 1 : 0);
      if (have < b.first)
        unmet.push_back("gender target " + g + " not met: " + std::to_string(have) + " of at least " +
                        std::to_string(b.first) + " seats held");
    }
    return unmet;
  };

  if (!in.last_replacement.empty()) {
    auto now = parse_instant_ms(in.date);
    auto last = parse_instant_ms(in.last_replacement);
    if (now && last && *now > *last) {
      out.reason = "no replacement for " + who + from + ": the last replacement date " + in.last_replacement +
                   " has passed";
      out.unmet = unmet_now(std::nullopt);
      return out;
    }
  }
  if (in.seats && static_cast<int>(out.holders.size()) >= *in.seats) {
    out.reason = "no replacement for " + who + from + ": all " + std::to_string(*in.seats) + " seats are held";
    return out;
  }
  if (out.waitlist.empty()) {
    out.reason = "no replacement for " + who + from + ": the waitlist is empty";
    out.unmet = unmet_now(std::nullopt);
    return out;
  }

  // Preference, best first: restores a country minimum; stays within the gender maximum;
  // restores a gender minimum; earlier on the waitlist. A country maximum is never passed,
  // a gender maximum only when the target is not hard and nobody else can take the seat.
  const bool hard = in.diversity.gender && in.diversity.gender->hard;
  using Key = std::tuple<bool, bool, bool>;
  std::vector<std::optional<Key>> keys(out.waitlist.size());
  std::vector<std::string> refused(out.waitlist.size());
  std::optional<std::size_t> pick;
  for (std::size_t i = 0; i < out.waitlist.size(); ++i) {
    const auto& w = out.waitlist[i];
    const int cmax = country_max(w.country);
    if (cmax >= 0 && count_of(by_country, w.country) >= cmax) {
      refused[i] = w.country + " at max " + std::to_string(cmax);
      continue;
    }
    const int gmax = gender_max(w.gender);
    const bool within_gender = gmax < 0 || count_of(by_gender, w.gender) < gmax;
    if (!within_gender && hard) {
      refused[i] = w.gender + " at max " + std::to_string(gmax);
      continue;
    }
    keys[i] = Key{count_of(by_country, w.country) < country_min(w.country), within_gender,
                  count_of(by_gender, w.gender) < gender_min(w.gender)};
    if (!pick || *keys[i] > *keys[*pick]) pick = i;
  }
  if (!pick) {
    out.reason = "no replacement for " + who + from + ": every waitlisted candidate's country" +
                 (hard ? " or gender" : "") + " is at its maximum";
    out.unmet = unmet_now(std::nullopt);
    return out;
  }

  const WaitlistEntry chosen = out.waitlist[*pick];
  const Key best = *keys[*pick];
  std::string why;
  if (std::get<0>(best))
    why = "restores the quota min for " + chosen.country;
  else if (!std::get<1>(best))
    why = "beyond the gender target " + chosen.gender + " maximum: nobody else on the waitlist can take the seat";
  else if (std::get<2>(best))
    why = "restores the gender target " + chosen.gender;
  else
    why = "first on the waitlist within the country quotas";
  // Everyone ahead of the chosen one, and why they were passed over.
  std::vector<std::string> skipped;
  for (std::size_t i = 0; i < *pick; ++i) {
    const auto& w = out.waitlist[i];
    std::string because = refused[i];
    if (because.empty() && keys[i]) {
      if (std::get<0>(best) && !std::get<0>(*keys[i]))
        because = "does not restore the quota min for " + chosen.country;
      else if (std::get<1>(best) && !std::get<1>(*keys[i]))
        because = w.gender + " at max " + std::to_string(gender_max(w.gender));
      else
        because = "does not restore the gender target " + chosen.gender;
    }
    skipped.push_back(w.id + " (" + because + ")");
  }

  out.offer = chosen;
  out.waitlist.erase(out.waitlist.begin() + static_cast<std::ptrdiff_t>(*pick));
  out.holders.push_back({chosen.id, chosen.country, chosen.gender});
  out.reason = chosen.id + " (" + chosen.country + ", rank " + std::to_string(chosen.rank) + ", score " +
               format_score(chosen.score) + ") replaces " + who + from + ": " + why;
  if (!skipped.empty()) {
    out.reason += "; skipped ";
    for (std::size_t i = 0; i < skipped.size(); ++i) out.reason += (i ? ", " : "") + skipped[i];
  }
  // by_country / by_gender do not include the newcomer yet: count them in.
  out.unmet = unmet_now(chosen);
  return out;
}

}  // namespace cohort_rules
