"""Clean claims -> findings: intervals, independent claims, tolls, disagreement, revisions, grades, trends.

Pure functions over the clean frames (``malitrack.load_claims()``): nothing
here renders or imports ``report`` or ``importers`` (``tests/test_layers.py``).
Read ``claims`` first (one row per independent claim, ``claimant_key``), then
``tolls`` (selection rules), ``disagreement`` (count, status and attribution
conflicts), ``revisions``, ``grades``, ``dates`` (dates printed at their
precision), ``trends``, ``coverage`` (what UCDP records after the claims stop)
and ``select`` (the incidents a report shows).
"""
