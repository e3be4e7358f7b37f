"""Tests for malitrack.report.notebook: what the report notebooks import.

``setup`` is given a namespace as an IPython kernel holds it: ``In`` is the
list of cells run so far (papermill runs the parameters cell, then its own
injected cell, then the notebook's setup cell).
"""

from __future__ import annotations

import pytest

from malitrack.errors import MalitrackError
from malitrack.report.notebook import figure_png, figure_svg, setup, table

PARAMETERS_CELL = (
    'start: str = "2012-01-01"  # first incident date included, YYYY-MM-DD\n'
    "regions: list[str] = []  # regions (admin1) to include, any of: Kidal, Gao, Ménaka; [] means all\n"
    "min_claimant_types: int = 2  # whole number, at least 1\n"
)
SETUP_CELL = "from malitrack.report.notebook import setup\n\nparams = setup(globals())"


def kernel_namespace(*injected: str, **values) -> dict:
    """A namespace after running the parameters cell, papermill's cells ``injected``, then setup."""
    namespace = {"start": "2012-01-01", "regions": [], "min_claimant_types": 2, **values}
    namespace["In"] = ["", "from IPython.display import display", PARAMETERS_CELL, *injected, SETUP_CELL]
    return namespace


def test_setup_returns_the_defaults_when_nothing_was_injected():
    assert setup(kernel_namespace()) == {"start": "2012-01-01", "regions": [], "min_claimant_types": 2}


def test_setup_parses_what_papermill_injected():
    injected = "# Parameters\nregions = '[\"Kidal\", \"Ménaka\"]'\nmin_claimant_types = \"3\"\n"
    params = setup(kernel_namespace(injected, regions='["Kidal", "Ménaka"]', min_claimant_types="3"))
    assert params == {"start": "2012-01-01", "regions": ["Kidal", "Ménaka"], "min_claimant_types": 3}


def test_setup_refuses_a_name_the_parameters_cell_does_not_declare():
    injected = '# Parameters\nregion = "Kidal"\n'
    with pytest.raises(MalitrackError, match=r"this notebook has no parameter 'region'; its parameters are:\n  start"):
        setup(kernel_namespace(injected, region="Kidal"))


def test_setup_refuses_an_invalid_value_naming_the_valid_ones():
    injected = '# Parameters\nregions = ["Atlantis"]\n'
    with pytest.raises(MalitrackError, match="'Atlantis' is not valid; valid values: Kidal, Gao, Ménaka"):
        setup(kernel_namespace(injected, regions=["Atlantis"]))


def test_setup_reads_the_parameters_cell_as_last_run():
    """In JupyterLab a reader edits and re-runs the parameters cell: the last run is the declaration."""
    edited = PARAMETERS_CELL.replace("at least 1", "at least 3")
    namespace = kernel_namespace()
    namespace["In"].insert(-1, edited)
    with pytest.raises(MalitrackError, match="below the minimum 3"):
        setup(namespace)


def test_setup_needs_a_parameters_cell_and_a_kernel():
    with pytest.raises(MalitrackError, match="no parameters cell among the cells run so far"):
        setup({"In": ["", "x = 1", SETUP_CELL]})
    with pytest.raises(MalitrackError, match="outside a notebook, call"):
        setup({"start": "2012-01-01"})


# ------------------------------------------------------------ tables and charts


def test_table_escapes_and_shows_unknown_as_a_dash():
    import pandas as pd

    frame = pd.DataFrame(
        {"claimant": ["<script>x</script>"], "high": pd.array([pd.NA], dtype="Int64"),
         "published_date": pd.to_datetime(["2024-05-21"]), "ratio": [1.034483]}
    )
    html = table(frame, index=False, lang="en").data
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '>–</td>' in html and ">21 May 2024</td>" in html and ">1.03</td>" in html
    assert ">1,03</td>" in table(frame, index=False, lang="fr").data


def test_table_for_people_words_numbers_flags_links():
    """Real rows of Amassine: labels in words, no codes, no booleans, outlets linked, secondhand marked."""
    import pandas as pd

    from malitrack.clean.load import load_claims

    claims = load_claims().query("incident_id == 'amassine-2024-05-19'")
    columns = ["claimant", "claimant_type", "outlet", "url", "secondhand", "victim_status", "denial", "low"]
    french = table(claims[columns], index=False, lang="fr", cards=True).data
    english = table(claims[columns], index=False, lang="en").data
    assert "<th scope=\"col\">Type de source</th>" in french and "<th scope=\"col\">Kind of claimant</th>" in english
    assert "armed_group" not in french and "groupe armé" in french and "combattants" in french
    assert "True" not in french and "False" not in french and ">non</td>" in french and ">no</td>" in english
    for url in claims["url"]:
        assert f'<a href="{url}" rel="noopener">' in english
    assert "url" not in french.split("<tbody>")[0].lower().replace("publié", "")
    assert 'class="malitrack-table cards"' in french and 'data-label="Désignés comme"' in french
    assert '<td class="num" data-label="Au moins">29</td>' in french  # numbers right-aligned, text left
    secondhand = pd.DataFrame({"outlet": ["es.stringtranslate.com"], "url": ["https://es.stringtranslate.com/x"],
                               "secondhand": [True]})
    assert "(reprise)</span>" in table(secondhand, index=False, lang="fr").data
    assert ">3\u202f109</td>" in table(pd.DataFrame({"n": [3109]}), index=False, lang="fr").data
    assert ">3,109</td>" in table(pd.DataFrame({"n": [3109]}), index=False, lang="en").data


def test_figure_png_is_the_same_bytes_every_time():
    from matplotlib.figure import Figure

    def draw():
        figure = Figure(figsize=(3, 2))
        axes = figure.add_subplot()
        axes.bar(["29", "over 30"], [29, 31])
        axes.set_title("Amassine", loc="left")
        return figure_png(figure)

    first, second = draw(), draw()
    assert first.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert first.data == second.data
    assert b"Software" not in first.data and b"matplotlib" not in first.data
    assert first.alt == "Amassine"


def test_figure_svg_is_the_same_bytes_every_time_with_its_title_as_alt_text():
    from matplotlib.figure import Figure

    from malitrack.report.charts import house_style

    def draw():
        with house_style():
            figure = Figure(figsize=(3, 2))
            axes = figure.add_subplot()
            axes.bar(["29", "over 30"], [29, 31])
            figure.suptitle("Amassine : « 29 » tués ?")
        return figure_svg(figure)

    first, second = draw(), draw()
    assert first.svg == second.svg
    assert first.svg.lstrip().startswith("<?xml") and "<svg" in first.svg
    assert "<dc:date>" not in first.svg
    assert "<text" in first.svg and "tués" in first.svg  # text kept as text: searchable and copyable
    data, metadata = first._repr_mimebundle_()
    assert data["image/svg+xml"] == first.svg
    assert metadata == {"image/svg+xml": {"alt": "Amassine : « 29 » tués ?"}}


def test_notebook_module_imports_nothing_heavy():
    """Kernels import it first: pandas, matplotlib and papermill wait until a function needs them."""
    import subprocess
    import sys

    code = "import sys, malitrack.report.notebook; print(sorted({'pandas', 'matplotlib', 'papermill', 'nbconvert'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
