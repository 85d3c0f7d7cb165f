"""Jury mechanics: conflicts of interest, juror assignment, scoring, normalisation and ranking.

The modules here are pure calculations over plain dataclasses (no models, no database), so
that the competition app can build its services on them and the tests can exercise them on
thousands of random cases:

- ``conflicts``: hard conflicts of interest derived from the organisation tree, declared by
  jurors or set by the secretariat;
- ``assignment``: k jurors per entry by min-cost flow (OR-Tools) with caps, even loads and
  expertise preferred, plus diagnostics for entries that cannot be served;
- ``scoring``: rubrics, weighted scores, raw and normalised means, ranking with a documented
  tie rule, flags and a calibration summary per juror;
- ``rubrics``: ready rubric templates (KIPP 2023 aspects, IGA 2023 presentation aspects);
- ``benchmarks``: the assignment benchmark that ``make bench`` runs.

On top of them the app keeps the jury's records (``models``: rubrics, conflicts, assignments,
score sheets and their history, reminders), its rules (``services``), what a juror may see of an
entry (``blind``), and the pages of the secretariat (``views.office``) and of the jurors
(``views.juror``). It plugs into the competition's rounds through ``entries_for_round``,
``record_round_result`` and the signals of ``satu.competitions.signals``.
"""
