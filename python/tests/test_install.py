"""`cmake --install` puts a package that imports and runs where GOALDRIFT_PYTHON_INSTALL_DIR says."""

import os
import pathlib
import subprocess
import sys

import pytest

import goaldrift
from goaldrift_testing import QUICKSTART


def test_the_installed_package_imports_and_gives_the_build_trees_results(tmp_path):
    build = os.environ.get("GOALDRIFT_BUILD_DIR")
    cmake = os.environ.get("GOALDRIFT_CMAKE")
    destination = os.environ.get("GOALDRIFT_PYTHON_INSTALL_DESTINATION")
    if not (build and cmake and destination):
        pytest.skip("GOALDRIFT_BUILD_DIR, GOALDRIFT_CMAKE and GOALDRIFT_PYTHON_INSTALL_DESTINATION are set by ctest")
    # DESTDIR keeps even an absolute destination (a virtual environment's) inside tmp_path.
    staging = tmp_path / "staging"
    prefix = tmp_path / "prefix"
    done = subprocess.run(
        [cmake, "--install", build, "--component", "python", "--prefix", str(prefix)],
        env={**os.environ, "DESTDIR": str(staging)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    where = pathlib.PurePath(destination)
    if where.is_absolute():
        site = staging / where.relative_to(where.anchor)
    else:
        site = staging / prefix.relative_to(prefix.anchor) / where
    installed = sorted(p.name for p in (site / "goaldrift").iterdir())
    assert installed[0] == "__init__.py" and installed[1].startswith("_goaldrift.") and len(installed) == 2, installed

    script = (
        "import goaldrift; "
        f"print(goaldrift.__file__); print(repr(goaldrift.Model.from_file({str(QUICKSTART)!r}).simulate()['S'][-1]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    # (Not in ctest's working directory, the build tree's python/, whose goaldrift/ would be found first.)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    file, final_s = done.stdout.split()
    assert pathlib.Path(file) == site / "goaldrift" / "__init__.py"
    assert final_s == repr(goaldrift.Model.from_file(QUICKSTART).simulate()["S"][-1])
