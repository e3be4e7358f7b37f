"""Text -> values: the cleaning functions, pure and reading no files.

A casualty figure into an interval (``figures``, with its lexicons in
``lexicon/`` and number words in ``numbers``), a date into an interval with its
precision (``dates``), a victim label into a status (``victims``), perpetrator
words into canonical actors (``actors``), a place name into a gazetteer place
and region (``places``, ``gazetteer``). Reference tables come in as a
:class:`malitrack.reference.Reference` (default: the project's), never read
here. Nothing in this folder imports ``clean``, ``analysis``, ``importers`` or
``report`` (``tests/test_layers.py``).
"""
