// The _goaldrift extension: model files, runs and ensembles as Python objects and numpy arrays.
//
// Conversions and GIL release only: every value, check and message comes from the C++ layers
// below (goaldrift/runtime, goaldrift/parameters.hpp), so Python reads what C++ and the model
// files read. The goaldrift package (python/goaldrift/__init__.py) wraps it for users.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <goaldrift/detail/names.hpp>
#include <goaldrift/error.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <goaldrift/runtime/sensitivity_file.hpp>
#include <goaldrift/version.hpp>

namespace py = pybind11;
namespace gd = goaldrift;

namespace {

// The exception classes, made once when the module is imported and kept for the life of the
// process: the translator runs long after module init, and a static py::object would be
// released after the interpreter is gone.
struct exception_types {
  PyObject* error = nullptr;
  PyObject* invalid_parameter = nullptr;
  PyObject* model_file_error = nullptr;
  PyObject* integration_error = nullptr;
  PyObject* parse_error = nullptr;
  PyObject* member_failed = nullptr;
};

exception_types& exceptions() {
  static exception_types types;
  return types;
}

PyObject* make_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("goaldrift.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

// Text from C++ as a Python str; "replace" keeps a message that quotes a file's bytes readable
// whatever they are, where a strict decoding would raise in place of the error being reported.
py::str text(const std::string& s) {
  return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
}

// Raises `type` with the C++ message unchanged and the exception's fields as attributes.
void raise(PyObject* type, const std::exception& e, std::initializer_list<std::pair<const char*, py::object>> fields) {
  const py::str message = text(e.what());
  if (!message) return;  // (the decoding error is the one raised)
  const auto instance = py::reinterpret_steal<py::object>(PyObject_CallFunctionObjArgs(type, message.ptr(), nullptr));
  if (!instance) return;
  for (const auto& field : fields) {
    if (PyObject_SetAttrString(instance.ptr(), field.first, field.second.ptr()) != 0) return;
  }
  PyErr_SetObject(type, instance.ptr());
}

void translate(std::exception_ptr p) {
  const auto& types = exceptions();
  try {
    if (p) std::rethrow_exception(p);
  } catch (const gd::ensemble::member_failed& e) {
    const auto& f = e.details();
    raise(types.member_failed, e,
          {{"member", py::int_(f.member)},
           {"seed", py::int_(f.seed)},
           {"time", py::float_(f.time)},
           {"reason", text(f.reason)}});
  } catch (const gd::runtime::model_file_error& e) {
    raise(types.model_file_error, e, {{"file", text(e.file())}, {"pointer", text(e.pointer())}});
  } catch (const gd::invalid_parameter& e) {
    raise(types.invalid_parameter, e,
          {{"component", text(e.component())}, {"parameter", text(e.parameter())}, {"value", text(e.value())}});
  } catch (const gd::integration_error& e) {
    raise(types.integration_error, e, {{"variable", text(e.variable())}, {"time", py::float_(e.time())}});
  } catch (const gd::parse_error& e) {
    raise(types.parse_error, e, {{"source", text(e.source())}, {"line", py::int_(e.line())}});
  } catch (const gd::error& e) {
    raise(types.error, e, {});
  }
}

py::array_t<double> to_array(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

// The keyword arguments simulate() and ensemble() take for the run, named as in a model
// file's "run" section and in run_options.
const std::vector<std::string>& run_option_names() {
  static const std::vector<std::string> names = {"start",         "end",           "dt",        "save_every",
                                                 "abs_tolerance", "rel_tolerance", "max_steps", "method"};
  return names;
}

std::string type_name(const py::handle value) {
  return py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
}

// A run option's value as a double; a value of the wrong kind is Python's TypeError, naming it.
double number(const py::handle value, const std::string& key, const char* caller) {
  const double x = PyFloat_AsDouble(value.ptr());
  if (x == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(std::string(caller) + "(): " + key + " must be a number, not " + type_name(value));
  }
  return x;
}

void apply_run_overrides(gd::runtime::model_file& file, const py::dict& overrides, const char* caller) {
  for (const auto& item : overrides) {
    const std::string key = py::cast<std::string>(item.first);
    const py::handle value = item.second;
    if (key == "start") {
      file.run.start = number(value, key, caller);
    } else if (key == "end") {
      file.run.end = number(value, key, caller);
    } else if (key == "dt") {
      file.run.dt = number(value, key, caller);
    } else if (key == "save_every") {
      file.run.save_every = number(value, key, caller);
    } else if (key == "abs_tolerance") {
      file.run.abs_tolerance = number(value, key, caller);
    } else if (key == "rel_tolerance") {
      file.run.rel_tolerance = number(value, key, caller);
    } else if (key == "max_steps") {
      if (!PyIndex_Check(value.ptr())) {
        throw py::type_error(std::string(caller) + "(): max_steps must be a whole number, not " + type_name(value));
      }
      const auto steps = py::cast<long long>(value);
      if (steps < 1) {  // (0 is refused by simulate itself, with this message)
        throw gd::invalid_parameter(gd::detail::simulate_component, "max_steps", "must be at least 1",
                                    std::to_string(steps));
      }
      file.run.max_steps = static_cast<std::size_t>(steps);
    } else if (key == "method") {
      if (!py::isinstance<py::str>(value)) {
        throw py::type_error(std::string(caller) + "(): method must be \"euler\", \"rk4\" or \"dopri5\", not " +
                             type_name(value));
      }
      const std::string method = py::cast<std::string>(value);
      const std::vector<std::string> methods = {"euler", "rk4", "dopri5"};
      if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
        throw gd::invalid_parameter(
            "goaldrift::runtime::simulate", "method",
            "must be one of " + gd::detail::name_list(methods) + gd::detail::closest_hint(methods, method),
            gd::io::quote_excerpt(method));
      }
      file.method = method;
    } else {
      throw py::type_error(std::string(caller) + "() got an unexpected keyword argument " + gd::io::quote_excerpt(key) +
                           gd::detail::closest_hint(run_option_names(), key) + "; the run options are " +
                           gd::detail::name_list(run_option_names()));
    }
  }
}

py::dict run_dict(const gd::runtime::model_file& file) {
  py::dict out;
  out["start"] = file.run.start;
  out["end"] = file.run.end;
  out["dt"] = file.run.dt;
  out["save_every"] = file.run.save_every;
  out["abs_tolerance"] = file.run.abs_tolerance;
  out["rel_tolerance"] = file.run.rel_tolerance;
  out["max_steps"] = file.run.max_steps;
  out["method"] = file.method;
  return out;
}

py::dict simulate(const gd::runtime::model_file& self, const py::dict& run_overrides) {
  // A copy, taken under the GIL: another Python thread may set() parameters of `self` while
  // this run goes on without the GIL.
  gd::runtime::model_file file = self;
  apply_run_overrides(file, run_overrides, "simulate");
  gd::trajectory t;
  {
    py::gil_scoped_release release;
    t = gd::runtime::simulate(file);
  }
  py::dict out;
  out["time"] = to_array(t.time());
  for (const auto& name : t.names()) out[py::str(name)] = to_array(t[name]);
  return out;
}

py::dict ensemble_dict(const gd::ensemble::result& r) {
  py::dict out;
  out["time"] = to_array(r.time());
  out["variables"] = r.variables();
  out["quantile_levels"] = to_array(r.quantile_levels());
  out["statistics"] = r.statistics();
  const auto levels = r.quantile_levels();
  py::dict summaries;
  for (const auto& v : r.variables()) {
    py::dict per_statistic;
    for (const char* s : {"count", "mean", "variance", "sd", "min", "max", "median"})
      per_statistic[s] = to_array(r.series(v, s));
    py::array_t<double> quantiles({static_cast<py::ssize_t>(r.time().size()), static_cast<py::ssize_t>(levels.size())});
    auto q = quantiles.mutable_unchecked<2>();
    for (std::size_t k = 0; k < levels.size(); ++k) {
      const auto series = r.series(v, gd::ensemble::result::quantile_name(levels[k]));
      for (std::size_t j = 0; j < series.size(); ++j)
        q(static_cast<py::ssize_t>(j), static_cast<py::ssize_t>(k)) = series[j];
    }
    per_statistic["quantiles"] = std::move(quantiles);
    summaries[py::str(v)] = std::move(per_statistic);
  }
  out["summaries"] = std::move(summaries);
  py::dict outcomes;
  for (const auto& name : r.outcome_names()) outcomes[py::str(name)] = to_array(r.outcome(name));
  out["outcomes"] = std::move(outcomes);
  py::dict outcome_summaries;
  for (const auto& name : r.outcome_names()) {
    const auto& summary = r.outcome_summary(name);
    py::dict per_statistic;
    per_statistic["count"] = static_cast<std::int64_t>(summary.count());
    per_statistic["mean"] = summary.mean();
    per_statistic["variance"] = summary.variance();
    per_statistic["sd"] = summary.sd();
    per_statistic["min"] = summary.min();
    per_statistic["max"] = summary.max();
    per_statistic["median"] = summary.quantile(0.5);
    std::vector<double> q;
    for (double level : levels) q.push_back(summary.quantile(level));
    per_statistic["quantiles"] = to_array(q);
    outcome_summaries[py::str(name)] = std::move(per_statistic);
  }
  out["outcome_summaries"] = std::move(outcome_summaries);
  py::dict parameters;
  for (const auto& name : r.parameter_names()) parameters[py::str(name)] = to_array(r.member_parameter(name));
  out["parameters"] = std::move(parameters);
  const auto& members = r.outcome_members();
  py::array_t<std::int64_t> outcome_members(static_cast<py::ssize_t>(members.size()));
  auto m = outcome_members.mutable_unchecked<1>();
  for (std::size_t i = 0; i < members.size(); ++i)
    m(static_cast<py::ssize_t>(i)) = static_cast<std::int64_t>(members[i]);
  out["outcome_members"] = std::move(outcome_members);
  py::list failures;
  for (const auto& f : r.failures()) {
    py::dict failure;
    failure["member"] = f.member;
    failure["seed"] = f.seed;
    py::dict values;
    for (std::size_t k = 0; k < f.parameters.size() && k < r.parameter_names().size(); ++k) {
      values[py::str(r.parameter_names()[k])] = f.parameters[k];
    }
    failure["parameters"] = std::move(values);
    failure["time"] = f.time;
    failure["reason"] = text(f.reason);
    failures.append(std::move(failure));
  }
  out["failures"] = std::move(failures);
  py::list notes;
  for (const auto& note : r.notes()) notes.append(text(note));
  out["notes"] = std::move(notes);
  out["members"] = r.members();
  out["succeeded"] = r.succeeded();
  out["members_completed"] = r.members_completed();
  out["cancelled"] = r.cancelled();
  out["seed"] = r.seed();
  return out;
}

// `section_overrides` is JSON text (the package writes it with the json module): each key
// replaces that key of the file's "ensemble" section, which is then read as the file's own,
// with the same checks and messages.
gd::runtime::model_file with_overrides(const gd::runtime::model_file& self, const py::dict& run_overrides,
                                       const std::string& section_overrides, const char* what) {
  gd::runtime::model_file file = self;  // (see simulate)
  apply_run_overrides(file, run_overrides, what);
  const auto overrides = nlohmann::ordered_json::parse(section_overrides);
  if (!overrides.empty()) {
    if (file.ensemble.is_null()) file.ensemble = nlohmann::ordered_json::object();
    if (file.ensemble.is_object()) {
      for (const auto& item : overrides.items()) file.ensemble[item.key()] = item.value();
    }
  }
  return file;
}

// The ensemble runner's progress callback for a Python `progress`. Called on this thread
// between blocks of members (ensemble::run reports from the calling thread), so Ctrl-C is seen
// here: a pending signal or an exception from `progress` stops the run, and raise_pending()
// raises it once the run has stopped.
class progress_bridge {
 public:
  explicit progress_bridge(const py::object& progress) : progress_(progress) {}

  std::function<bool(const gd::ensemble::progress&)> callback() {
    return [this](const gd::ensemble::progress& p) { return report(p); };
  }
  void raise_pending() const {
    if (python_error_) throw py::error_already_set();
  }

 private:
  bool report(const gd::ensemble::progress& p) {
    if (python_error_) return false;  // (Python must not be called while its error is pending)
    py::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() != 0) {
      python_error_ = true;
      return false;
    }
    if (progress_.is_none()) return true;
    try {
      py::dict fields;
      fields["done"] = p.done;
      fields["failed"] = p.failed;
      fields["total"] = p.total;
      fields["elapsed_seconds"] = p.elapsed_seconds;
      fields["members_per_second"] = p.members_per_second;
      fields["eta_seconds"] = p.eta_seconds;
      fields["finished"] = p.finished;
      const py::object answer = progress_(fields);
      if (answer.is_none()) return true;  // (a callback that only watches returns nothing)
      const int go_on = PyObject_IsTrue(answer.ptr());
      if (go_on < 0) throw py::error_already_set();
      return go_on == 1;
    } catch (py::error_already_set& e) {
      e.restore();
      python_error_ = true;
      return false;
    }
  }

  const py::object& progress_;
  bool python_error_ = false;
};

py::dict ensemble(const gd::runtime::model_file& self, const py::dict& run_overrides,
                  const std::string& section_overrides, const py::object& progress) {
  const auto file = with_overrides(self, run_overrides, section_overrides, "ensemble");
  progress_bridge bridge(progress);
  gd::ensemble::result r;
  {
    py::gil_scoped_release release;
    auto plan = gd::runtime::read_ensemble(file);
    plan.options.on_progress = bridge.callback();
    r = gd::runtime::run_ensemble(file, plan);
  }
  bridge.raise_pending();
  return ensemble_dict(r);
}

// A sensitivity analysis of the file's ensemble study (gd::runtime::run_sensitivity): the
// estimates as columns, the printed table, the notes, and the design's runs as ensemble() gives
// them.
py::dict sensitivity(const gd::runtime::model_file& self, const py::dict& run_overrides,
                     const std::string& section_overrides, const std::string& analysis, std::size_t samples,
                     const std::string& sampler, bool second_order, std::size_t trajectories, std::size_t levels,
                     std::size_t resamples, double confidence, const py::object& progress) {
  const auto file = with_overrides(self, run_overrides, section_overrides, "sensitivity");
  gd::runtime::sensitivity_settings settings;
  settings.analysis = analysis;
  settings.sobol.samples = samples;
  settings.sobol.sampling = gd::runtime::sampler_named(sampler);
  settings.sobol.second_order = second_order;
  settings.sobol.resamples = resamples;
  settings.sobol.confidence = confidence;
  settings.morris.trajectories = trajectories;
  settings.morris.levels = levels;
  settings.morris.resamples = resamples;
  settings.morris.confidence = confidence;
  progress_bridge bridge(progress);
  gd::sensitivity::analysis a;
  {
    py::gil_scoped_release release;
    auto plan = gd::runtime::read_ensemble(file);
    plan.options.on_progress = bridge.callback();
    a = gd::runtime::run_sensitivity(file, std::move(plan), settings);
  }
  bridge.raise_pending();
  const auto& e = a.indices.estimates;
  std::vector<std::string> parameter, outcome, index;
  std::vector<double> estimate, low, high, used, planned;
  for (const auto& x : e) {
    parameter.push_back(x.parameter);
    outcome.push_back(x.outcome);
    index.push_back(x.index);
    estimate.push_back(x.value);
    low.push_back(x.low);
    high.push_back(x.high);
    used.push_back(static_cast<double>(x.used));
    planned.push_back(static_cast<double>(x.planned));
  }
  py::dict columns;
  columns["parameter"] = parameter;
  columns["outcome"] = outcome;
  columns["index"] = index;
  columns["estimate"] = to_array(estimate);
  columns["low"] = to_array(low);
  columns["high"] = to_array(high);
  columns["used"] = to_array(used);
  columns["planned"] = to_array(planned);
  py::dict out;
  out["analysis"] = a.indices.method;
  out["parameters"] = a.indices.parameters;
  out["outcomes"] = a.indices.outcomes;
  out["confidence"] = a.indices.confidence;
  out["resamples"] = a.indices.resamples;
  out["indices"] = columns;
  out["notes"] = a.indices.notes;
  out["table"] = a.indices.table();
  out["runs"] = ensemble_dict(a.runs);
  return out;
}

py::dict parameters(const gd::runtime::model_file& file) {
  py::dict out;
  for (const auto& info : gd::parameter_list(file.model)) {
    py::dict entry;
    entry["value"] = info.is_set ? py::object(py::float_(gd::get(file.model, info.path))) : py::object(py::none());
    entry["unit"] = info.unit;
    entry["meaning"] = info.meaning;
    entry["integer"] = info.integer;
    entry["optional"] = info.optional;
    out[py::str(info.path)] = std::move(entry);
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(_goaldrift, m) {
  m.doc() = "goaldrift's C++ core for the goaldrift package; use the package (import goaldrift).";
  m.attr("version") = std::to_string(GOALDRIFT_VERSION_MAJOR) + "." + std::to_string(GOALDRIFT_VERSION_MINOR) + "." +
                      std::to_string(GOALDRIFT_VERSION_PATCH);
  m.attr("run_option_names") = run_option_names();

  auto& types = exceptions();
  const py::object value_error = py::reinterpret_borrow<py::object>(PyExc_ValueError);
  types.error = make_exception(m, "Error", "Base of every error goaldrift raises (goaldrift::error in C++).",
                               py::make_tuple(py::reinterpret_borrow<py::object>(PyExc_RuntimeError)));
  const py::object error = py::reinterpret_borrow<py::object>(types.error);
  types.invalid_parameter = make_exception(
      m, "InvalidParameter",
      "A parameter or setting that cannot work (goaldrift::invalid_parameter): .component names the part or "
      "function that refused it, .parameter the parameter, .value the value as text.",
      py::make_tuple(error, value_error));
  types.model_file_error = make_exception(
      m, "ModelFileError",
      "A mistake in a model file (goaldrift::runtime::model_file_error): .file names the file (\"<dict>\" for "
      "Model.from_dict), .pointer the JSON pointer of the field (\"\" for the whole file).",
      py::make_tuple(error, value_error));
  types.integration_error = make_exception(
      m, "IntegrationError",
      "The integration failed (goaldrift::integration_error): .variable names the state variable (\"\" for "
      "none in particular), .time the time.",
      py::make_tuple(error));
  types.parse_error = make_exception(
      m, "ParseError", "User data that cannot be read (goaldrift::parse_error): .source and .line (from 1).",
      py::make_tuple(error, value_error));
  types.member_failed = make_exception(
      m, "MemberFailed",
      "An ensemble member failed under failures=\"stop\" (goaldrift::ensemble::member_failed): .member, .seed, "
      ".time and .reason reproduce it.",
      py::make_tuple(error));
  py::register_exception_translator(&translate);

  py::class_<gd::runtime::model_file>(m, "ModelFile", "A model file read into memory (goaldrift::runtime::model_file).")
      .def_static("read", &gd::runtime::read_model_file, py::arg("path"))
      .def_static(
          "parse",
          [](const std::string& text, std::string source, std::filesystem::path directory) {
            return gd::runtime::parse_model_file(text, std::move(source), std::move(directory));
          },
          py::arg("text"), py::arg("source"), py::arg("directory"))
      .def("copy", [](const gd::runtime::model_file& self) { return self; })
      .def_property_readonly("source", [](const gd::runtime::model_file& self) { return self.source; })
      .def_property_readonly("run", &run_dict)
      .def("parameter_names", [](const gd::runtime::model_file& self) { return gd::parameter_names(self.model); })
      .def("parameters", &parameters)
      .def(
          "get", [](const gd::runtime::model_file& self, const std::string& path) { return gd::get(self.model, path); },
          py::arg("path"))
      .def(
          "set",
          [](gd::runtime::model_file& self, const std::string& path, double value) {
            gd::set(self.model, path, value);
          },
          py::arg("path"), py::arg("value"))
      .def("simulate", &simulate, py::arg("run_overrides"))
      .def("ensemble", &ensemble, py::arg("run_overrides"), py::arg("section_overrides"), py::arg("progress"))
      .def("sensitivity", &sensitivity, py::arg("run_overrides"), py::arg("section_overrides"), py::arg("analysis"),
           py::arg("samples"), py::arg("sampler"), py::arg("second_order"), py::arg("trajectories"),
           py::arg("levels"), py::arg("resamples"), py::arg("confidence"), py::arg("progress"));
}
