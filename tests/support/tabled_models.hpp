// Model-file text of every tabled combination of a run-time model's parts (runtime::model's
// 2 states x 10 perceptions x 7 goals), for the tests of its compiled runs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace support {

/// The tabled states: proportional action (with a floor) and capacity-limited action.
inline const std::vector<std::string>& tabled_states() {
  static const std::vector<std::string> out = {
      R"({"type": "actual", "initial": 100, "action_time": 4, "floor": 20})",
      R"({"type": "actual", "initial": 100, "action_time": 4, "action": "capacity_limited", "max_rate": 3})",
  };
  return out;
}

/// The tabled perceptions: each plain kind, then each behind a distorted sensor with a constant
/// offset and `bias` (an input's JSON) as its bias.
inline std::vector<std::string> tabled_perceptions(
    const std::string& bias = R"({"type": "pulse", "start": 10, "width": 5, "height": 0.2})") {
  const std::vector<std::string> plain = {
      R"("type": "instant")",
      R"("type": "smooth", "smoothing_time": 3)",
      R"("type": "smooth3", "smoothing_time": 6)",
      R"("type": "asymmetric", "bad_news_time": 1, "good_news_time": 6)",
      R"("type": "reporting_delay", "delay_time": 1)",
  };
  std::vector<std::string> out;
  for (const auto& p : plain) out.push_back("{" + p + "}");
  for (const auto& p : plain) {
    std::string of = p;
    of.replace(of.find("\"type\""), 6, "\"of\"");
    out.push_back(R"({"type": "distorted", )" + of + R"(, "bias": )" + bias + R"(, "offset": -2})");
  }
  return out;
}

/// The tabled goals: absolute, and floating, slip-only and best-past on the perceived or a
/// remembered state.
inline const std::vector<std::string>& tabled_goals() {
  static const std::vector<std::string> out = {
      R"({"type": "absolute", "standard": 100})",
      R"({"type": "floating", "initial": 100, "adjustment_time": 12})",
      R"({"type": "floating", "initial": 100, "adjustment_time": 12, "signal": {"type": "remembered", "bad_news_time": 1, "good_news_time": 8}})",
      R"({"type": "slip_only", "initial": 100, "adjustment_time": 12})",
      R"({"type": "slip_only", "initial": 100, "adjustment_time": 12, "signal": {"type": "remembered", "bad_news_time": 1, "good_news_time": 8}})",
      R"({"type": "best_past", "initial": 100, "rise_time": 2, "forgetting_time": 30})",
      R"({"type": "best_past", "initial": 100, "rise_time": 2, "signal": {"type": "remembered", "bad_news_time": 1, "good_news_time": 8}})",
  };
  return out;
}

/// Calls f(state, perception, goal) for every tabled state and goal and each of `perceptions`;
/// returns how many combinations it called f with.
template <class F>
std::size_t for_each_tabled_combination(const std::vector<std::string>& perceptions, F&& f) {
  std::size_t combinations = 0;
  for (const auto& state : tabled_states()) {
    for (const auto& perception : perceptions) {
      for (const auto& goal : tabled_goals()) {
        f(state, perception, goal);
        ++combinations;
      }
    }
  }
  return combinations;
}

/// A model file of these parts, run to `end` in steps of 0.125.
inline std::string tabled_model_text(const std::string& state, const std::string& perception, const std::string& goal,
                                     const std::string& pressure, const std::string& end) {
  return R"({"format": "goaldrift-model/1", "state": )" + state + R"(, "perception": )" + perception +
         R"(, "goal": )" + goal + R"(, "pressure": )" + pressure + R"(, "run": {"end": )" + end + R"(, "dt": 0.125}})";
}

}  // namespace support
