"""Model.simulate(): the C++ run's numbers bit for bit, as numpy arrays in the CSV's order."""

import sys

import numpy as np
import pytest

import goaldrift
from goaldrift_testing import (
    EXAMPLE_MODELS,
    QUICKSTART,
    assert_bitwise_equal,
    python_ticks_during,
    read_csv_columns,
    reference,
    reference_error,
)


def test_every_example_model_is_there():
    # The examples ship a model file per story; a wrong source dir would make the test below empty.
    assert len(EXAMPLE_MODELS) >= 10, EXAMPLE_MODELS


@pytest.mark.parametrize("path", EXAMPLE_MODELS, ids=lambda p: p.stem)
def test_example_model_simulates_to_the_cpp_values_bit_for_bit(path):
    expected = read_csv_columns(reference("simulate", path))
    run = goaldrift.Model.from_file(path).simulate()
    assert list(run) == list(expected)  # the CSV's columns, in its order
    for name, values in expected.items():
        assert_bitwise_equal(run[name], values, f"{path.name}: {name}")


@pytest.mark.parametrize(
    "options",
    [
        {"end": 30, "dt": 0.25, "save_every": 0.5, "method": "euler"},
        {"start": 5, "end": 45, "save_every": 4, "method": "dopri5", "abs_tolerance": 1e-6, "rel_tolerance": 1e-7},
        {"save_every": 0, "max_steps": 1000},
    ],
    ids=["euler", "dopri5", "every_step"],
)
def test_run_options_given_to_simulate_give_the_cpp_run_with_those_options(options):
    settings = [f"run.{key}={value}" for key, value in options.items()]
    expected = read_csv_columns(reference("simulate", QUICKSTART, *settings))
    run = goaldrift.Model.from_file(QUICKSTART).simulate(**options)
    assert list(run) == list(expected)
    for name, values in expected.items():
        assert_bitwise_equal(run[name], values, name)


def test_run_options_given_to_simulate_leave_the_models_own_unchanged():
    model = goaldrift.Model.from_file(QUICKSTART)
    before = model.simulate()
    model.simulate(end=36, method="euler")
    assert model.run["end"] == 60 and model.run["method"] == "rk4"
    after = model.simulate()
    for name in before:
        assert_bitwise_equal(after[name], before[name], name)


def test_run_shows_the_files_options():
    assert goaldrift.Model.from_file(QUICKSTART).run == {
        "start": 0.0,
        "end": 60.0,
        "dt": 0.125,
        "save_every": 12.0,
        "abs_tolerance": 1e-9,
        "rel_tolerance": 1e-9,
        "max_steps": 100000000,
        "method": "rk4",
    }


def test_an_unknown_run_option_is_a_type_error_listing_the_options():
    with pytest.raises(TypeError) as e:
        goaldrift.Model.from_file(QUICKSTART).simulate(save_evry=1)
    assert str(e.value) == (
        "simulate() got an unexpected keyword argument 'save_evry'; the closest is 'save_every'; the run options "
        "are 'start', 'end', 'dt', 'save_every', 'abs_tolerance', 'rel_tolerance', 'max_steps', 'method'"
    )


def test_an_unknown_method_is_refused_naming_the_methods():
    with pytest.raises(goaldrift.InvalidParameter) as e:
        goaldrift.Model.from_file(QUICKSTART).simulate(method="rk5")
    assert str(e.value) == (
        "goaldrift::runtime::simulate: method must be one of 'euler', 'rk4', 'dopri5'; the closest is 'rk4', got 'rk5'"
    )
    assert e.value.parameter == "method"


def test_trajectory_is_a_dict_of_float64_arrays_of_one_length():
    run = goaldrift.Model.from_file(QUICKSTART).simulate()
    assert isinstance(run, dict)
    assert list(run)[:6] == ["time", "S", "P", "D", "action", "pressure"]
    assert {v.dtype for v in run.values()} == {np.dtype(np.float64)}
    assert {len(v) for v in run.values()} == {6}
    assert list(run["time"]) == [0, 12, 24, 36, 48, 60]


def test_to_pandas_makes_one_frame_of_the_columns():
    pandas = pytest.importorskip("pandas")
    run = goaldrift.Model.from_file(QUICKSTART).simulate()
    frame = run.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(run)
    assert_bitwise_equal(frame["S"].to_numpy(), run["S"], "S")


def test_to_pandas_without_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails, installed or not
    run = goaldrift.Model.from_file(QUICKSTART).simulate()
    with pytest.raises(ImportError, match=r"to_pandas needs pandas.*python3-pandas.*pip install pandas"):
        run.to_pandas()


def test_simulate_releases_the_gil_while_it_runs():
    model = goaldrift.Model.from_file(QUICKSTART)
    # Few saved rows, so that the call is the run itself and not the making of its arrays.
    ticks, seconds = python_ticks_during(lambda: model.simulate(end=600000, save_every=60000))
    assert seconds > 0.05, "the run was too short to tell"
    assert ticks >= 10, f"Python ran {ticks} times in the middle of a {seconds:.2f} s run"


def test_a_run_option_of_the_wrong_kind_is_a_type_error_naming_it():
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(TypeError, match=r"^simulate\(\): end must be a number, not str$"):
        model.simulate(end="60")
    with pytest.raises(TypeError, match=r"^simulate\(\): max_steps must be a whole number, not float$"):
        model.simulate(max_steps=1e6)
    with pytest.raises(TypeError, match=r"^simulate\(\): method must be .*, not NoneType$"):
        model.simulate(method=None)


@pytest.mark.parametrize("steps", [0, -5])
def test_too_few_max_steps_are_refused_with_the_cpp_message(steps):
    with pytest.raises(goaldrift.InvalidParameter) as e:
        goaldrift.Model.from_file(QUICKSTART).simulate(max_steps=steps)
    assert str(e.value) == reference_error("simulate", QUICKSTART, "run.max_steps=0").replace("got 0", f"got {steps}")
