"""Every controlled vocabulary of malitrack, once.

The schemas (the data contract), the parsers that produce the values and the
analysis that groups them all import their word lists from here, so a new
claimant type or outcome is one edit and the lists cannot drift apart. This
module imports nothing: any layer may use it.

The order of each tuple is the order the data dictionary lists the values in
(``data/clean/data_dictionary.md`` is generated from the schemas), so
reordering one changes a published file.
"""

from __future__ import annotations

# --- claims ----------------------------------------------------------------

# The columns of a raw claims file, in their published order.
CLAIM_COLUMNS = (
    "incident_key",
    "incident_date",
    "place",
    "admin_region",
    "claimant",
    "claimant_type",
    "outlet",
    "url",
    "published",
    "language",
    "figure_text",
    "victims_text",
    "perpetrator_text",
    "outcome",
    "note",
)

# Who made a claim. "dataset" is an event dataset (UCDP, ACLED) read by an importer.
CLAIMANT_TYPES = (
    "government",
    "military",
    "foreign_military",
    "armed_group",
    "un",
    "ngo",
    "media",
    "local_official",
    "community",
    "unknown",
    "dataset",
)
# Parties to the fighting, whose counts of their enemies' dead are suspect...
BELLIGERENT_TYPES = ("military", "government", "armed_group", "foreign_military")
# ... and the claimants who do not fight ("unknown" and "dataset" are neither).
NON_BELLIGERENT_TYPES = ("un", "ngo", "media", "local_official", "community")

# What a figure counts.
OUTCOMES = ("killed", "injured", "missing", "abducted")

# How a figure was stated; "unparsed" marks words the figure reader did not understand.
QUALIFIERS = (
    "exact", "at_least", "more_than", "at_most", "approximately", "range",
    "vague", "none", "unparsed",
)

# Class of the claimant's label for the dead (a label, not a finding).
VICTIM_STATUSES = (
    "civilian",
    "state_forces",
    "foreign_forces",
    "armed_group",
    "mixed",
    "unspecified",
)
# Victim statuses that name fighters rather than civilians.
COMBATANT_STATUSES = ("armed_group",)
STATE_STATUSES = ("state_forces", "foreign_forces")

# How precisely a date is known: one day, a span of days, a month, ..., or not understood.
DATE_PRECISIONS = ("day", "days", "month", "months", "year", "unknown")

# --- incidents and places --------------------------------------------------

# Kind of incident (data/raw/incidents.provenance.json documents each).
INCIDENT_TYPES = (
    "massacre",
    "execution",
    "drone_strike",
    "airstrike",
    "ambush",
    "attack_on_base",
    "battle",
    "bombing",
    "shelling",
    "abduction",
    "clash",
    "protest_repression",
    "other",
)

# Mali's pre-2023 regions and the Bamako district: the values of ``admin1``.
ADMIN1_NAMES = (
    "Kayes",
    "Koulikoro",
    "Sikasso",
    "Ségou",
    "Mopti",
    "Tombouctou",
    "Gao",
    "Kidal",
    "Ménaka",
    "Taoudénit",
    "Bamako",
)

# How precise a gazetteer coordinate is (data/raw/places/README.md).
COORD_PRECISIONS = ("village", "town centroid", "approximate")

# Bounding box of Mali (WGS 84 degrees): a coordinate outside it is wrong.
# Natural Earth's Admin 0 countries (naturalearthdata.com, as in the widely
# copied per-country bounding-box list) puts Mali at 10.10-24.97 °N and
# 12.17 °W-4.27 °E; the CIA World Factbook says "between latitudes 10° and 25°N".
# The box below adds about 0.1° (11 km) on every side, more to the west where
# the Falémé border runs near 12.25 °W, so border towns and generalised borders
# stay inside.
MALI_LATITUDE = (10.0, 25.1)
MALI_LONGITUDE = (-12.4, 4.4)

# --- sources and analysis --------------------------------------------------

# What a page in the sources register is (data/raw/source_notes.csv).
SOURCE_KINDS = ("outlet", "encyclopedia_copy", "aggregator")

# Ways of turning an incident's claims into one toll (malitrack.analysis.disagreement).
SELECTION_RULES = ("conservative", "median_nonbelligerent", "maximum", "envelope")

# Clean flags, grades and printed dates (malitrack.clean.flags, malitrack.analysis.grades, malitrack.analysis.dates).
WHOLE_SCOPE = "whole"  # ``scope`` of a whole-incident figure; any other value names the part covered
REPORT_STAGES = ("first", "provisional", "unmarked", "revised", "final")
REPORT_STAGE_ORDER = {"first": 0, "provisional": 1, "unmarked": 2, "revised": 3, "final": 3}  # within a series
CLAIM_SOURCE_KINDS = (  # per claim; not SOURCE_KINDS, which says what kind of page a URL is
    "belligerent statement",
    "official or witness",
    "UN or NGO investigation",
    "outlet's own report",
    "wire copy",
    "secondhand copy or aggregator",
)
GRADES = ("corroborated", "single source", "belligerents only", "contested", "no figure")  # per incident
READER_LANGUAGES = ("fr", "en")  # the languages reports and printed dates are written in, French first
