"""Other datasets' events (UCDP, ACLED) as malitrack claims, and linked to malitrack's incidents.

``base`` holds what every dataset shares (a declarative ``DatasetSpec``, the
one reader ``read_dataset``, ``ImportResult``, claim assembly); ``acled`` and
``ucdp`` are each a spec plus the step that turns their events into claims;
``matching`` links those claims to incidents.
"""
