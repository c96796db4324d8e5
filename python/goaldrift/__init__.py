"""goaldrift for Python: goal-erosion models from model files, runs and ensembles as numpy arrays.

    import goaldrift
    m = goaldrift.Model.from_file("examples/models/quickstart.json")
    m.set("goal.adjustment_time", 24)
    run = m.simulate()                  # numpy arrays by name: run["time"], run["S"], ...
    frame = run.to_pandas()             # one pandas DataFrame (needs pandas)
    ens = m.ensemble(members=1000, seed=1, threads=2,
                     vary={"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24}})
    ens.summaries["S"]["mean"], ens.outcomes["final_S"]

Everything is computed by the C++ library: the numbers are the C++ ones bit for bit, and
parameter paths, model-file fields (docs/model-file.md) and error messages read the same as in
C++ and the goaldrift command. Errors are goaldrift.Error and its subclasses.
"""

import json
import math
import os

from . import _goaldrift
from ._goaldrift import (
    Error,
    IntegrationError,
    InvalidParameter,
    MemberFailed,
    ModelFileError,
    ParseError,
)

__version__ = _goaldrift.version

__all__ = [
    "Model",
    "Trajectory",
    "EnsembleResult",
    "Error",
    "InvalidParameter",
    "ModelFileError",
    "IntegrationError",
    "ParseError",
    "MemberFailed",
]

_RUN_OPTIONS = frozenset(_goaldrift.run_option_names)


