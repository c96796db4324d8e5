"""C++ errors arrive as goaldrift.Error subclasses, with the C++ message unchanged and its fields."""

import json

import numpy as np
import pytest

import goaldrift
from goaldrift_testing import QUICKSTART, quickstart_dict, reference_error


def test_the_exception_classes_mirror_the_cpp_family():
    for cls in (goaldrift.InvalidParameter, goaldrift.ModelFileError, goaldrift.IntegrationError,
                goaldrift.ParseError, goaldrift.MemberFailed):
        assert issubclass(cls, goaldrift.Error)
        assert cls.__module__ == "goaldrift"
    assert issubclass(goaldrift.Error, RuntimeError)  # goaldrift::error is a std::runtime_error
    # Generic code that checks its input catches ValueError.
    for cls in (goaldrift.InvalidParameter, goaldrift.ModelFileError, goaldrift.ParseError):
        assert issubclass(cls, ValueError)
    assert not issubclass(goaldrift.IntegrationError, ValueError)


def test_a_missing_file_is_a_model_file_error_with_the_cpp_message(tmp_path):
    path = tmp_path / "no_such_model.json"
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_file(path)
    assert str(e.value) == reference_error("simulate", path)
    assert (e.value.file, e.value.pointer) == (str(path), "")


def test_a_mistake_in_a_file_names_the_file_and_the_field(tmp_path):
    fields = quickstart_dict()
    fields["goal"]["adjustment_time"] = -3
    path = tmp_path / "bad_goal.json"
    path.write_text(json.dumps(fields))
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_file(path)
    assert str(e.value) == reference_error("simulate", path)
    assert e.value.pointer == "/goal/adjustment_time"
    assert "adjustment_time must be positive" in str(e.value)


def test_a_mistake_in_a_dict_names_the_dict_and_the_field(tmp_path):
    fields = quickstart_dict()
    fields["goal"]["adjustment_tme"] = fields["goal"].pop("adjustment_time")
    path = tmp_path / "misspelt.json"
    path.write_text(json.dumps(fields))
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_dict(fields)
    assert str(e.value) == reference_error("simulate", path).replace(str(path), "<dict>", 1)
    assert e.value.file == "<dict>"
    assert e.value.pointer.startswith("/goal")


def test_a_failed_integration_is_an_integration_error_with_the_cpp_message():
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.IntegrationError) as e:
        model.simulate(method="dopri5", max_steps=20)
    assert str(e.value) == reference_error("simulate", QUICKSTART, "run.method=dopri5", "run.max_steps=20")
    assert e.value.variable == ""
    assert 0 < e.value.time < 60


def test_an_impossible_run_option_is_an_invalid_parameter_with_the_cpp_message():
    with pytest.raises(goaldrift.InvalidParameter) as e:
        goaldrift.Model.from_file(QUICKSTART).simulate(dt=-1)
    assert str(e.value) == reference_error("simulate", QUICKSTART, "run.dt=-1")
    assert e.value.parameter == "dt"


def test_a_member_table_that_cannot_be_read_names_the_file_and_the_field(tmp_path):
    (tmp_path / "members.csv").write_text("goal.adjustment_time\n12\nnot a number\n")
    fields = quickstart_dict()
    fields["ensemble"] = {"member_table": "members.csv"}
    path = tmp_path / "with_table.json"
    path.write_text(json.dumps(fields))
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_file(path).ensemble()
    assert e.value.pointer == "/ensemble/member_table"
    assert str(e.value) == reference_error("ensemble", path, tmp_path / "wide.csv", tmp_path / "outcomes.csv")


def test_a_failing_member_under_failures_stop_is_a_member_failed_naming_it():
    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.MemberFailed) as e:
        model.ensemble(members=50, seed=3, failures="stop",
                       vary={"state.action_time": {"distribution": "uniform", "lower": -4, "upper": 1}})
    assert e.value.seed == 3
    assert e.value.reason.startswith("goaldrift::state::proportional: action_time must be positive")
    assert str(e.value).startswith(f"goaldrift::ensemble::run: member {e.value.member} (seed 3) failed at t = 0: ")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), np.float64("-inf")])
def test_nan_or_infinity_in_a_dict_or_an_ensemble_override_names_its_field(bad):
    # JSON holds no NaN or infinity, so the reader never sees them: they are refused on the way,
    # as the reader refuses a field, instead of as json's anonymous ValueError.
    fields = quickstart_dict()
    fields["goal"]["adjustment_time"] = bad
    with pytest.raises(goaldrift.ModelFileError) as e:
        goaldrift.Model.from_dict(fields)
    assert str(e.value) == f"goaldrift::model_file: <dict>: /goal/adjustment_time: must be a finite number, got {bad}"
    assert (e.value.file, e.value.pointer) == ("<dict>", "/goal/adjustment_time")

    model = goaldrift.Model.from_file(QUICKSTART)
    with pytest.raises(goaldrift.ModelFileError) as e:
        model.ensemble(members=10, vary={"goal.adjustment_time": {"distribution": "uniform", "lower": bad, "upper": 3}})
    assert e.value.pointer == "/ensemble/vary/goal.adjustment_time/lower"
    assert str(e.value) == (f"goaldrift::model_file: {QUICKSTART}: /ensemble/vary/goal.adjustment_time/lower: "
                            f"must be a finite number, got {bad}")
    with pytest.raises(goaldrift.ModelFileError) as e:
        model.ensemble(members=10, quantiles=np.array([0.5, bad]))
    assert e.value.pointer == "/ensemble/quantiles/1"
