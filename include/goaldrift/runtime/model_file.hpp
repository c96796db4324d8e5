// Model files: a goal-erosion model and its run, chosen in a JSON file instead of in C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../goal/alarm_modulated.hpp"
#include "../input/sine_wave.hpp"
#include "../input/table.hpp"
#include "../method.hpp"
#include "../run_options.hpp"
#include "../sd/lookup.hpp"
#include "../simulate.hpp"
#include "../trajectory.hpp"
#include "detail/json_reader.hpp"
#include "model.hpp"

namespace goaldrift::runtime {

/// What a model file holds: the model, how to run it, and where it came from.
struct model_file {
  /// The file's name as given (errors and outputs name it).
  std::string source;
  runtime::model model;
  run_options run;
  /// "euler", "rk4" (the default, as simulate()'s) or "dopri5".
  std::string method = "rk4";
  /// The "ensemble" section, unread (ensemble/model_file.hpp reads it); null if absent.
  detail::json ensemble;
  /// The directory relative paths in the file are read from (the file's own).
  std::filesystem::path directory;
};

namespace detail {

/// Runs `make` (a part's constructor) and turns the part's own invalid_parameter into a
/// model_file_error at the field it names, or at the part if the file has no such field.
template <class Make>
auto built(const json_reader& r, Make&& make) {
  try {
    return make();
  } catch (const invalid_parameter& e) {
    std::string field = e.parameter();
    if (r.value().is_object() && r.value().contains(field)) r.fail_at(field, e.what());
    r.fail(e.what());
  }
}

/// The parameter path of a file position ("/pressure/terms/1" is "pressure.terms[1]"), which
/// names a noise's random stream when the file does not.
inline std::string path_of(const std::string& pointer) {
  std::string out;
  std::size_t i = 0;
  while (i < pointer.size()) {
    const std::size_t next = pointer.find('/', i + 1);
    const std::string token = pointer.substr(i + 1, next == std::string::npos ? std::string::npos : next - i - 1);
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    out += index ? "[" + token + "]" : (out.empty() ? "" : ".") + token;
    i = next == std::string::npos ? pointer.size() : next;
  }
  return out;
}

inline const std::vector<std::string>& input_types() {
  static const std::vector<std::string> types = {"constant", "step",  "ramp", "pulse",      "sine_wave", "table",
                                                 "white",    "pink",  "sum",  "difference", "product"};
  return types;
}

/// A lookup from a list of points, each `point` ("[t, value]"): a list of two numbers.
inline sd::lookup read_points(const json_reader& r, const std::string& point_form) {
  if (!r.is_array()) r.fail("must be a list of " + point_form + " points, got " + json_kind(r.value()));
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto point = r.element(i);
    if (!point.is_array() || point.size() != 2) {
      point.fail("must be a point " + point_form + ", got " +
                 (point.is_array() ? "a list of " + std::to_string(point.size()) : std::string(json_kind(point.value()))));
    }
    xs.push_back(point.element(0).number());
    ys.push_back(point.element(1).number());
  }
  return built(r, [&] { return sd::lookup(xs, ys); });
}

inline any_input read_input(const json_reader& r) {
  if (r.is_number()) return any_input(input::constant<double>(built(r, [&] { return input::constant<double>(r.number()); })));
  r.require_object("an input or a number");
  const std::string type = r["type"].choice(input_types());
  any_input out;
  if (type == "constant") {
    const double v = r.number("value");
    out = built(r, [&] { return input::constant<double>(v); });
  } else if (type == "step") {
    const double height = r.number("height");
    const double start = r.number("start");
    out = built(r, [&] { return input::step<double>(height, start); });
  } else if (type == "ramp") {
    const double slope = r.number("slope");
    const double start = r.number("start");
    const auto end = r.optional_number("end");
    out = built(r, [&] { return end ? input::ramp<double>(slope, start, *end) : input::ramp<double>(slope, start); });
  } else if (type == "pulse") {
    const double start = r.number("start");
    const double width = r.number("width");
    const double height = r.number_or("height", 1.0);
    out = built(r, [&] { return input::pulse<double>(start, width, height); });
  } else if (type == "sine_wave") {
    const double mean = r.number_or("mean", 0.0);
    const double amplitude = r.number("amplitude");
    const double period = r.number("period");
    const double phase = r.number_or("phase", 0.0);
    out = built(r, [&] { return input::sine_wave<double>(mean, amplitude, period, phase); });
  } else if (type == "white" || type == "pink") {
    const std::string stream = r.text_or("stream", path_of(r.pointer()));
    const double mean = r.number_or("mean", 0.0);
    const double sd = r.number("sd");
    if (type == "white") {
      const double interval = r.number("interval");
      out = built(r, [&] { return noise::white<double>(stream, mean, sd, interval); });
    } else {
      const double correlation = r.number("correlation_time");
      const double interval = r.number("interval");
      const auto origin = r.optional_number("origin");
      out = built(r, [&] {
        noise::pink<double> p(stream, mean, sd, correlation, interval);
        if (origin) {
          p.origin = *origin;
          p.validate();
        }
        return p;
      });
    }
  } else if (type == "table") {
    out = input::table<double>(read_points(r["points"], "[t, value]"));
  } else if (type == "difference" || type == "product") {
    input_operation operation;
    operation.op = type == "product" ? input_operation::kind::product : input_operation::kind::difference;
    operation.operands.push_back(read_input(r["left"]));
    operation.operands.push_back(read_input(r["right"]));
    out = any_input(std::move(operation));
  } else {  // sum
    const auto terms = r["terms"];
    if (!terms.is_array() || terms.size() < 2) terms.fail("must be a list of two or more inputs");
    input_sum sum;
    for (std::size_t i = 0; i < terms.size(); ++i) sum.terms.push_back(read_input(terms.element(i)));
    out = any_input(std::move(sum));
  }
  r.finish("a " + type + " input");
  return out;
}

/// Calls `use` with the perception the object describes under its type name `type` (a plain
/// perception, not a distorted one), and returns what it returns.
template <class Result, class Use>
Result with_plain_perception(const json_reader& r, const std::string& type, Use&& use) {
  if (type == "instant") return use(perception::instant<double>{});
  if (type == "reporting_delay") {
    const double delay = r.number("delay_time");
    const auto initial = r.optional_number("initial");
    return use(built(r, [&] {
      return initial ? perception::reporting_delay<double>(delay, *initial) : perception::reporting_delay<double>(delay);
    }));
  }
  if (type == "asymmetric") {
    const double bad = r.number("bad_news_time");
    const double good = r.number("good_news_time");
    const auto initial = r.optional_number("initial");
    return use(built(r, [&] {
      return initial ? perception::asymmetric<double>(bad, good, *initial) : perception::asymmetric<double>(bad, good);
    }));
  }
  const double time = r.number("smoothing_time");
  const auto initial = r.optional_number("initial");
  if (type == "smooth3") {
    return use(built(r, [&] { return initial ? perception::smooth3<double>(time, *initial) : perception::smooth3<double>(time); }));
  }
  return use(built(r, [&] { return initial ? perception::smooth<double>(time, *initial) : perception::smooth<double>(time); }));
}

inline const std::vector<std::string>& plain_perception_types() {
  static const std::vector<std::string> types = {"instant", "smooth", "smooth3", "asymmetric", "reporting_delay"};
  return types;
}

/// A distorted sensor: `of` (the plain perception behind it, its fields beside the sensor's),
/// `bias` (an input, none by default) and the offset `read_offset()` reads, as a Result (any_sensor
/// or any_perception); `what` names it in the error about a field it does not know.
template <class Result, class ReadOffset>
Result read_distorted(const json_reader& r, ReadOffset&& read_offset, const std::string& what) {
  const std::string of = r["of"].choice(plain_perception_types());
  const any_input bias = r.has("bias") ? read_input(r["bias"]) : any_input();
  const auto offset = read_offset();
  Result out = with_plain_perception<Result>(r, of, [&](auto inner) -> Result {
    return built(r, [&] {
      return perception::distorted<decltype(inner), any_input, std::decay_t<decltype(offset)>>(std::move(inner), bias, offset);
    });
  });
  r.finish("a distorted " + of + " perception" + what);
  return out;
}

/// The plain or distorted perception (of type `type`) the object describes; `what` names it in
/// the error about a field it does not know ("a distorted smooth perception" + `what`).
inline any_sensor read_sensor(const json_reader& r, const std::string& type, const std::string& what = "") {
  if (type == "distorted") {
    return read_distorted<any_sensor>(r, [&r] { return input::constant<double>(r.number_or("offset", 0.0)); }, what);
  }
  any_sensor out = with_plain_perception<any_sensor>(r, type, [](auto part) -> any_sensor { return any_sensor(std::move(part)); });
  r.finish("a " + type + " perception" + what);
  return out;
}

/// A fused perception: `channels`, a list of 1 to fused_perception::max_channels perceptions,
/// each with its `name` and `weight` beside its own fields (as perception::channel lists them).
inline fused_perception read_fused(const json_reader& r) {
  const auto list = r["channels"];
  constexpr std::size_t most = fused_perception::max_channels;
  if (!list.is_array() || list.size() < 1 || list.size() > most) {
    list.fail("must be a list of 1 to " + std::to_string(most) + " channels (a run-time model has room for " +
              std::to_string(most) + "), got " +
              (list.is_array() ? std::to_string(list.size()) + " channels" : std::string(json_kind(list.value()))));
  }
  std::vector<fused_channel> channels;
  std::vector<json_reader> at;
  std::size_t state = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto c = list.element(i);
    c.require_object("a channel (a perception with a name and a weight)");
    std::string name = c.text("name");
    const double weight = c.number("weight");
    std::vector<std::string> types = plain_perception_types();
    types.push_back("distorted");
    const std::string type = c["type"].choice(types);
    any_sensor sensor = read_sensor(c, type, " with a channel's name and weight");
    state += detail::visit([](const auto& p) { return std::decay_t<decltype(p)>::state_size; }, sensor);
    if (state > fused_perception::max_state) {
      c.fail("brings the channels' state variables to " + std::to_string(state) + "; a run-time fused perception has room for " +
             std::to_string(fused_perception::max_state) + " (a smooth3 holds 3, a smooth or asymmetric 1)");
    }
    channels.push_back(fused_channel{std::move(name), weight, std::move(sensor)});
    at.push_back(c);
  }
  r.finish("a fused perception");
  try {
    return fused_perception(std::move(channels));
  } catch (const invalid_parameter& e) {
    // A channel's weight is named by the channel ("weight of channel 'top'"): report it at that
    // channel's weight, and the sum at the list.
    for (const auto& c : at) {
      if (e.parameter() == "weight of channel '" + c.value().at("name").get<std::string>() + "'") c.fail_at("weight", e.what());
    }
    list.fail(e.what());
  }
}

