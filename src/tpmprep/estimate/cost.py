"""Cost: a monthly bill from the cost table (compute, object storage, internet egress).

Prices come from ``tpmprep.numbers`` (table ``cost``): the ``aws`` edition is a dated AWS
us-east-1 list-price snapshot (on-demand), ``recent`` is napkin-math's cross-cloud rule of
thumb. The first-tier price is applied to every unit: no free tier, no volume discounts, no
reserved or spot pricing, so the figure is a list-price estimate, not a quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import CalculationError, InputError
from tpmprep.units import Q, describe_dimension, fmt
from tpmprep.validate import as_quantity, finite, number, quantity

__all__ = ["CostBreakdown", "CostLine", "monthly_cost"]


@dataclass(frozen=True)
class CostLine:
    """One line of a monthly bill.

    Attributes
    ----------
    name : str
        What is paid for (``compute``, ``storage``, ``egress``).
    amount : pint.Quantity
        How much is used (vCPU, GB stored, GB per month).
    unit_price : pint.Quantity
        The price per unit, from the cost table.
    monthly : pint.Quantity
        ``amount x unit_price`` in USD per month.
    source : str
        Where the unit price comes from (source and date).
    """

    name: str
    amount: Any
    unit_price: Any
    monthly: Any
    source: str


@dataclass(frozen=True)
class CostBreakdown:
    """A monthly cost with one line per resource; ``total`` is in USD per month.

    Attributes
    ----------
    lines : tuple of CostLine
        Compute, storage and egress, in that order (lines with zero use are kept).
    total : pint.Quantity
        Sum of the lines, USD/month.
    edition : str
        The cost-table edition used.
    """

    lines: tuple[CostLine, ...]
    total: Any
    edition: str

    def __getitem__(self, name: str) -> Any:
        """Return the monthly cost of line ``name`` (``"compute"``, ``"storage"``, ``"egress"``)."""
        for line in self.lines:
            if line.name == name:
                return line.monthly
        raise KeyError(name)

    def __str__(self) -> str:
        rows = [("line", "amount", "unit price", "per month")]
        rows += [(x.name, fmt(x.amount), fmt(x.unit_price), fmt(x.monthly)) for x in self.lines]
        rows.append(("total", "", "", fmt(self.total)))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        text = "\n".join(
            "  ".join(
                v.ljust(w) if i == 0 else v.rjust(w)
                for i, (v, w) in enumerate(zip(r, widths, strict=True))
            )
            for r in rows
        )
        return f"{text}\n(list price, on-demand, cost table edition {self.edition!r})"


def _price(key: str, edition: str | None) -> Any:
    from tpmprep import numbers

    try:
        return numbers.entry(key, edition)
    except InputError as err:
        raise CalculationError("edition", str(err).removeprefix(f"{err.parameter}: ")) from None


def _egress(value: Any) -> Any:
    q = as_quantity("egress", value, "GB/month")
    if q.dimensionality == Q("1 GB").dimensionality:
        q = q / Q("1 month")  # a data size is read as "per month"
    elif q.dimensionality != Q("1 GB/month").dimensionality:
        raise CalculationError(
            "egress",
            f"you gave {describe_dimension(q)} ({fmt(q)}); data sent per month was expected, "
            "e.g. '10 TB/month' or '20 MB/s'",
        )
    return quantity("egress", q, "GB/month", allow_zero=True)


def monthly_cost(
    vcpus: Any = 0,
    storage: Any = 0,
    egress: Any = 0,
    *,
    servers: Any = 0,
    vcpus_per_server: Any = 2,
    edition: str | None = None,
) -> CostBreakdown:
    """Monthly list-price cost of compute, object storage and internet egress.

    Parameters
    ----------
    vcpus : number or str, default 0
        vCPUs running all month (``64`` or ``"64 vCPU"``).
    storage : number, str or pint.Quantity, default 0
        Data held in object storage (a bare number is GB): ``"50 TB"``.
    egress : number, str or pint.Quantity, default 0
        Data sent to the internet per month (a bare number is GB per month): ``"10 TB/month"``,
        ``"20 MB/s"``; a plain size (``"10 TB"``) is read as per month.
    servers : number, default 0
        Servers running all month, each with ``vcpus_per_server`` vCPUs (added to ``vcpus``).
    vcpus_per_server : number, default 2
        vCPUs per server (2 for the m7i.large of the ``aws`` edition).
    edition : str, optional
        Cost-table edition (``"aws"`` or ``"recent"``; default the current one).

    Returns
    -------
    CostBreakdown
        Lines ``compute``, ``storage``, ``egress`` and ``total`` in USD/month.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input (naming the parameter), or an
        unknown edition.
    """
    cores = number("vcpus", vcpus, allow_zero=True)
    cores += number("servers", servers, allow_zero=True) * number(
        "vcpus_per_server", vcpus_per_server
    )
    stored = quantity("storage", storage, "GB", allow_zero=True)
    sent = _egress(egress)
    if edition is not None and not isinstance(edition, str):
        raise CalculationError("edition", f"expected an edition name, got {edition!r}")
    compute_price = _price("cost.compute.vcpu_hour", edition)
    storage_price = _price("cost.storage.object_gb_month", edition)
    egress_price = _price("cost.network.egress_gb", edition)
    made = []
    for name, amount, entry, unit in (
        ("compute", Q(cores, "vCPU"), compute_price, "USD/month"),
        ("storage", stored, storage_price, "USD/month"),
        ("egress", sent, egress_price, "USD/month"),
    ):
        monthly = finite(name if name != "compute" else "vcpus", (amount * entry.value).to(unit))
        made.append(CostLine(name, amount, entry.value, monthly, f"{entry.source}, {entry.date}"))
    total = finite("vcpus, storage, egress", sum((x.monthly for x in made), Q(0, "USD/month")))
    return CostBreakdown(tuple(made), total, compute_price.edition)
