"""Identifiers of jurors, entries, agencies and regions as the jury modules see them."""

from collections.abc import Hashable

# A primary key (int) in the application; tests may use strings.
Id = Hashable


def id_order(value: Id) -> tuple[int, int | str]:
    """A sort key that orders ids deterministically, integers before anything else."""
    if isinstance(value, bool) or not isinstance(value, int):
        return (1, str(value))
    return (0, value)