/// An n-th order smooth (perception::smooth_n<max_order>): `smoothing_time`, `order`, and room
/// for `max_order` stages (default: the order), at most detail::max_smooth_order.
template <std::size_t MaxOrder = 1>
any_perception make_smooth_n(const json_reader& r, std::size_t max_order, double time, int order,
                             std::optional<double> initial) {
  if constexpr (MaxOrder < detail::max_smooth_order) {
    if (max_order > MaxOrder) return make_smooth_n<MaxOrder + 1>(r, max_order, time, order, initial);
  }
  return built(r, [&] {
    return initial ? perception::smooth_n<MaxOrder, double>(time, order, *initial)
                   : perception::smooth_n<MaxOrder, double>(time, order);
  });
}

inline any_perception read_smooth_n(const json_reader& r) {
  const double time = r.number("smoothing_time");
  constexpr std::uint64_t most = detail::max_smooth_order;
  const auto order = r["order"].whole(1, most);
  const auto max_order = r.has("max_order") ? r["max_order"].whole(order, most) : order;
  const auto initial = r.optional_number("initial");
  r.finish("a smooth_n perception");
  return make_smooth_n(r, static_cast<std::size_t>(max_order), time, static_cast<int>(order), initial);
}

inline any_perception read_perception(const json_reader& r) {
  r.require_object("a perception");
  std::vector<std::string> types = plain_perception_types();
  types.push_back("distorted");
  types.push_back("fused");
  types.push_back("smooth_n");
  const std::string type = r["type"].choice(types);
  if (type == "fused") return any_perception(read_fused(r));
  if (type == "smooth_n") return read_smooth_n(r);
  if (type == "distorted" && r.has("offset") && !r["offset"].is_number()) {
    // an offset that is an input: a sensor of its own kind (a channel's offset stays a number)
    return read_distorted<any_perception>(r, [&r] { return read_input(r["offset"]); }, "");
  }
  any_sensor sensor = read_sensor(r, type);
  return detail::visit([](auto& held) { return any_perception(std::move(held)); }, sensor);
}

