"""Consistent hashing with virtual nodes, against modulo hashing.

Positions on the ring come from BLAKE2b (``hashlib``), so they are the same in every process and
on every machine (Python's ``hash`` of a string changes between runs). A key belongs to the first
virtual node clockwise from its position (Karger et al., "Consistent hashing and random trees",
STOC 1997; DeCandia et al., "Dynamo", SOSP 2007, section 4.2).

What to look for:

- When one node joins ``n`` nodes, consistent hashing moves about ``1/(n+1)`` of the keys (only
  those the new node takes over); ``hash(key) mod n`` moves about ``n/(n+1)`` of them, because
  almost every key's remainder changes.
- With ``v`` virtual nodes per node, each node's share of the ring is a sum of ``v`` arcs, so its
  coefficient of variation is about ``1/sqrt(v)``: one point per node is badly unbalanced, a few
  hundred give shares within about 10% of each other.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError

__all__ = [
    "BalancePoint",
    "HashRing",
    "KeyMovement",
    "balance_by_virtual_nodes",
    "keys_moved",
    "stable_hash",
    "zipf_weights",
]


def stable_hash(key: Hashable) -> int:
    """Return a 64-bit hash of ``str(key)`` that is the same in every process (BLAKE2b).

    Parameters
    ----------
    key : hashable
        The key; hashed through its ``str``.

    Returns
    -------
    int
        An integer in [0, 2**64).
    """
    return int.from_bytes(hashlib.blake2b(str(key).encode(), digest_size=8).digest(), "big")


def _hash_many(keys: Iterable[Hashable]) -> Any:
    import numpy as np

    return np.fromiter((stable_hash(k) for k in keys), dtype=np.uint64)


def zipf_weights(n: int, s: float) -> Any:
    """Zipf popularity of ``n`` items: ``p[k]`` proportional to ``(k + 1) ** -s``, summing to 1.

    Parameters
    ----------
    n : int
        Number of items.
    s : float
        Exponent (0: uniform).

    Returns
    -------
    numpy.ndarray
        Probabilities, most popular first.

    Raises
    ------
    CalculationError
        If ``n`` < 1 or ``s`` < 0.
    """
    import numpy as np

    n = validate.count("catalogue", n)
    s = validate.positive("s", s, allow_zero=True)
    w = np.arange(1, n + 1, dtype=float) ** -s
    return w / w.sum()


class HashRing:
    """A consistent-hashing ring: each node owns ``virtual_nodes`` points on a 64-bit circle.

    Parameters
    ----------
    nodes : iterable of hashable, or mapping of node to int
        Node names, or a mapping from node name to its number of virtual nodes (weights).
    virtual_nodes : int
        Points per node when ``nodes`` is not a mapping.

    Raises
    ------
    CalculationError
        If there are no nodes or a virtual-node count is below 1.
    """

    def __init__(
        self, nodes: Iterable[Hashable] | Mapping[Hashable, int], virtual_nodes: int = 100
    ):
        if isinstance(nodes, Mapping):
            counts = {node: validate.count("virtual_nodes", v) for node, v in nodes.items()}
        else:
            v = validate.count("virtual_nodes", virtual_nodes)
            counts = dict.fromkeys(nodes, v)
        if not counts:
            raise CalculationError("nodes", "a ring needs at least one node")
        self.virtual_nodes = counts
        self._build()

    def _build(self) -> None:
        import numpy as np

        names = list(self.virtual_nodes)
        owner_of_point = [
            i for i, node in enumerate(names) for _ in range(self.virtual_nodes[node])
        ]
        points = _hash_many(
            f"{node}#{j}" for node in names for j in range(self.virtual_nodes[node])
        )
        order = np.argsort(points, kind="stable")
        self.nodes = names
        self._points = points[order]
        self._owners = np.array(owner_of_point)[order]

    def add(self, node: Hashable, virtual_nodes: int = 100) -> HashRing:
        """Return a new ring with ``node`` added (this ring is unchanged).

        Parameters
        ----------
        node : hashable
            The node to add.
        virtual_nodes : int
            Its number of points.

        Returns
        -------
        HashRing
            The larger ring.
        """
        return HashRing({**self.virtual_nodes, node: virtual_nodes})

    def remove(self, node: Hashable) -> HashRing:
        """Return a new ring without ``node`` (this ring is unchanged).

        Parameters
        ----------
        node : hashable
            The node to remove.

        Returns
        -------
        HashRing
            The smaller ring.

        Raises
        ------
        CalculationError
            If the node is not on the ring.
        """
        if node not in self.virtual_nodes:
            raise CalculationError("node", f"{node!r} is not on the ring")
        return HashRing({k: v for k, v in self.virtual_nodes.items() if k != node})

    def _owner_index(self, hashes: Any) -> Any:
        import numpy as np

        i = np.searchsorted(self._points, hashes, side="left")
        return self._owners[np.where(i == len(self._points), 0, i)]

    def lookup(self, key: Hashable) -> Hashable:
        """Return the node that owns ``key``.

        Parameters
        ----------
        key : hashable
            The key.

        Returns
        -------
        hashable
            The owning node.
        """
        return self.lookup_many([key])[0]

    def lookup_many(self, keys: Iterable[Hashable]) -> list[Hashable]:
        """Return the owning node of each key (vectorised search over the sorted ring).

        Parameters
        ----------
        keys : iterable of hashable
            The keys.

        Returns
        -------
        list
            One node per key.
        """
        idx = self._owner_index(_hash_many(keys))
        return [self.nodes[i] for i in idx.tolist()]

    def shares(self) -> dict[Hashable, float]:
        """Share of the hash space each node owns (sums to 1).

        Returns
        -------
        dict
            Node to share.
        """
        import numpy as np

        p = self._points.astype(float) / 2.0**64
        arcs = np.diff(np.concatenate(([p[-1] - 1.0], p)))  # arc ending at each point
        share = np.bincount(self._owners, weights=arcs, minlength=len(self.nodes))
        return dict(zip(self.nodes, share.tolist(), strict=True))


@dataclass(frozen=True)
class KeyMovement:
    """How many keys changed owner when the cluster changed.

    Attributes
    ----------
    nodes_before, nodes_after : int
        Cluster size before and after.
    keys : int
        Keys placed.
    consistent : float
        Share of keys that moved under consistent hashing.
    modulo : float
        Share of keys that moved under ``hash(key) mod n``.
    changed_share : float
        Ring share of the nodes that joined or left: exactly the keys consistent hashing must
        move (it differs from ``1/n`` by the virtual-node imbalance).
    """

    nodes_before: int
    nodes_after: int
    keys: int
    consistent: float
    modulo: float
    changed_share: float

    @property
    def expected_consistent(self) -> float:
        """The ideal: the joining (leaving) node's fair share, ``1 / max(before, after)``."""
        return 1.0 / max(self.nodes_before, self.nodes_after)

    @property
    def expected_modulo(self) -> float:
        """Share moved by ``hash mod n`` for uniform hashes: ``1 - min(a, b) / lcm(a, b)``."""
        a, b = self.nodes_before, self.nodes_after
        return 1.0 - min(a, b) / math.lcm(a, b)

    def summary(self) -> str:
        """One paragraph: moved shares against theory.

        Returns
        -------
        str
            The summary.
        """
        return (
            f"{self.nodes_before} -> {self.nodes_after} nodes, {self.keys:,} keys: "
            f"consistent hashing moved {self.consistent:.1%} (the changed node owned "
            f"{self.changed_share:.1%} of the ring; fair share "
            f"1/{max(self.nodes_before, self.nodes_after)} = {self.expected_consistent:.1%}), "
            f"modulo hashing moved {self.modulo:.1%} (expected {self.expected_modulo:.1%})"
        )


