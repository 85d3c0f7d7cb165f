"""The deadline of a programme year, for the operator pages.

Programme-year settings belong to another capability (the compliance board). Until it is
installed there is no deadline; once it is, it registers its lookup here in its
``AppConfig.ready()``::

    from satu.innovations.deadlines import set_deadline_provider
    set_deadline_provider(lambda year: ProgrammeYear.objects.filter(year=year)
                          .values_list("deadline", flat=True).first())
"""

import datetime
from collections.abc import Callable

DeadlineProvider = Callable[[int], datetime.date | None]
_provider: DeadlineProvider | None = None


def set_deadline_provider(provider: DeadlineProvider | None) -> None:
    global _provider
    _provider = provider


def deadline_for(year: int) -> datetime.date | None:
    """The last day to register innovations for ``year``, or None when none is set."""
    return _provider(year) if _provider is not None else None
