"""Model.ensemble(): the C++ ensemble's summaries and outcomes as arrays, reproducibly, without the GIL."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import goaldrift
from goaldrift_testing import (
    ENSEMBLE_MODELS,
    QUICKSTART,
    assert_bitwise_equal,
    python_ticks_during,
    quickstart_dict,
    read_csv_columns,
    read_csv_rows,
    reference,
)

# Some members draw a negative action time and fail, so failures are compared too.
STUDY = {
    "members": 300,
    "seed": 11,
    "quantiles": [0.1, 0.5, 0.9],
    "variables": ["S", "D", "action"],
    "vary": {
        "state.action_time": {"distribution": "uniform", "lower": -1, "upper": 8},
        "goal.adjustment_time": {"distribution": "normal", "mean": 12, "sd": 2},
    },
}
ADJUSTMENT_TIME = {"goal.adjustment_time": {"distribution": "uniform", "lower": 6, "upper": 24}}


@pytest.fixture
def study_file(tmp_path):
    fields = quickstart_dict()
    fields["ensemble"] = STUDY
    path = tmp_path / "study.json"
    path.write_text(json.dumps(fields))
    return path


def assert_same_as_reference(r, tmp_path, seed):
    """r equals the wide and per-member CSV files the reference program wrote into tmp_path."""
    with open(tmp_path / "wide.csv") as f:
        wide = read_csv_columns(f.read())
    rows = read_csv_rows(tmp_path / "outcomes.csv")
    assert_bitwise_equal(r.time, wide["time"], "time")
    for v in r.variables:
        for s in ("count", "mean", "variance", "sd", "min", "max", "median"):
            assert_bitwise_equal(r.summaries[v][s], wide[f"{v}.{s}"], f"{v}.{s}")
        columns = [name for name in wide if name.startswith(f"{v}.q")]
        assert_bitwise_equal(r.quantile_levels, [float(name[len(v) + 2 :]) for name in columns], "quantile levels")
        expected = np.column_stack([wide[name] for name in columns])
        assert_bitwise_equal(r.summaries[v]["quantiles"], expected, f"{v} quantiles")

    ok = [row for row in rows if row["status"] == "ok"]
    failed = [row for row in rows if row["status"] == "failed"]
    assert (r.succeeded, r.failed) == (len(ok), len(failed))
    assert list(r.outcome_members) == [int(row["member"]) for row in ok]
    for name, values in list(r.outcomes.items()) + list(r.parameters.items()):
        assert_bitwise_equal(values, [float(row[name]) for row in ok], name)
    for f, row in zip(r.failures, failed):
        assert f["member"] == int(row["member"]) and f["seed"] == seed
        assert f["time"] == float(row["failed_at"]) and f["reason"] == row["reason"]
        assert f["parameters"] == {name: float(row[name]) for name in r.parameters}
    return ok, failed


def test_the_ensemble_is_the_cpp_ensemble_bit_for_bit(study_file, tmp_path):
    reference("ensemble", study_file, tmp_path / "wide.csv", tmp_path / "outcomes.csv")
    r = goaldrift.Model.from_file(study_file).ensemble()
    assert r.variables == ["S", "D", "action"]
    assert list(r.quantile_levels) == [0.1, 0.5, 0.9]
    ok, failed = assert_same_as_reference(r, tmp_path, seed=11)
    assert failed and ok, "the study should have members that fail and members that do not"
    assert r.members == 300
    assert list(r.parameters) == ["state.action_time", "goal.adjustment_time"]


def test_outcomes_asked_for_by_kind_are_the_cpp_outcomes_and_are_summarised(tmp_path):
    fields = quickstart_dict()
    fields["ensemble"] = dict(
        STUDY,
        outcomes=[
            {"kind": "area_below", "variable": "D", "level": 100, "name": "standard_lost"},
            {"kind": "first_below", "variable": "S", "level": 99},
            {"kind": "value_at", "variable": "S", "time": 60},
            {"kind": "max_drawdown", "variable": "P"},
        ],
    )
    path = tmp_path / "outcomes.json"
    path.write_text(json.dumps(fields))
    reference("ensemble", path, tmp_path / "wide.csv", tmp_path / "outcomes.csv")
    r = goaldrift.Model.from_file(path).ensemble()
    assert list(r.outcomes) == ["standard_lost", "first_below_S_99", "S_at_60", "max_drawdown_P"]
    assert_same_as_reference(r, tmp_path, seed=11)
    # The value at the run's end is the final value the summaries hold.
    assert np.all(r.outcomes["S_at_60"] >= r.summaries["S"]["min"][-1])
    assert np.all(r.outcomes["S_at_60"] <= r.summaries["S"]["max"][-1])
    for name, values in r.outcomes.items():
        finite = values[np.isfinite(values)]
        summary = r.outcome_summaries[name]
        assert summary["count"] == len(finite), name
        if len(finite):
            assert summary["min"] == finite.min() and summary["max"] == finite.max(), name
            assert summary["mean"] == pytest.approx(finite.mean(), rel=1e-12), name
    # A streamed run keeps the summaries without the per-member values.
    streamed = goaldrift.Model.from_file(path).ensemble(keep_outcomes=False)
    assert len(streamed.outcomes["standard_lost"]) == 0
    assert streamed.outcome_summaries["standard_lost"]["mean"] == r.outcome_summaries["standard_lost"]["mean"]


@pytest.mark.parametrize("path", ENSEMBLE_MODELS, ids=lambda p: p.stem)
def test_example_ensemble_is_the_cpp_ensemble_bit_for_bit(path, tmp_path):
    # The Monte Carlo stories' files (monte_carlo_antidotes_*.json), with fewer members.
    reference("ensemble", path, tmp_path / "wide.csv", tmp_path / "outcomes.csv", "ensemble.members=400")
    r = goaldrift.Model.from_file(path).ensemble(members=400)
    assert r.members == 400
    with open(path) as f:
        fields = json.load(f)
    assert list(r.parameters) == [d.get("name", p) for p, d in fields["ensemble"]["vary"].items()]
    assert_same_as_reference(r, tmp_path, seed=fields["ensemble"]["seed"])


def _all_arrays(r):
    arrays = {"time": r.time, "outcome_members": r.outcome_members.astype(np.float64)}
    for v in r.variables:
        for s, values in r.summaries[v].items():
            arrays[f"{v}.{s}"] = values
    arrays.update({f"outcome {k}": v for k, v in r.outcomes.items()})
    arrays.update({f"parameter {k}": v for k, v in r.parameters.items()})
    return arrays


def test_the_same_seed_gives_the_same_arrays_on_any_number_of_threads():
    model = goaldrift.Model.from_file(QUICKSTART)
    one = model.ensemble(members=3000, seed=5, threads=1, reduction_block=256, vary=ADJUSTMENT_TIME)
    two = model.ensemble(members=3000, seed=5, threads=2, reduction_block=256, vary=ADJUSTMENT_TIME)
    four = model.ensemble(members=3000, seed=5, threads=4, reduction_block=256, vary=ADJUSTMENT_TIME)
    for other in (two, four):
        expected = _all_arrays(one)
        for name, values in _all_arrays(other).items():
            assert_bitwise_equal(values, expected[name], name)
    other_seed = model.ensemble(members=3000, seed=6, threads=2, reduction_block=256, vary=ADJUSTMENT_TIME)
    assert not np.array_equal(other_seed.summaries["S"]["mean"], one.summaries["S"]["mean"])


def test_keyword_arguments_replace_fields_of_the_ensemble_section_and_the_run(study_file):
    model = goaldrift.Model.from_file(study_file)
    r = model.ensemble(members=40, variables=["S", "P"], quantiles=[0.25], end=24, save_every=6)
    assert (r.members, r.seed) == (40, 11)
    assert list(r.summaries) == ["S", "P"] and r.summaries["S"]["quantiles"].shape == (5, 1)
    assert list(r.time) == [0, 6, 12, 18, 24]
    assert model.run["end"] == 60  # the model's own options are left as they were


def test_a_model_without_an_ensemble_section_takes_the_keyword_arguments_as_the_section():
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.ModelFileError) as e:
        model.ensemble()
    assert e.value.pointer == "/ensemble"
    assert str(e.value).endswith("/ensemble: is missing: the file describes no ensemble")
    r = model.ensemble(members=20, seed=1, vary=ADJUSTMENT_TIME)
    assert r.succeeded == 20 and r.outcomes["final_S"].shape == (20,)


def test_a_misspelt_field_is_refused_naming_the_closest():
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_file(QUICKSTART).ensemble(member=20, vary=ADJUSTMENT_TIME)
    assert e.value.pointer == "/ensemble/member"
    assert "is not a field of the ensemble's options; the closest is 'members'" in str(e.value)


def test_the_ensemble_releases_the_gil_while_it_runs():
    model = goaldrift.Model.from_file(QUICKSTART)
    members = 5000
    while True:
        ticks, seconds = python_ticks_during(lambda: model.ensemble(members=members, seed=1, vary=ADJUSTMENT_TIME))
        if seconds > 0.3 or members > 10**6:
            break
        members *= 4
    assert seconds > 0.05, "the ensemble was too short to tell"
    assert ticks >= 10, f"Python ran {ticks} times in the middle of a {seconds:.2f} s ensemble"


def test_a_progress_callback_sees_the_run_and_can_stop_it():
    reports = []

    def progress(report):
        reports.append(report)
        return False

    r = goaldrift.Model.from_file(QUICKSTART).ensemble(members=10**6, seed=1, vary=ADJUSTMENT_TIME, progress=progress)
    assert r.cancelled and r.members_completed < 10**6
    assert reports[-1]["finished"] and reports[-1]["total"] == 10**6
    assert r.succeeded == reports[-1]["done"]


def test_an_exception_in_the_progress_callback_stops_the_run_and_is_raised():
    def progress(report):
        raise LookupError("stop here")

    with pytest.raises(LookupError, match="stop here"):
        goaldrift.Model.from_file(QUICKSTART).ensemble(members=10**6, seed=1, vary=ADJUSTMENT_TIME, progress=progress)


def test_ctrl_c_stops_an_ensemble_at_once():
    # In a process of its own, so that a KeyboardInterrupt that came too late cannot stop pytest.
    script = textwrap.dedent(f"""
        import os, signal, threading, time
        import goaldrift
        model = goaldrift.Model.from_file({str(QUICKSTART)!r})
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        start = time.perf_counter()
        try:
            model.ensemble(members=10**8, seed=1, threads=2,
                           vary={{"goal.adjustment_time": {{"distribution": "uniform", "lower": 6, "upper": 24}}}})
            print("finished")
        except KeyboardInterrupt:
            print(f"interrupted after {{time.perf_counter() - start:.2f}} s")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("interrupted after "), done.stdout + done.stderr
    assert float(done.stdout.split()[2]) < 5.0
