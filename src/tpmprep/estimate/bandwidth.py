"""Bandwidth: request rate times payload size, in bits per second, and transfer times.

Network links are quoted in bits per second (1 Gbps), data sizes in bytes (1 GB): a byte is
8 bits, so 1 GB over a 1 Gbps link takes 8 s, not 1 s. Results are in ``bit / second``;
``fmt`` shows them as ``Mbps``/``Gbps`` and ``.to("MB/s")`` gives bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmprep.units import fmt
from tpmprep.validate import finite, make, quantity

__all__ = ["Bandwidth", "data_rate", "ingress_egress", "transfer_time"]


def data_rate(rate: Any, size: Any) -> Any:
    """Bandwidth to carry ``rate`` messages a second of ``size`` each.

    Parameters
    ----------
    rate : number, str or pint.Quantity
        Messages per unit of time (a bare number is per second): ``"7K req/s"``.
    size : number, str or pint.Quantity
        Size of one message (a bare number is bytes): ``"2 KB"``.

    Returns
    -------
    pint.Quantity
        Bits per second.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input.
    """
    return _bandwidth(rate, size, "rate", "size")


def _bandwidth(rate: Any, size: Any, rate_name: str, size_name: str) -> Any:
    r = quantity(rate_name, rate, "1/s", allow_zero=True)
    s = quantity(size_name, size, "bit", bare_unit="byte", allow_zero=True)
    value = float(r.magnitude) * float(s.magnitude)
    return finite(f"{rate_name}, {size_name}", make(value, "bit / second"))


def transfer_time(size: Any, link: Any) -> Any:
    """Time to move ``size`` over a link of ``link`` bandwidth.

    Parameters
    ----------
    size : number, str or pint.Quantity
        Data to move (a bare number is bytes): ``"1 GB"``.
    link : number, str or pint.Quantity
        Link bandwidth (a bare number is bits per second): ``"1 Gbps"``.

    Returns
    -------
    pint.Quantity
        Seconds.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input, or a zero link.
    """
    s = quantity("size", size, "bit", bare_unit="byte", allow_zero=True)
    b = quantity("link", link, "bit / second")
    return finite("size, link", make(float(s.magnitude) / float(b.magnitude), "second"))


@dataclass(frozen=True)
class Bandwidth:
    """Ingress (writes in) and egress (reads out), in bits per second."""

    ingress: Any
    egress: Any

    def __str__(self) -> str:
        return f"ingress {fmt(self.ingress)}, egress {fmt(self.egress)}"


def ingress_egress(
    write_rate: Any, write_size: Any, read_rate: Any = 0, read_size: Any = None
) -> Bandwidth:
    """Ingress from writes and egress from reads.

    Parameters
    ----------
    write_rate : number, str or pint.Quantity
        Writes per unit of time (a bare number is per second).
    write_size : number, str or pint.Quantity
        Size of one write (a bare number is bytes).
    read_rate : number, str or pint.Quantity, default 0
        Reads per unit of time.
    read_size : number, str or pint.Quantity, optional
        Size of one read; defaults to ``write_size``.

    Returns
    -------
    Bandwidth

    Raises
    ------
    CalculationError
        For any unusable input, naming it.
    """
    ingress = _bandwidth(write_rate, write_size, "write_rate", "write_size")
    if read_size is None:
        egress = _bandwidth(read_rate, write_size, "read_rate", "write_size")
    else:
        egress = _bandwidth(read_rate, read_size, "read_rate", "read_size")
    return Bandwidth(ingress, egress)