template <class Use>
any_goal with_signal(const json_reader& goal, Use&& use) {
  if (!goal.has("signal")) return use(goal::perceived<double>{});
  const auto r = goal["signal"];
  if (r.is_string()) {
    r.choice({"perceived"});
    return use(goal::perceived<double>{});
  }
  r.require_object("a performance signal (\"perceived\", or a remembered one)");
  const std::string type = r["type"].choice({"perceived", "remembered"});
  std::optional<any_goal> out;  // (the parts have no default to start from)
  if (type == "perceived") {
    out = use(goal::perceived<double>{});
  } else {
    const double bad = r.number("bad_news_time");
    const double good = r.number("good_news_time");
    const auto initial = r.optional_number("initial");
    out = use(built(r, [&] {
      return initial ? goal::remembered<double>(bad, good, *initial) : goal::remembered<double>(bad, good);
    }));
  }
  r.finish("a " + type + " signal");
  return std::move(*out);
}

/// An alarm_modulated goal's alarm: {"calm_gap": ..., "alarm_gap": ...} (goal::alarm_curve), or
/// a lookup as a list of [gap, multiplier] points.
inline sd::lookup read_alarm(const json_reader& r) {
  if (r.is_array()) return read_points(r, "[gap, multiplier]");
  r.require_object("an alarm curve ({\"calm_gap\": ..., \"alarm_gap\": ...}) or a list of [gap, multiplier] points");
  const double calm = r.number("calm_gap");
  const double alarm = r.number("alarm_gap");
  r.finish("an alarm curve");
  return built(r, [&] { return goal::alarm_curve(calm, alarm); });
}

