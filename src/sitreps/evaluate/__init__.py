"""Scoring sitreps against gold-annotated data (``sitreps evaluate``).

One module per gold set (:mod:`.acled`, :mod:`.re3d`, :mod:`.plover`, :mod:`.geoparse`,
:mod:`.attribution`), each with a loader, a scorer that takes predictions as data, and an
``evaluate_*`` function that runs the pipeline and scores it; shared helpers in
:mod:`.metrics`, :mod:`.results` and :mod:`.runner`; the quality gate in :mod:`.floors`;
the click commands in :mod:`.cli`. Metric definitions: ``docs/evaluation.md``.
"""
