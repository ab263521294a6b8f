"""The gates each kind of program needs, and where they must sit relative to its milestone.

A gate is a task marked ``gate: <kind>`` in a program plan (see
:mod:`tpmprep.plan.program`). A program's ``kind`` decides which gates it requires and its
milestone (a task marked ``milestone: <name>``):

``launch`` (milestone ``launch``)
    ``security_review``, ``privacy_review``, ``qa``, ``uat`` (user acceptance testing),
    ``launch_readiness``, ``rollback_plan``, ``comms_plan``: all on a path *before* the launch.
``migration`` (milestone ``cutover``)
    ``dual_write`` or ``shadow_read``, ``backfill``, ``verification``, ``rollback_plan`` on a
    path *before* the cutover; ``cutover`` itself (the milestone task counts as the gate);
    ``decommission`` *after* the cutover (the old system goes only once the new one carries
    the traffic).

"Before" means the gate is an ancestor of the milestone in the dependency graph: the
milestone waits for it, directly or through other tasks. A gate that is merely scheduled
earlier by luck does not count, because nothing would stop the launch if it slipped.

Other gate kinds are known but never required (:data:`OPTIONAL_GATES`): a plan may mark a
``compliance_review`` or a ``load_test`` as a gate so that charts show it. A gate kind outside
:data:`GATE_KINDS` is an input error, so a typo (``security-review``) never passes silently
as a missing gate.

This module is data plus two small lookups; the checker that uses it is
:mod:`tpmprep.plan.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GATE_KINDS",
    "MILESTONES",
    "OPTIONAL_GATES",
    "PROGRAM_KINDS",
    "RULES",
    "GateRequirement",
    "ProgramRules",
    "rules_for",
]


@dataclass(frozen=True)
class GateRequirement:
    """One gate a program kind requires.

    Attributes
    ----------
    gate : str
        The gate's canonical name (``"dual_write"``).
    accepts : tuple of str
        Gate kinds that satisfy it (``("dual_write", "shadow_read")``).
    label : str
        How a sentence names it (``"dual write or shadow read"``).
    order : {"before", "after", "milestone"}
        ``"before"``: must be on a path into the milestone; ``"after"``: must come after it
        (on a path out of it); ``"milestone"``: the milestone task itself satisfies it.
    purpose : str
        What the gate protects, in a few words (used in findings and the docs).
    out_of_order : str
        The finding kind reported when the gate is present but on the wrong side of the
        milestone: ``"gate-after-launch"`` or ``"no-rollback-path"``.
    """

    gate: str
    accepts: tuple[str, ...]
    label: str
    order: str
    purpose: str
    out_of_order: str = "gate-after-launch"


@dataclass(frozen=True)
class ProgramRules:
    """What a program kind requires: its milestone and its gates.

    Attributes
    ----------
    kind : str
        ``"launch"`` or ``"migration"``.
    milestone : str
        The milestone the gates are ordered against (``"launch"`` or ``"cutover"``).
    gates : tuple of GateRequirement
        The required gates, in the order a plan usually meets them.
    """

    kind: str
    milestone: str
    gates: tuple[GateRequirement, ...]


_ROLLBACK = "no-rollback-path"

RULES: dict[str, ProgramRules] = {
    "launch": ProgramRules(
        kind="launch",
        milestone="launch",
        gates=(
            GateRequirement(
                "security_review",
                ("security_review",),
                "security review",
                "before",
                "threats and vulnerabilities are reviewed before users are exposed",
            ),
            GateRequirement(
                "privacy_review",
                ("privacy_review",),
                "privacy review",
                "before",
                "personal data handling is reviewed before it is collected",
            ),
            GateRequirement(
                "qa", ("qa",), "QA", "before", "the build is tested against its requirements"
            ),
            GateRequirement(
                "uat",
                ("uat",),
                "user acceptance testing",
                "before",
                "the business confirms the product does what users need",
            ),
            GateRequirement(
                "launch_readiness",
                ("launch_readiness",),
                "launch readiness review",
                "before",
                "a go/no-go decision is taken on evidence",
            ),
            GateRequirement(
                "rollback_plan",
                ("rollback_plan",),
                "rollback plan",
                "before",
                "the launch can be undone if it goes wrong",
                _ROLLBACK,
            ),
            GateRequirement(
                "comms_plan",
                ("comms_plan",),
                "communication plan",
                "before",
                "users, support and partners hear about the change in time",
            ),
        ),
    ),
    "migration": ProgramRules(
        kind="migration",
        milestone="cutover",
        gates=(
            GateRequirement(
                "dual_write",
                ("dual_write", "shadow_read"),
                "dual write or shadow read",
                "before",
                "the new system sees real traffic while the old one still serves it",
            ),
            GateRequirement(
                "backfill",
                ("backfill",),
                "backfill",
                "before",
                "historical data is copied to the new system",
            ),
            GateRequirement(
                "verification",
                ("verification",),
                "verification",
                "before",
                "old and new data are shown to match",
            ),
            GateRequirement(
                "cutover",
                ("cutover",),
                "cutover",
                "milestone",
                "traffic moves to the new system at a chosen moment",
            ),
            GateRequirement(
                "rollback_plan",
                ("rollback_plan",),
                "rollback plan",
                "before",
                "traffic can move back if the new system misbehaves",
                _ROLLBACK,
            ),
            GateRequirement(
                "decommission",
                ("decommission",),
                "decommission",
                "after",
                "the old system is retired only once the new one carries the traffic",
                _ROLLBACK,
            ),
        ),
    ),
}

#: Program kinds, in documentation order.
PROGRAM_KINDS: tuple[str, ...] = tuple(RULES)

#: Milestone names a task may carry (``milestone: launch``).
MILESTONES: tuple[str, ...] = ("launch", "cutover")

#: Gate kinds that are known but no program kind requires.
OPTIONAL_GATES: tuple[str, ...] = (
    "compliance_review",
    "legal_review",
    "accessibility_review",
    "load_test",
    "canary",
    "beta",
    "change_freeze",
    "hardware_validation",
)

#: Every gate kind a task may carry, required ones first.
GATE_KINDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [g for rules in RULES.values() for req in rules.gates for g in req.accepts]
        + list(OPTIONAL_GATES)
    )
)


def rules_for(kind: str) -> ProgramRules:
    """Return the rules of a program kind.

    Parameters
    ----------
    kind : str
        ``"launch"`` or ``"migration"``.

    Returns
    -------
    ProgramRules

    Raises
    ------
    InputError
        For an unknown kind (names the known ones).
    """
    from tpmprep.exceptions import InputError

    try:
        return RULES[kind]
    except KeyError:
        raise InputError(
            "kind", f"unknown program kind {kind!r}; use one of {', '.join(PROGRAM_KINDS)}"
        ) from None