inline any_goal read_goal(const json_reader& r) {
  r.require_object("a goal policy");
  const std::string type =
      r["type"].choice({"absolute", "floating", "slip_only", "best_past", "alarm_modulated", "blended"});
  std::optional<any_goal> out;  // (the parts have no default to start from)
  if (type == "absolute") {
    const double standard = r.number("standard");
    out = built(r, [&] { return goal::absolute<double>(standard); });
  } else if (type == "blended") {
    const double standard = r.number("standard");
    const double weight = r.number("weight");
    const double memory = r.number("memory_time");
    const auto initial = r.optional_number("initial_memory");
    out = built(r, [&] {
      return initial ? goal::blended<double>(standard, weight, memory, *initial) : goal::blended<double>(standard, weight, memory);
    });
  } else {
    const double initial = r.number("initial");
    if (type == "best_past") {
      const double rise = r.number("rise_time");
      const auto forgetting = r.optional_number("forgetting_time");
      out = with_signal(r, [&](auto signal) -> any_goal {
        return built(r, [&] {
          goal::best_past<double, decltype(signal)> g(initial, rise, signal);
          return forgetting ? g.with_forgetting(*forgetting) : g;
        });
      });
    } else if (type == "floating" || type == "slip_only") {
      const double adjustment = r.number("adjustment_time");
      out = with_signal(r, [&](auto signal) -> any_goal {
        if (type == "floating") return built(r, [&] { return goal::floating<double, decltype(signal)>(initial, adjustment, signal); });
        return built(r, [&] { return goal::slip_only<double, decltype(signal)>(initial, adjustment, signal); });
      });
    } else {  // alarm_modulated
      const double adjustment = r.number("adjustment_time");
      const sd::lookup alarm = read_alarm(r["alarm"]);
      const bool absolute_gap = r.has("gap") && r["gap"].choice({"signed_relative", "absolute_relative"}) == "absolute_relative";
      out = with_signal(r, [&](auto signal) -> any_goal {
        return built(r, [&] {
          goal::alarm_modulated<double, decltype(signal)> g(initial, adjustment, alarm, signal);
          return absolute_gap ? g.with_gap(goal::gap_measure::absolute_relative) : g;
        });
      });
    }
  }
  r.finish("a " + type + " goal");
  return std::move(*out);
}

/// Calls `use` with the actual state the object's fields describe (initial, action_time,
/// action and its fields, floor) and returns what it returns; the object's other fields are left
/// to the caller.
template <class Use>
any_state with_actual_state(const json_reader& r, const std::string& action, Use&& use) {
  const double initial = r.number("initial");
  const double action_time = r.number("action_time");
  const auto floor = r.optional_number("floor");
  auto with_floor = [&](auto s) { return floor ? s.with_floor(*floor) : s; };
  if (action == "capacity_limited") {
    const double max_rate = r.number("max_rate");
    return use(built(r, [&] {
      return with_floor(state::actual<double, state::capacity_limited<double>>(
          initial, state::capacity_limited<double>(action_time, max_rate)));
    }));
  }
  if (action == "lookup_shaped") {
    sd::lookup effect = read_points(r["effect"], "[relative gap, effect]");
    return use(built(r, [&] {
      return with_floor(state::actual<double, state::lookup_shaped<double>>(
          initial, state::lookup_shaped<double>(action_time, std::move(effect))));
    }));
  }
  return use(built(r, [&] { return with_floor(state::actual<double, state::proportional<double>>(initial, action_time)); }));
}

