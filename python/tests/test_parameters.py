"""Parameters by path (get, set, parameter_names, parameters) and the two ways to make a model."""

import copy
import json

import numpy as np
import pytest

import goaldrift
from goaldrift_testing import (
    EXAMPLE_MODELS,
    QUICKSTART,
    assert_bitwise_equal,
    quickstart_dict,
    read_csv_columns,
    reference,
    reference_error,
)


@pytest.mark.parametrize("path", EXAMPLE_MODELS, ids=lambda p: p.stem)
def test_parameter_names_and_values_are_the_cpp_ones(path):
    expected = [line.split(",") for line in reference("parameters", path).splitlines()]
    model = goaldrift.Model.from_file(path)
    assert model.parameter_names() == [name for name, _ in expected]
    for name, value in expected:
        assert model.get(name) == float(value), name


def test_parameters_give_value_unit_and_meaning_and_list_unset_optional_ones():
    listed = goaldrift.Model.from_file(QUICKSTART).parameters()
    assert list(listed)[:3] == ["state.initial", "state.action_time", "state.floor"]
    assert listed["state.action_time"] == {
        "value": 4.0,
        "unit": "time",
        "meaning": "time the actor takes to close the perceived gap",
        "integer": False,
        "optional": False,
    }
    assert listed["state.floor"]["value"] is None and listed["state.floor"]["optional"]
    assert "state.floor" not in goaldrift.Model.from_file(QUICKSTART).parameter_names()


def test_set_changes_the_run_as_cpp_set_does():
    model = goaldrift.Model.from_file(QUICKSTART)
    model.set("goal.adjustment_time", 24.5)
    model.set("state.floor", 90)  # an optional parameter left unset: set() sets it
    assert model.get("goal.adjustment_time") == 24.5
    assert model.get("state.floor") == 90.0
    assert "state.floor" in model.parameter_names()
    expected = read_csv_columns(reference("simulate", QUICKSTART, "goal.adjustment_time=24.5", "state.floor=90"))
    run = model.simulate()
    for name, values in expected.items():
        assert_bitwise_equal(run[name], values, name)
    assert not np.array_equal(run["S"], goaldrift.Model.from_file(QUICKSTART).simulate()["S"])


@pytest.mark.parametrize("call", ["get", "set"])
def test_a_misspelt_path_names_the_closest_path_as_cpp_does(call):
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.InvalidParameter) as e:
        model.get("state.action_tme") if call == "get" else model.set("state.action_tme", 3)
    assert str(e.value) == reference_error("get", QUICKSTART, "state.action_tme")
    assert "the closest is 'state.action_time'" in str(e.value)
    fields = (e.value.component, e.value.parameter, e.value.value)
    assert fields == ("goaldrift::parameters", "path", "'state.action_tme'")


def test_a_refused_value_raises_the_parts_message_and_leaves_the_model_as_it_was():
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.InvalidParameter) as e:
        model.set("state.action_time", -1)
    assert str(e.value) == reference_error("simulate", QUICKSTART, "state.action_time=-1")
    assert e.value.parameter == "action_time" and e.value.value == "-1"
    assert model.get("state.action_time") == 4.0


def test_reading_an_unset_optional_parameter_is_refused():
    with pytest.raises(goaldrift.InvalidParameter) as e:
        goaldrift.Model.from_file(QUICKSTART).get("state.floor")
    assert str(e.value) == reference_error("get", QUICKSTART, "state.floor")


def test_a_copy_is_independent_of_its_original():
    model = goaldrift.Model.from_file(QUICKSTART)
    for duplicate in (model.copy(), copy.copy(model), copy.deepcopy(model)):
        duplicate.set("state.action_time", 8)
        assert model.get("state.action_time") == 4.0
        assert duplicate.get("state.action_time") == 8.0
        assert isinstance(duplicate, goaldrift.Model)


@pytest.mark.parametrize("path", EXAMPLE_MODELS, ids=lambda p: p.stem)
def test_from_dict_makes_the_model_from_file_makes(path):
    with open(path) as f:
        fields = json.load(f)
    from_dict = goaldrift.Model.from_dict(fields)
    from_file = goaldrift.Model.from_file(path)
    assert from_dict.source == "<dict>" and from_file.source == str(path)
    assert from_dict.parameters() == from_file.parameters()
    assert from_dict.run == from_file.run
    expected = from_file.simulate()
    run = from_dict.simulate()
    for name in expected:
        assert_bitwise_equal(run[name], expected[name], name)


def test_from_dict_takes_numpy_numbers():
    fields = quickstart_dict()
    fields["state"]["action_time"] = np.float32(2.5)
    fields["run"]["max_steps"] = np.int64(1000)
    fields["pressure"] = np.array(1.5)
    model = goaldrift.Model.from_dict(fields)
    assert model.get("state.action_time") == 2.5
    assert model.run["max_steps"] == 1000
    assert model.get("pressure.value") == 1.5


def test_from_dict_refuses_values_no_model_file_can_hold():
    fields = quickstart_dict()
    fields["state"]["action_time"] = float("nan")
    with pytest.raises(goaldrift.ModelFileError, match="<dict>: /state/action_time: must be a finite number, got nan"):
        goaldrift.Model.from_dict(fields)
    fields["state"]["action_time"] = object()
    with pytest.raises(TypeError, match="object cannot be written into a model file"):
        goaldrift.Model.from_dict(fields)


def test_a_model_is_made_by_from_file_or_from_dict_only():
    with pytest.raises(TypeError, match="Model.from_file"):
        goaldrift.Model(str(QUICKSTART))
