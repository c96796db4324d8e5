// Naming what a user could have meant: a bounded list of the names there are and the one
// spelled almost like the name given, for error messages.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "../io/text.hpp"

namespace goaldrift::detail {

/// The first `listed` of `names`, each quoted and cut (io::quote_excerpt), then "and N more":
/// a model or table of thousands of names must not become a message of thousands of names.
template <class Names>
std::string name_list(const Names& names, std::size_t listed = 20) {
  std::string known;
  std::size_t count = 0;
  for (const auto& n : names) {
    if (count < listed) known += (count == 0 ? "" : ", ") + io::quote_excerpt(n, 40);
    ++count;
  }
  if (count > listed) known += " and " + std::to_string(count - listed) + " more";
  return known;
}

/// The name within a few edits of `name` (letter case not counting), if any: a typo or
/// "Action_Time" for "action_time" is worth pointing out, a different name is not.
template <class Names>
const std::string* closest_name(const Names& names, std::string_view name) {
  // Edit distance costs the product of the lengths; names this long are not typed by hand.
  static constexpr std::size_t longest = 200;
  if (name.size() > longest) return nullptr;
  const std::size_t allowed = name.size() / 3;
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  std::vector<std::size_t> previous;
  std::vector<std::size_t> current;
  for (const std::string& candidate : names) {
    const std::size_t gap =
        candidate.size() > name.size() ? candidate.size() - name.size() : name.size() - candidate.size();
    if (candidate.size() > longest || gap >= best_distance) continue;
    previous.resize(candidate.size() + 1);
    current.resize(candidate.size() + 1);
    for (std::size_t j = 0; j <= candidate.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= name.size(); ++i) {
      current[0] = i;
      for (std::size_t j = 1; j <= candidate.size(); ++j) {
        const bool same = std::tolower(static_cast<unsigned char>(name[i - 1])) ==
                          std::tolower(static_cast<unsigned char>(candidate[j - 1]));
        current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      }
      std::swap(previous, current);
    }
    if (previous[candidate.size()] < best_distance) {
      best_distance = previous[candidate.size()];
      best = &candidate;
    }
  }
  return best;
}

/// "; the closest is 'x'" when a name is spelled almost like `name`, else "".
template <class Names>
std::string closest_hint(const Names& names, std::string_view name) {
  const std::string* closest = closest_name(names, name);
  return closest ? "; the closest is " + io::quote_excerpt(*closest) : std::string();
}

}  // namespace goaldrift::detail