inline any_state read_state(const json_reader& r) {
  r.require_object("a state part");
  const std::string type = r["type"].choice({"actual", "disturbed"});
  const std::string action =
      r.has("action") ? r["action"].choice({"proportional", "capacity_limited", "lookup_shaped"}) : "proportional";
  any_state out = with_actual_state(r, action, [&](auto actual) -> any_state {
    if (type == "actual") return actual;
    const double sigma = r.number("sigma");
    const double correlation = r.number("correlation_time");
    const any_input noise = read_input(r["noise"]);
    return built(r, [&] { return state::disturbed<decltype(actual), any_input>(actual, sigma, correlation, noise); });
  });
  r.finish(type == "actual" ? "an actual state with " + action + " action"
                            : "a disturbed state with " + action + " action");
  return out;
}

inline run_options read_run(const json_reader& r, std::string& method) {
  r.require_object("the run's options");
  run_options o;
  o.start = r.number_or("start", 0.0);
  o.end = r.number("end");
  o.dt = r.number("dt");
  o.save_every = r.number_or("save_every", 0.0);
  o.abs_tolerance = r.number_or("abs_tolerance", o.abs_tolerance);
  o.rel_tolerance = r.number_or("rel_tolerance", o.rel_tolerance);
  if (r.has("max_steps")) o.max_steps = static_cast<std::size_t>(r["max_steps"].whole(1, o.max_steps));
  if (r.has("method")) method = r["method"].choice({"euler", "rk4", "dopri5"});
  r.finish("the run's options");
  built(r, [&] { return goaldrift::detail::check_options(o, method == "dopri5"); });
  return o;
}

/// Starts a copy of the model as simulate() will, so that what only the run can check (a
/// reporting delay shorter than dt, a DELAY FIXED pipeline under dopri5) is refused now, at
/// the part that cannot run.
inline void trial_start(runtime::model copy, const run_options& run, const std::string& method_name,
                        const json_reader& root) {
  const char* name = method_name == "euler" ? method::euler::name
                     : method_name == "dopri5" ? method::dopri5::name
                                               : method::rk4::name;
  try {
    copy.start(run_context{run.start, run.end, run.dt, method_name != "dopri5", name});
  } catch (const invalid_parameter& e) {
    for (const char* family : {"state", "perception", "goal"}) {
      if (e.component().rfind(std::string("goaldrift::") + family + "::", 0) == 0) root.fail_at(family, e.what());
    }
    root.fail_at(root.value().contains("pressure") ? "pressure" : "run", e.what());
  }
}

}  // namespace detail

/// Reads a model file's text; `source` names it in errors (a file name). `directory` is where
/// relative paths in it (a member table) are read from.
inline model_file parse_model_file(std::string_view text, std::string source = "<string>",
                                   std::filesystem::path directory = {}) {
  detail::json root;
  try {
    root = detail::json::parse(text.begin(), text.end());
  } catch (const detail::json::exception& e) {
    // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 3, column
    // 5: ..."; keep what follows the bracket. A number too large for a double is an
    // out_of_range ("number overflow parsing '1e999'"), not a parse_error: the fuzzer found it.
    std::string what = e.what();
    const std::size_t bracket = what.find("] ");
    throw model_file_error(source, "", "is not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
  const detail::json_reader r(root, source, "");
  r.require_object("a model (an object with state, perception, goal, pressure and run)");
  if (r.has("format")) {
    const auto f = r["format"];
    if (f.text() != "goaldrift-model/1") f.fail("must be \"goaldrift-model/1\" (the only format so far), got " + io::quote_excerpt(f.text()));
  }
  if (r.has("description")) (void)r["description"].text();
  any_state state_part = detail::read_state(r["state"]);
  any_perception perception_part = detail::read_perception(r["perception"]);
  any_goal goal_part = detail::read_goal(r["goal"]);
  any_input pressure = r.has("pressure") ? detail::read_input(r["pressure"]) : any_input();
  std::string method = "rk4";
  run_options run = detail::read_run(r["run"], method);
  detail::json ensemble = r.has("ensemble") ? r["ensemble"].value() : detail::json();
  r.finish("a model file");
  runtime::model model(std::move(state_part), std::move(perception_part), std::move(goal_part), std::move(pressure));
  detail::trial_start(model, run, method, r);
  return model_file{std::move(source), std::move(model), run, method, std::move(ensemble), std::move(directory)};
}

/// Reads the model file at `path`.
inline model_file read_model_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw model_file_error(path.string(), "", "cannot be read (no such file, or no permission)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_model_file(text.str(), path.string(), path.parent_path());
}

/// Runs the file's model with its run options and method.
inline trajectory simulate(const model_file& file) {
  if (file.method == "euler") return goaldrift::simulate(file.model, file.run, method::euler{});
  if (file.method == "dopri5") return goaldrift::simulate(file.model, file.run, method::dopri5{});
  return goaldrift::simulate(file.model, file.run, method::rk4{});
}

}  // namespace goaldrift::runtime
