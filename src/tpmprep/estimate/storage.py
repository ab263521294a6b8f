"""Storage: data written per day and per year, kept for a retention period, replicated, compressed.

``replication`` is the stored bytes per logical byte: 3 for three copies, 1.5 for a (6, 3)
Reed-Solomon erasure code. ``compression`` is the original size over the compressed size
(3 means 3:1). A year is 365.25 days (pint's ``year``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmprep.units import fmt
from tpmprep.validate import finite, make, number, quantity

__all__ = ["Storage", "daily_storage", "retained_storage", "storage_estimate"]


def daily_storage(
    items_per_day: Any, item_size: Any, replication: Any = 1.0, compression: Any = 1.0
) -> Any:
    """Bytes written per day.

    Parameters
    ----------
    items_per_day : number, str or pint.Quantity
        Items written per day (a bare number), or any rate (``"2K / s"``).
    item_size : number, str or pint.Quantity
        Size of one item (a bare number is bytes): ``"1 MB"``.
    replication : float, default 1.0
        Stored copies (or storage overhead factor), at least 1.
    compression : float, default 1.0
        Compression ratio (original / compressed), at least 1.

    Returns
    -------
    pint.Quantity
        Bytes per day.

    Raises
    ------
    CalculationError
        For a negative, zero, NaN, infinite or wrongly-dimensioned input.
    """
    rate = quantity("items_per_day", items_per_day, "1/day")
    size = quantity("item_size", item_size, "byte")
    copies = number("replication", replication, minimum=1.0)
    ratio = number("compression", compression, minimum=1.0)
    value = float(rate.magnitude) * float(size.magnitude) * copies / ratio
    return finite("items_per_day, item_size", make(value, "byte / day"))


def retained_storage(per_day: Any, retention: Any = "1 year") -> Any:
    """Bytes held after ``retention`` at a steady daily write volume (nothing deleted early).

    Parameters
    ----------
    per_day : str or pint.Quantity
        Data written per unit of time (``"30 TB/day"``; a bare number is bytes per day).
    retention : str or pint.Quantity, default "1 year"
        How long data is kept (``"5 years"``).

    Returns
    -------
    pint.Quantity
        Bytes.

    Raises
    ------
    CalculationError
        For a negative, zero, NaN, infinite or wrongly-dimensioned input.
    """
    rate = quantity("per_day", per_day, "byte / day")
    keep = quantity("retention", retention, "day")
    return finite("per_day, retention", make(float(rate.magnitude) * float(keep.magnitude), "byte"))


@dataclass(frozen=True)
class Storage:
    """A storage estimate: per day, per year and in total over the retention period."""

    per_day: Any
    per_year: Any
    total: Any

    def __str__(self) -> str:
        return f"{fmt(self.per_day)}, {fmt(self.per_year)} a year, {fmt(self.total)} in total"


def storage_estimate(
    items_per_day: Any,
    item_size: Any,
    retention: Any = "5 years",
    replication: Any = 1.0,
    compression: Any = 1.0,
) -> Storage:
    """Estimate storage: per day, per year, and held over the retention period.

    Parameters
    ----------
    items_per_day : number, str or pint.Quantity
        Items written per day.
    item_size : number, str or pint.Quantity
        Size of one item (a bare number is bytes).
    retention : str or pint.Quantity, default "5 years"
        How long data is kept.
    replication : float, default 1.0
        Stored copies (or storage overhead factor), at least 1.
    compression : float, default 1.0
        Compression ratio, at least 1.

    Returns
    -------
    Storage

    Raises
    ------
    CalculationError
        For any unusable input, naming it.
    """
    per_day = daily_storage(items_per_day, item_size, replication, compression)
    per_year = retained_storage(per_day, "1 year")
    return Storage(per_day, per_year, retained_storage(per_day, retention))
