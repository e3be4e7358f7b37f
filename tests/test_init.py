"""The public names of the package resolve, lazily."""

from __future__ import annotations

import subprocess
import sys

import malitrack


def test_every_public_name_resolves():
    for name in malitrack.__all__:
        assert getattr(malitrack, name) is not None, name


def test_cleaning_functions_at_top_level():
    assert malitrack.parse_casualty_figure("29 morts").best == 29
    assert malitrack.classify_victims("villageois") == "civilian"
    assert malitrack.normalize_actors("FAMa") == ["FAMa"]
    assert malitrack.normalize_place("Kidal").admin1_code == "ML-8"
    assert malitrack.parse_report_date("21 mai 2024")[1] == "day"


def test_import_is_lazy():
    code = "import sys, malitrack; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
