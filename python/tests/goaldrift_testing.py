"""What the Python tests share: the C++ reference program, exact comparison, GIL checks.

ctest sets GOALDRIFT_REFERENCE (the goaldrift_python_reference program, which prints what the
C++ library computes) and GOALDRIFT_SOURCE_DIR; a test that needs one skips without it.
"""

import csv
import io
import json
import os
import pathlib
import subprocess
import threading
import time

import numpy as np
import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("GOALDRIFT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
MODELS_DIR = SOURCE_DIR / "examples" / "models"
EXAMPLE_MODELS = sorted(MODELS_DIR.glob("*.json"))
# The example models that describe an ensemble study (the Monte Carlo stories).
ENSEMBLE_MODELS = [p for p in EXAMPLE_MODELS if "ensemble" in json.loads(p.read_text())]
QUICKSTART = MODELS_DIR / "quickstart.json"


def reference(*args):
    """The reference program's stdout for `args`; fails the test if it reports an error."""
    done = _run_reference(args)
    assert done.returncode == 0, f"goaldrift_python_reference {' '.join(map(str, args))}: {done.stderr}"
    return done.stdout


def reference_error(*args):
    """The C++ error message (what()) the reference program reports for `args`."""
    done = _run_reference(args)
    assert done.returncode == 1, f"expected a goaldrift::error, got exit {done.returncode}: {done.stdout}{done.stderr}"
    return done.stderr.rstrip("\n")


def _run_reference(args):
    program = os.environ.get("GOALDRIFT_REFERENCE")
    if not program:
        pytest.skip("GOALDRIFT_REFERENCE is not set (ctest sets it to the goaldrift_python_reference program)")
    return subprocess.run([program, *map(str, args)], capture_output=True, text=True, check=False)


def read_csv_columns(text):
    """A CSV's columns by header name, as floats read exactly (float() of the shortest text)."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    return {name: [float(row[i]) for row in body] for i, name in enumerate(header)}


def read_csv_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def assert_bitwise_equal(actual, expected, what=""):
    """Equal to the bit (-0.0 is not 0.0), NaN matching NaN whatever its sign or payload: the
    CSV writes every NaN as "nan"."""
    actual = np.asarray(actual)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.dtype == np.float64, f"{what}: dtype {actual.dtype}"
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    same = (actual.view(np.uint64) == expected.view(np.uint64)) | (np.isnan(actual) & np.isnan(expected))
    if not same.all():
        i = np.flatnonzero(~same.ravel())[0]
        raise AssertionError(
            f"{what}: differs at {i}: {actual.ravel()[i]!r} != {expected.ravel()[i]!r} "
            f"({int((~same).sum())} values differ)"
        )


def quickstart_dict():
    with open(QUICKSTART) as f:
        return json.load(f)


def python_ticks_during(call):
    """Runs call() on another thread while this one ticks (at most one tick a millisecond, by
    the clock) and returns the ticks that fell in the middle 80% of the call, and how long it
    took. A call that holds the GIL throughout lets no tick in."""
    ticks = []
    window = {}

    def work():
        window["start"] = time.perf_counter()
        call()
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=work)
    worker.start()
    last = 0.0
    while worker.is_alive():
        now = time.perf_counter()
        if now - last >= 0.001:
            ticks.append(now)
            last = now
    worker.join()
    assert "end" in window, "the call on the other thread failed"
    start, end = window["start"], window["end"]
    margin = 0.1 * (end - start)
    return sum(start + margin < t < end - margin for t in ticks), end - start
