"""goaldrift for Python: goal-erosion models from model files, runs and ensembles as numpy arrays.

    import goaldrift
    m = goaldrift.Model.from_file("examples/models/quickstart.json")
    m.set("goal.adjustment_time", 24)
    run = m.simulate()                  # numpy arrays by name: run["time"], run["S"], ...
    frame = run.to_pandas()             # one pandas DataFrame (needs pandas)
    ens = m.ensemble(members=1000, seed=1, threads=2,
                     vary={"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24}})
    ens.summaries["S"]["mean"], ens.outcomes["final_S"]
    sa = m.sensitivity(samples=1024, threads=2, vary={...})   # Sobol' indices of the outcomes
    print(sa.table); sa.value("goal.adjustment_time", "final_S", "ST")

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
    "SensitivityResult",
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


class SensitivityResult:
    """What Model.sensitivity() returns (the C++ sensitivity::analysis; docs/sensitivity.md).

    analysis     "sobol" or "morris"
    parameters   the varied parameters (by name), outcomes the outcomes analysed
    indices      the tidy table as columns of equal length: "parameter", "outcome", "index" (S1,
                 ST, S2 or mu_star, mu, sigma) as lists, "estimate", "low", "high" (the bootstrap
                 interval at `confidence`), "used" and "planned" (the samples or effects the
                 estimate rests on, and those the design planned) as numpy arrays
    table        the printed table (print(result) prints it)
    notes        failed runs, samples left out, outcomes without variance, in sentences
    runs         the design's runs as an EnsembleResult (failures, per-run outcomes, parameters)
    confidence, resamples
    """

    def __init__(self, fields):
        runs = fields.pop("runs")
        self.__dict__.update(fields)
        self.runs = EnsembleResult(runs)

    def value(self, parameter, outcome, index):
        """The estimate of `index` ("S1", "ST", ...) of `parameter` for `outcome`."""
        columns = self.indices
        for i, (p, o, x) in enumerate(zip(columns["parameter"], columns["outcome"], columns["index"])):
            if (p, o, x) == (parameter, outcome, index):
                return float(columns["estimate"][i])
        raise KeyError(f"no estimate {index!r} of {parameter!r} for {outcome!r}")

    def to_pandas(self):
        """The tidy table as a pandas DataFrame, one row per (parameter, outcome, index)."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError(
                "goaldrift.SensitivityResult.to_pandas needs pandas, which is not installed "
                "(Debian: apt-get install python3-pandas; or pip install pandas)"
            ) from e
        return pandas.DataFrame(dict(self.indices))

    def __str__(self):
        return self.table

    def __repr__(self):
        return (
            f"<goaldrift.SensitivityResult: {self.analysis} indices of {len(self.outcomes)} outcomes over "
            f"{len(self.parameters)} parameters from {self.runs.members} runs, {self.runs.failed} failed>"
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

    def sensitivity(
        self,
        *,
        analysis="sobol",
        samples=1024,
        sampler="sobol",
        second_order=False,
        trajectories=20,
        levels=4,
        resamples=1000,
        confidence=0.95,
        progress=None,
        **overrides,
    ):
        """Which varied parameter of the "ensemble" section drives its outcomes: a SensitivityResult.

        analysis="sobol": first-order and total Sobol' indices (second_order=True adds every
        pair's) from Saltelli's design of samples * (k + 2) runs, its points from sampler "sobol"
        (the Sobol' sequence), "scrambled" (scrambled by the seed) or "philox" (random).
        analysis="morris": elementary effects (mu_star, mu, sigma) from trajectories * (k + 1)
        runs on a grid of `levels` levels. Intervals: `resamples` bootstrap resamples at
        `confidence`. The outcomes are the section's "outcomes" (without any: the final value of
        each summarised variable and the first one's final and cumulative loss).

        Other keyword arguments replace run options or fields of the "ensemble" section, as
        ensemble()'s do (vary, outcomes, seed, threads, ...); the section's members and design are
        not used. `progress` is as ensemble()'s. Runs without holding the GIL; Ctrl-C stops it."""
        run_options = {k: overrides.pop(k) for k in list(overrides) if k in _RUN_OPTIONS}
        fields = self._file.sensitivity(
            run_options,
            _json_text(overrides, self.source, "/ensemble"),
            analysis,
            samples,
            sampler,
            second_order,
            trajectories,
            levels,
            resamples,
            confidence,
            progress,
        )
        return SensitivityResult(fields)

    def __repr__(self):
        return f"<goaldrift.Model from {self.source!r}>"
