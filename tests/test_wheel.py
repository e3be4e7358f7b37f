"""Installed, it still works: build the wheel, install it in a fresh venv, use it from another folder.

The wheel is built from a copy of the sources (the checkout is never written)
and installed with ``--no-deps`` into a new virtual environment; the
dependencies (pandas, pyarrow, pycountry ...) are lent by the environment
running the tests through a ``.pth`` line, which puts no malitrack on the path
(the checkout's editable install is a ``.pth`` file of its own, and ``.pth``
files are not read in folders added that way). The script proves that
malitrack is imported from the venv and finds no project folder. Set
``MALITRACK_WHEEL_FULL_INSTALL=1`` to install the dependencies from the
package index instead (about two minutes more).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]

USE_AS_A_NEW_USER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import malitrack
    from malitrack import paths

    home = Path(sys.prefix).resolve()
    assert Path(malitrack.__file__).resolve().is_relative_to(home), malitrack.__file__
    assert paths.find_root() is None, paths.find_root()
    figure = malitrack.parse_casualty_figure("une trentaine de morts", lang="fr")
    claims = malitrack.load_claims()
    amassine = claims[claims["incident_id"] == "amassine-2024-05-19"]
    print(json.dumps({
        "module": malitrack.__file__,
        "actors": malitrack.normalize_actors("l'armée malienne et ses supplétifs russes de Wagner"),
        "place": malitrack.normalize_place("Amassine, in der Nähe von Anefis").admin1_code,
        "region": list(malitrack.normalize_region("Timbuktu")),
        "figure": [figure.low, figure.high],
        "claims": len(claims),
        "amassine_claims": len(amassine),
        "version": malitrack.data_version(),
    }))
    """
)


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_the_installed_wheel_parses_and_loads_from_another_folder(tmp_path):
    import json

    import pandas as pd

    from malitrack import paths

    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(REPOSITORY / "src", source / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPOSITORY / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)])
    wheel = next((tmp_path / "dist").glob("malitrack-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("malitrack/data/")}
    assert {f"malitrack/data/{p.relative_to(paths.package_data_dir()).as_posix()}"
            for p in paths.package_data_dir().rglob("*") if p.is_file()} == shipped

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    if os.environ.get("MALITRACK_WHEEL_FULL_INSTALL"):
        _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)])
    else:
        _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)])
        site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
        lent = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        (site / "zz_dependencies_of_the_test_runner.pth").write_text("\n".join(lent) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in {"MALITRACK_HOME", "PYTHONPATH"}}
    result = _run([str(python), "-c", USE_AS_A_NEW_USER], cwd=elsewhere, env=env)
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert Path(seen["module"]).resolve().is_relative_to(venv.resolve())
    assert seen["actors"] == ["FAMa", "Wagner Group"]
    assert seen["place"] == "ML-8"
    assert seen["region"] == ["Tombouctou", "ML-6"]
    assert seen["figure"] == [24, 36]
    shipped = pd.read_parquet(paths.package_clean_dir() / "claims.parquet")
    assert seen["claims"] == len(shipped) and seen["amassine_claims"] > 0
    manifest = json.loads((paths.package_clean_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert seen["version"] == manifest["data_version"]