def keys_moved(
    nodes: int,
    change: int = 1,
    *,
    keys: int = 100_000,
    virtual_nodes: int = 100,
    seed: int | None = 0,
) -> KeyMovement:
    """Share of keys that change node when ``change`` nodes join (or leave, if negative).

    Parameters
    ----------
    nodes : int
        Nodes before the change.
    change : int
        Nodes added (positive) or removed (negative); not zero.
    keys : int
        Number of random keys placed.
    virtual_nodes : int
        Points per node on the ring.
    seed : int, optional
        Seed for the keys.

    Returns
    -------
    KeyMovement
        Moved shares for consistent and modulo hashing.

    Raises
    ------
    CalculationError
        If a count is out of range or the change leaves no node.
    """
    import numpy as np

    n = validate.count("nodes", nodes)
    if isinstance(change, bool) or not isinstance(change, int) or change == 0:
        raise CalculationError("change", f"must be a non-zero whole number, got {change!r}")
    after = n + change
    if after < 1:
        raise CalculationError("change", f"{n} nodes {change:+d} leaves no node")
    k = validate.count("keys", keys)
    rng = validate.seed(seed)
    names = [f"node-{i}" for i in range(max(n, after))]
    ring_before = HashRing(names[:n], virtual_nodes)
    ring_after = HashRing(names[:after], virtual_nodes)
    key_hashes = _hash_many(rng.integers(0, 2**63, k).tolist())
    before = ring_before._owner_index(key_hashes)
    now = ring_after._owner_index(key_hashes)
    mod_before = key_hashes % np.uint64(n)
    mod_after = key_hashes % np.uint64(after)
    return KeyMovement(
        nodes_before=n,
        nodes_after=after,
        keys=k,
        consistent=float(np.mean(before != now)),
        modulo=float(np.mean(mod_before != mod_after)),
        changed_share=sum(
            share
            for node, share in (ring_after if change > 0 else ring_before).shares().items()
            if node in names[min(n, after) :]
        ),
    )


@dataclass(frozen=True)
class BalancePoint:
    """Balance of a ring with a given number of virtual nodes per node.

    Attributes
    ----------
    virtual_nodes : int
        Points per node.
    max_mean : float
        Largest node share over the mean share (1 = perfect).
    cv : float
        Coefficient of variation of node shares (theory: about ``1/sqrt(virtual_nodes)``).
    """

    virtual_nodes: int
    max_mean: float
    cv: float


def balance_by_virtual_nodes(
    nodes: int = 10, virtual_nodes: Iterable[int] = (1, 2, 5, 10, 20, 50, 100, 200, 500)
) -> list[BalancePoint]:
    """How evenly ``nodes`` share the ring as the number of virtual nodes grows.

    Parameters
    ----------
    nodes : int
        Number of nodes.
    virtual_nodes : iterable of int
        Virtual-node counts to try.

    Returns
    -------
    list of BalancePoint
        One point per count: max/mean share and coefficient of variation.

    Raises
    ------
    CalculationError
        If a count is not a positive whole number.
    """
    import numpy as np

    n = validate.count("nodes", nodes)
    points = []
    for v in virtual_nodes:
        v = validate.count("virtual_nodes", v)
        shares = np.array(list(HashRing([f"node-{i}" for i in range(n)], v).shares().values()))
        points.append(
            BalancePoint(
                v, float(shares.max() / shares.mean()), float(shares.std() / shares.mean())
            )
        )
    return points