def _plain(value):
    """What json.dumps cannot write itself: numpy numbers and arrays, paths."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"{type(value).__name__} cannot be written into a model file: {value!r}")


def _pointer_token(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def _first_non_finite(value, pointer=""):
    """The JSON pointer and value of the first NaN or infinity in `value` (dicts, lists, numbers,
    numpy arrays and numbers), or None."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, float):
        return None if math.isfinite(value) else (pointer, value)
    if isinstance(value, dict):
        items = ((_pointer_token(k), v) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for token, v in items:
        found = _first_non_finite(v, f"{pointer}/{token}")
        if found:
            return found
    return None


def _json_text(value, source="<dict>", at=""):
    """`value` as JSON text. NaN and infinity are no JSON, and a model file cannot hold them
    either: they are refused as the file's reader refuses a field (source: pointer: what)."""
    found = _first_non_finite(value)
    if found:
        pointer, bad = found
        error = ModelFileError(f"goaldrift::model_file: {source}: {at}{pointer}: must be a finite number, got {bad}")
        error.file, error.pointer = source, at + pointer
        raise error
    return json.dumps(value, allow_nan=False, default=_plain)


class Trajectory(dict):
    """One run's results: a dict of numpy float64 arrays, one per column of the run's CSV and
    in its order: "time", "S", "P", "D", "action", "pressure", then each state variable
    ("perception.level", "goal.memory", ...)."""

    def to_pandas(self):
        """The run as a pandas DataFrame, one column per variable ("time" first)."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError(
                "goaldrift.Trajectory.to_pandas needs pandas, which is not installed "
                "(Debian: apt-get install python3-pandas; or pip install pandas)"
            ) from e
        return pandas.DataFrame(dict(self))

    def __repr__(self):
        rows = len(self["time"]) if "time" in self else 0
        return f"<goaldrift.Trajectory: {rows} rows of {', '.join(self)}>"


class EnsembleResult:
    """What Model.ensemble() returns (the C++ ensemble::result, as arrays).

    time             save times, shape [n_times]
    variables        the summarised variables ("S", "P", "D" unless asked otherwise)
    quantile_levels  the quantile levels, shape [n_quantiles]
    summaries        summaries[variable][statistic]: "count", "mean", "variance", "sd", "min",
                     "max", "median" of shape [n_times], "quantiles" of shape [n_times, n_quantiles]
    outcomes         per-member outcomes by name ("final_S", "first_below_S", ...), one value per
                     summarised member, in member order; ask for others with outcomes=[{"kind":
                     "max_drawdown", "variable": "S"}, ...] (docs/model-file.md)
    outcome_summaries  outcome_summaries[outcome][statistic]: "count", "mean", "variance", "sd",
                     "min", "max", "median", "quantiles" over the members where the outcome is
                     finite, kept even with keep_outcomes=False
    parameters       the varied parameters by path, one value per summarised member
    outcome_members  which member each of those values belongs to
    failures         the members left out: dicts of member, seed, parameters, time, reason
    notes            what the run did differently from what was asked, in sentences
    members, succeeded, members_completed, cancelled, seed: as in C++
    """

    def __init__(self, fields):
        self.__dict__.update(fields)

    @property
    def failed(self):
        """The number of members that failed."""
        return len(self.failures)

    def __repr__(self):
        return (
            f"<goaldrift.EnsembleResult: {self.succeeded} of {self.members} members summarised "
            f"over {len(self.time)} save times, {self.failed} failed>"
        )


class Model:
    """A goal-erosion model with its run options and, if its file has one, an ensemble study.

    Make one with Model.from_file(path) or Model.from_dict(d); parameters are read and changed
    by path ("state.action_time", "goal.signal.good_news_time"): parameter_names() lists them.
    """

    __slots__ = ("_file",)

    def __init__(self, model_file):
        if not isinstance(model_file, _goaldrift.ModelFile):
            raise TypeError("make a goaldrift.Model with Model.from_file(path) or Model.from_dict(d)")
        self._file = model_file

    @classmethod
    def from_file(cls, path):
        """Reads the model file at `path` (docs/model-file.md); relative paths in it (a member
        table) are read from the file's folder."""
        return cls(_goaldrift.ModelFile.read(os.fspath(path)))

    @classmethod
    def from_dict(cls, d, directory=None):
        """Reads a model given as a dict of the model file's fields; errors name the file
        "<dict>". Relative paths in it are read from `directory` (default: the current one)."""
        directory = "" if directory is None else os.fspath(directory)
        return cls(_goaldrift.ModelFile.parse(_json_text(d), "<dict>", directory))

    @property
    def source(self):
        """The file the model was read from ("<dict>" for from_dict)."""
        return self._file.source

    @property
    def run(self):
        """The run options: start, end, dt, save_every, abs_tolerance, rel_tolerance,
        max_steps and method, as the file gives them."""
        return self._file.run

    def parameter_names(self):
        """Every parameter path the model has a value for, in order: state, perception, goal,
        pressure."""
        return self._file.parameter_names()

    def parameters(self):
        """Every parameter by path: a dict of value (None for an optional one left unset),
        unit, meaning, integer and optional."""
        return self._file.parameters()

    def get(self, path):
        """The value of the parameter at `path`."""
        return self._file.get(path)

    def set(self, path, value):
        """Sets the parameter at `path`; a value the part refuses raises InvalidParameter and
        leaves the model as it was."""
        self._file.set(path, value)

    def copy(self):
        """An independent copy: setting a parameter of one leaves the other as it was."""
        return type(self)(self._file.copy())

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def simulate(self, **run_options):
        """Runs the model and returns a Trajectory (a dict of numpy arrays by column name).

        Keyword arguments replace the file's run options for this run: start, end, dt,
        save_every, abs_tolerance, rel_tolerance, max_steps, method ("euler", "rk4", "dopri5").
        Runs without holding the GIL."""
        return Trajectory(self._file.simulate(run_options))

    def ensemble(self, *, progress=None, **overrides):
        """Runs the ensemble study of the model's "ensemble" section and returns an EnsembleResult.

        Keyword arguments replace the run options (as simulate's) or, any other name, the field
        of that name in the "ensemble" section (members, seed, threads, design, vary, variables,
        quantiles, outcomes, keep_outcomes, failures, ...; docs/model-file.md), each as a whole; a model
        without the section takes them as the whole section. `progress`, if given, is called with
        a dict (done, failed, total, elapsed_seconds, members_per_second, eta_seconds, finished)
        about five times a second; returning False stops the run early (result.cancelled).

        Runs without holding the GIL, on `threads` threads; Ctrl-C stops it."""
        run_options = {k: overrides.pop(k) for k in list(overrides) if k in _RUN_OPTIONS}
        fields = self._file.ensemble(run_options, _json_text(overrides, self.source, "/ensemble"), progress)
        return EnsembleResult(fields)

    def __repr__(self):
        return f"<goaldrift.Model from {self.source!r}>"
