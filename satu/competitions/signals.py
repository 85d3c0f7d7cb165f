"""Signals through which the jury plugs into the rounds without the competition knowing it."""

from django.dispatch import Signal

# Sent inside the transaction just before an open round closes (by the secretariat, or by a
# stage move that leaves the round's stage), while results can still be recorded. Keyword
# arguments: ``round`` and ``actor``. An exception from a receiver aborts the close.
round_closing = Signal()

# Asked by ``services.open_work``: each receiver returns a list of ``OpenWork`` items for the
# competition's current stage. Keyword argument: ``competition``.
stage_open_work = Signal()
