"""The result of ``check()``: feedback a candidate reads and a record an instructor grades.

A ``CheckResult`` displays as text and HTML and carries a machine-readable record under its
own MIME type, ``application/vnd.tpmprep.check+json``, so a saved notebook can be graded
without running candidate code. The record never contains the expected value: an exercise
notebook's output must not give the answer away.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from tpmprep.judging import Judgement, Verdict

__all__ = ["MIME_TYPE", "RECORD_VERSION", "CheckResult", "given_text"]

MIME_TYPE = "application/vnd.tpmprep.check+json"
RECORD_VERSION = 1
_MAX_GIVEN = 200  # characters of the raw answer kept in the record

_SYMBOL = {Verdict.CORRECT: "✓", Verdict.INCORRECT: "✗", Verdict.UNANSWERED: "…"}
_COLOUR = {Verdict.CORRECT: "#1a7f37", Verdict.INCORRECT: "#cf222e", Verdict.UNANSWERED: "#6e7781"}


def given_text(given: Any) -> str:
    """Return an answer as typed, shortened for a record."""
    text = "..." if given is Ellipsis else str(given)
    return text if len(text) <= _MAX_GIVEN else text[: _MAX_GIVEN - 1] + "…"


@dataclass(frozen=True)
class CheckResult:
    """One checked answer of one exercise.

    Attributes
    ----------
    scenario, seed, candidate : str, int, str
        Which exercise instance this was (from the notebook's parameters).
    answer, label : str
        The answer's name (``"peak_qps"``) and its human label.
    unit, tolerance : str
        The expected unit and the tolerance, as shown to the candidate.
    given : str
        The answer as typed, shortened to 200 characters.
    judgement : Judgement
        The verdict and its reason.
    shown : str
        The answer as read, formatted compactly (empty when it could not be read).
    artefact : str
        For a design or a plan: the whole artefact as YAML, kept in the record so a grader
        re-judges exactly what was submitted (empty for a number).
    """

    scenario: str
    seed: int
    candidate: str
    answer: str
    label: str
    unit: str
    tolerance: str
    given: str
    judgement: Judgement
    shown: str = ""
    artefact: str = ""

    @property
    def correct(self) -> bool:
        """Whether the answer was accepted."""
        return self.judgement.correct

    def record(self) -> dict[str, Any]:
        """Return the machine-readable record (JSON types only, no expected value)."""
        return {
            "version": RECORD_VERSION,
            "scenario": self.scenario,
            "seed": self.seed,
            "candidate": self.candidate,
            "answer": self.answer,
            "given": self.given,
            "value": self.judgement.value,
            "unit": self.unit,
            "verdict": self.judgement.verdict,
            "correct": self.correct,
            **({"artefact": self.artefact} if self.artefact else {}),
        }

    def _headline(self) -> str:
        verdict = self.judgement.verdict
        if self.artefact and verdict in (Verdict.CORRECT, Verdict.INCORRECT):
            return f"{self.label}: {self.judgement.reason}"
        if verdict == Verdict.CORRECT:
            return f"{self.label}: {self.shown} is correct ({self.tolerance})."
        if verdict == Verdict.INCORRECT:
            return f"{self.label}: {self.shown} is not right: {self.judgement.reason}"
        if verdict == Verdict.UNANSWERED:
            return f"{self.label}: {self.judgement.reason}"
        return f"{self.label}: could not judge {self.given!r}: {self.judgement.reason}"

    def text(self) -> str:
        """Return the feedback as plain text (deterministic, so notebooks can compare it)."""
        symbol = _SYMBOL.get(self.judgement.verdict, "!")
        lines = [f"{symbol} {self._headline()}"]
        if self.judgement.note:
            lines.append(f"  ({self.judgement.note})")
        if self.judgement.verdict == Verdict.INCORRECT and not self.artefact:
            unit = f", in {self.unit}" if self.unit else ""
            lines.append(f"  Accepted: {self.tolerance} of the expected value{unit}.")
        return "\n".join(lines)

    def html(self) -> str:
        """Return the feedback as HTML; everything from the candidate is escaped."""
        colour = _COLOUR.get(self.judgement.verdict, "#9a6700")
        body = "<br>".join(html.escape(line.strip()) for line in self.text().splitlines())
        return (
            f'<div class="tpmprep-check tpmprep-{self.judgement.verdict}" '
            f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">{body}</div>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/plain": self.text(), "text/html": self.html(), MIME_TYPE: self.record()}
