"""Model.sensitivity(): the C++ sensitivity analysis of a model file's study, the same numbers."""

import numpy as np
import pytest

import goaldrift
from goaldrift_testing import MODELS_DIR, assert_bitwise_equal, read_csv_columns, reference

ERODING = MODELS_DIR / "monte_carlo_antidotes_eroding.json"


def test_sobol_indices_are_the_cpp_ones_bit_for_bit():
    m = goaldrift.Model.from_file(ERODING)
    sa = m.sensitivity(samples=64, sampler="scrambled", threads=2)
    expected = reference("sensitivity", ERODING, "sobol", 64, "scrambled")
    header = expected.splitlines()[0].split(",")
    assert header == ["parameter", "outcome", "index", "estimate", "low", "high", "used", "planned"]
    rows = [line.split(",") for line in expected.splitlines()[1:]]
    assert sa.indices["parameter"] == [r[0] for r in rows]
    assert sa.indices["outcome"] == [r[1] for r in rows]
    assert sa.indices["index"] == [r[2] for r in rows]
    columns = read_csv_columns("estimate,low,high,used,planned\n" + "\n".join(",".join(r[3:]) for r in rows))
    for name in ("estimate", "low", "high", "used", "planned"):
        assert_bitwise_equal(sa.indices[name], columns[name], name)
    assert sa.analysis == "sobol"
    assert sa.parameters == [
        "action_time",
        "bad_news_time",
        "good_news_time",
        "goal_time",
        "memory_bad_news_time",
        "memory_good_news_time",
    ]
    assert sa.runs.members == 64 * 8
    assert sa.runs.failed == 0
    assert "Sobol' indices of final_D" in str(sa)
    goal_time_row = next(r for r in rows if r[:3] == ["goal_time", "final_D", "ST"])
    assert sa.value("goal_time", "final_D", "ST") == float(goal_time_row[3])


def test_morris_and_the_outcomes_asked_for():
    m = goaldrift.Model.from_file(ERODING)
    sa = m.sensitivity(
        analysis="morris",
        trajectories=12,
        resamples=100,
        outcomes=[{"kind": "final_loss", "variable": "D", "name": "standard_lost"}],
    )
    assert sa.outcomes == ["standard_lost"]
    assert sorted(set(sa.indices["index"])) == ["mu", "mu_star", "sigma"]
    assert len(sa.indices["estimate"]) == 6 * 3
    assert sa.runs.members == 12 * 7
    # A longer goal time slows the erosion: its mean effect on the standard lost is negative.
    assert sa.value("goal_time", "standard_lost", "mu") < 0
    assert sa.value("goal_time", "standard_lost", "mu_star") > sa.value("bad_news_time", "standard_lost", "mu_star")
    assert np.all(sa.indices["low"] <= sa.indices["estimate"])


def test_bad_settings_are_the_cpp_errors():
    m = goaldrift.Model.from_file(ERODING)
    with pytest.raises(goaldrift.InvalidParameter, match=r"sampler must be one of sobol, scrambled, philox, got 'halton'"):
        m.sensitivity(sampler="halton")
    with pytest.raises(goaldrift.InvalidParameter, match=r"saltelli_design: samples must be at least 2, got 1"):
        m.sensitivity(samples=1)
    with pytest.raises(goaldrift.InvalidParameter, match=r"analysis must be sobol or morris, got 'fast'"):
        m.sensitivity(analysis="fast")
