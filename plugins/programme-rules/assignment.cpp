#include "assignment.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <deque>

namespace cohort_rules {
namespace {

std::string normalised(const std::string& s) {
  std::string out;
  bool space = false;
  for (unsigned char ch : s) {
    if (std::isspace(ch)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(ch));
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

/// The assignment as it is built: who reviews what, loads, and which pairs are allowed.
class Board {
 public:
  Board(const std::vector<ApplicationInfo>& apps, const std::vector<Reviewer>& reviewers, const ConflictRules& rules)
      : apps_(apps), reviewers_(reviewers) {
    const std::size_t na = apps.size(), nr = reviewers.size();
    allowed_.assign(na, std::vector<char>(nr, 0));
    has_.assign(na, std::vector<char>(nr, 0));
    of_reviewer_.resize(nr);
    load_.assign(nr, 0);
    cap_.resize(nr);
    for (std::size_t r = 0; r < nr; ++r)
      cap_[r] = reviewers[r].max_load ? std::max(0, *reviewers[r].max_load) : INT_MAX;
    for (std::size_t a = 0; a < na; ++a)
      for (std::size_t r = 0; r < nr; ++r) allowed_[a][r] = !conflict_of(reviewers[r], apps[a], rules);
  }

  bool allowed(std::size_t a, std::size_t r) const { return allowed_[a][r] != 0; }
  bool has(std::size_t a, std::size_t r) const { return has_[a][r] != 0; }
  int load(std::size_t r) const { return load_[r]; }
  int cap(std::size_t r) const { return cap_[r]; }
  const std::vector<std::size_t>& apps_of(std::size_t r) const { return of_reviewer_[r]; }
  std::size_t reviewers() const { return reviewers_.size(); }

  void assign(std::size_t a, std::size_t r) {
    has_[a][r] = 1;
    of_reviewer_[r].push_back(a);
    ++load_[r];
  }
  void unassign(std::size_t a, std::size_t r) {
    has_[a][r] = 0;
    auto& list = of_reviewer_[r];
    list.erase(std::find(list.begin(), list.end(), a));
    --load_[r];
  }

  /// The least loaded reviewer who may take `a` directly (ties: first by id), if any.
  std::optional<std::size_t> direct(std::size_t a) const {
    std::optional<std::size_t> best;
    for (std::size_t r = 0; r < reviewers(); ++r)
      if (allowed(a, r) && !has(a, r) && load_[r] < cap_[r] && (!best || load_[r] < load_[*best])) best = r;
    return best;
  }

  /// Moves along a chain of reviewers: reviewer `from` hands one application to the next,
  /// and so on, so that only the chain's ends change load. `starts` are the reviewers the
  /// search begins from; `accept(r)` says whether r may end the chain, `better(r, s)` whether
  /// r is a better end than s. Returns the chosen end and the chain back to a start.
  struct Step {
    std::size_t reviewer;
    std::size_t app;  // handed from `reviewer` to the next one
  };
  template <class Accept, class Better>
  std::optional<std::pair<std::size_t, std::vector<Step>>> chain(const std::vector<std::size_t>& starts, Accept accept,
                                                                 Better better) const {
    const std::size_t nr = reviewers();
    std::vector<long> parent(nr, -2);  // -2 unseen, -1 a start
    std::vector<std::size_t> via(nr, 0);
    std::deque<std::size_t> queue;
    for (std::size_t r : starts) {
      parent[r] = -1;
      queue.push_back(r);
    }
    std::vector<char> app_seen(apps_.size(), 0);
    std::optional<std::size_t> end;
    while (!queue.empty()) {
      const std::size_t r = queue.front();
      queue.pop_front();
      for (std::size_t b : of_reviewer_[r]) {
        if (app_seen[b]) continue;
        app_seen[b] = 1;
        for (std::size_t next = 0; next < nr; ++next) {
          if (parent[next] != -2 || !allowed(b, next) || has(b, next)) continue;
          parent[next] = static_cast<long>(r);
          via[next] = b;
          queue.push_back(next);
          if (accept(next) && (!end || better(next, *end))) end = next;
        }
      }
    }
    if (!end) return std::nullopt;
    std::vector<Step> steps;
    for (std::size_t r = *end; parent[r] >= 0; r = static_cast<std::size_t>(parent[r]))
      steps.push_back({static_cast<std::size_t>(parent[r]), via[r]});
    return std::make_pair(*end, steps);
  }

  /// Applies a chain: each step's application moves from its reviewer to the next one.
  void shift(std::size_t end, const std::vector<Step>& steps) {
    std::size_t to = end;
    for (const auto& s : steps) {
      unassign(s.app, s.reviewer);
      assign(s.app, to);
      to = s.reviewer;
    }
  }

 private:
  const std::vector<ApplicationInfo>& apps_;
  const std::vector<Reviewer>& reviewers_;
  std::vector<std::vector<char>> allowed_;
  std::vector<std::vector<char>> has_;
  std::vector<std::vector<std::size_t>> of_reviewer_;
  std::vector<int> load_;
  std::vector<int> cap_;
};

}  // namespace

std::optional<std::string> conflict_of(const Reviewer& reviewer, const ApplicationInfo& app, const ConflictRules& rules) {
  const std::string institution = normalised(app.institution);
  for (const auto& declared : reviewer.conflicts) {
    if (declared == app.id) return "declared a conflict with " + app.id;
    if (!institution.empty() && normalised(declared) == institution)
      return "declared a conflict with " + app.institution;
  }
  if (rules.same_institution && !institution.empty() && normalised(reviewer.institution) == institution)
    return "same institution (" + app.institution + ")";
  if (rules.same_country && !app.country.empty() && reviewer.country == app.country)
    return "same country (" + app.country + ")";
  return std::nullopt;
}

AssignmentResult assign_reviewers(const AssignmentInput& input) {
  AssignmentResult out;
  // Sorted and unique by id, so the input order never matters.
  std::map<std::string, ApplicationInfo> app_by_id;
  for (const auto& a : input.applications)
    if (std::find(input.exclude.begin(), input.exclude.end(), a.id) == input.exclude.end()) app_by_id[a.id] = a;
  std::map<std::string, Reviewer> reviewer_by_id;
  for (const auto& r : input.reviewers) reviewer_by_id.emplace(r.id, r);
  std::vector<ApplicationInfo> apps;
  for (auto& [id, a] : app_by_id) apps.push_back(a);
  std::vector<Reviewer> reviewers;
  for (auto& [id, r] : reviewer_by_id) reviewers.push_back(r);
  const int k = std::max(0, input.per_application);

  Board board(apps, reviewers, input.rules);
  const std::size_t na = apps.size(), nr = reviewers.size();
  std::vector<int> options(na, 0);
  for (std::size_t a = 0; a < na; ++a)
    for (std::size_t r = 0; r < nr; ++r) {
      if (board.allowed(a, r))
        ++options[a];
      else
        ++out.conflicts_avoided;
    }

  // The most constrained applications choose first; each takes the least loaded reviewer it
  // may have, or, when every such reviewer is full, frees one by a chain of moves.
  std::vector<std::size_t> order(na);
  for (std::size_t a = 0; a < na; ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return options[x] < options[y]; });
  for (std::size_t a : order) {
    for (int n = 0; n < k; ++n) {
      if (auto r = board.direct(a)) {
        board.assign(a, *r);
        continue;
      }
      std::vector<std::size_t> starts;
      for (std::size_t r = 0; r < nr; ++r)
        if (board.allowed(a, r) && !board.has(a, r)) starts.push_back(r);
      auto path = board.chain(
          starts, [&](std::size_t r) { return board.load(r) < board.cap(r); },
          [&](std::size_t r, std::size_t s) { return board.load(r) < board.load(s); });
      if (!path) break;
      board.shift(path->first, path->second);
      const std::size_t freed = path->second.empty() ? path->first : path->second.back().reviewer;
      board.assign(a, freed);
    }
  }

  // Even out the loads: while some reviewer can pass an application, directly or along a
  // chain, to one with two fewer, do so. Each move lowers the sum of squared loads, so this
  // ends, and it ends at the most even loads the conflicts allow.
  for (bool moved = true; moved;) {
    moved = false;
    std::vector<std::size_t> by_load(nr);
    for (std::size_t r = 0; r < nr; ++r) by_load[r] = r;
    std::stable_sort(by_load.begin(), by_load.end(),
                     [&](std::size_t x, std::size_t y) { return board.load(x) > board.load(y); });
    for (std::size_t src : by_load) {
      const int top = board.load(src);
      auto path = board.chain(
          {src}, [&](std::size_t r) { return board.load(r) < board.cap(r) && board.load(r) <= top - 2; },
          [&](std::size_t r, std::size_t s) { return board.load(r) < board.load(s); });
      if (!path) continue;
      board.shift(path->first, path->second);
      moved = true;
      break;
    }
  }

  for (std::size_t r = 0; r < nr; ++r) out.loads[reviewers[r].id] = board.load(r);
  for (std::size_t a = 0; a < na; ++a) {
    auto& list = out.by_application[apps[a].id];
    for (std::size_t r = 0; r < nr; ++r)
      if (board.has(a, r)) {
        list.push_back(reviewers[r].id);
        out.by_reviewer[reviewers[r].id].push_back(apps[a].id);
      }
    const int got = static_cast<int>(list.size());
    if (got >= k) continue;
    out.complete = false;
    std::vector<std::string> conflicts, full;
    for (std::size_t r = 0; r < nr; ++r) {
      if (auto why = conflict_of(reviewers[r], apps[a], input.rules))
        conflicts.push_back(reviewers[r].id + ": " + *why);
      else if (!board.has(a, r))
        full.push_back(reviewers[r].id);
    }
    std::string reason = apps[a].id + " (" + (apps[a].country.empty() ? "?" : apps[a].country) + "): " +
                         std::to_string(got) + " of " + std::to_string(k) + " reviewers assigned; " +
                         std::to_string(conflicts.size()) + " of " + std::to_string(nr) +
                         " reviewers have a conflict of interest";
    if (!conflicts.empty()) reason += " (" + join(conflicts, "; ") + ")";
    if (!full.empty()) reason += "; at their maximum load: " + join(full);
    out.shortfalls.push_back({apps[a].id, got, k, reason});
  }
  for (auto& [id, list] : out.by_reviewer) std::sort(list.begin(), list.end());

  out.min_load = nr ? INT_MAX : 0;
  out.max_load = 0;
  for (const auto& [id, n] : out.loads) {
    out.min_load = std::min(out.min_load, n);
    out.max_load = std::max(out.max_load, n);
  }
  out.summary = std::to_string(na) + " applications, " + std::to_string(k) + " reviewers each, " + std::to_string(nr) +
                " reviewers: loads " + std::to_string(out.min_load) + "-" + std::to_string(out.max_load) + "; " +
                std::to_string(out.conflicts_avoided) + " conflicts of interest avoided; ";
  if (out.max_load - out.min_load > 1) {
    std::vector<std::string> light;
    for (std::size_t r = 0; r < nr; ++r)
      if (board.load(r) <= out.max_load - 2) {
        int possible = 0;
        for (std::size_t a = 0; a < na; ++a) possible += board.allowed(a, r) ? 1 : 0;
        light.push_back(reviewers[r].id + " (" + std::to_string(possible) + " applications without a conflict" +
                        (reviewers[r].max_load ? ", max load " + std::to_string(*reviewers[r].max_load) : "") + ")");
      }
    out.summary += "loads differ by more than one because of conflicts or load limits: " + join(light) + "; ";
  }
  out.summary += out.complete ? "every application has its reviewers"
                              : std::to_string(out.shortfalls.size()) + " applications lack reviewers";
  return out;
}

}  // namespace cohort_rules
