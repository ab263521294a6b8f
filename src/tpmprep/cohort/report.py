"""The grading reports: ``grades.csv``, ``answers.csv``, ``feedback/<slug>.md``, item analysis.

Text that comes from candidates (names, answers) is made inert: spreadsheet formulas are
defused in the CSV files (a leading ``=``, ``+``, ``@`` or ``-`` not followed by a digit gets a
``'``) and Markdown/HTML is escaped in the feedback files.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tpmprep.cohort.grade import NotebookGrade
from tpmprep.judging import Verdict

__all__ = [
    "ANSWER_COLUMNS",
    "GRADE_COLUMNS",
    "ITEM_COLUMNS",
    "Item",
    "feedback_markdown",
    "item_analysis",
    "write_reports",
]

GRADE_COLUMNS = [
    "candidate_id",
    "name",
    "notebook",
    "scenario",
    "seed",
    "status",
    "score",
    "answered",
    Verdict.CORRECT,
    "total",
    "flags",
    "reason",
]
ANSWER_COLUMNS = [
    "candidate_id",
    "notebook",
    "answer",
    "given",
    "expected",
    "unit",
    "tolerance",
    "verdict",
    "explanation",
]
ITEM_COLUMNS = [
    "notebook",
    "answer",
    "label",
    "graded",
    Verdict.CORRECT,
    Verdict.INCORRECT,
    Verdict.UNANSWERED,
    "other",
    "pct_correct",
]
_HARDEST = 15
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def cell(text: object) -> str:
    """Return ``text`` safe for a spreadsheet cell (formulas defused)."""
    value = str(text)
    if value[:1] in ("=", "+", "@", "\t", "\r") or (value[:1] == "-" and not value[1:2].isdigit()):
        return "'" + value
    return value


def md(text: object) -> str:
    """Return ``text`` as inert Markdown: one line, HTML and Markdown syntax escaped."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _csv(rows: list[list[object]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass(frozen=True)
class Item:
    """How the cohort did on one answer of one exercise."""

    notebook: str
    answer: str
    label: str
    graded: int
    correct: int
    incorrect: int
    unanswered: int
    other: int

    @property
    def pct_correct(self) -> float:
        """Share of the graded notebooks that got it right, in percent."""
        return round(100.0 * self.correct / self.graded, 1) if self.graded else 0.0


def item_analysis(grades: list[NotebookGrade]) -> list[Item]:
    """Return one ``Item`` per answer over the graded notebooks, hardest first."""
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[tuple[str, str], str] = {}
    for grade in grades:
        if grade.status not in ("ok", "flagged"):
            continue
        for a in grade.answers:
            key = (grade.notebook, a.answer)
            labels[key] = a.label
            counted = (Verdict.CORRECT, Verdict.INCORRECT, Verdict.UNANSWERED)
            bucket = a.verdict if a.verdict in counted else "other"
            counts[key][bucket] += 1
            counts[key]["graded"] += 1
    items = [
        Item(
            nb,
            ans,
            labels[(nb, ans)],
            c["graded"],
            c[Verdict.CORRECT],
            c[Verdict.INCORRECT],
            c[Verdict.UNANSWERED],
            c["other"],
        )
        for (nb, ans), c in counts.items()
    ]
    return sorted(items, key=lambda i: (i.pct_correct, i.notebook, i.answer))


def feedback_markdown(candidate: str, grades: list[NotebookGrade]) -> str:
    """Return one candidate's feedback: per notebook, each answer given, expected and verdict."""
    total = sum(g.total for g in grades)
    correct = sum(g.correct for g in grades)
    lines = [
        f"# Feedback for {md(candidate)}",
        "",
        f"{correct} of {total} answers accepted across {len(grades)} exercises.",
        "",
    ]
    symbols = {"correct": "✓", "incorrect": "✗", "unanswered": "…", "tampered": "⚠"}
    for g in grades:
        lines += [f"## {md(g.notebook)}", ""]
        if g.status in ("missing", "error"):
            lines += [f"**Not graded** ({g.status}): {md(g.reason)}", ""]
            continue
        lines.append(f"Score {g.score:g}% ({g.correct}/{g.total} correct, {g.answered} answered).")
        if g.flags:
            lines.append(f"Flags: {md(', '.join(g.flags))}.")
        if g.reason:
            lines.append(f"Note: {md(g.reason)}")
        lines += [
            "",
            "| | Answer | Given | Expected | Verdict | Explanation |",
            "|---|---|---|---|---|---|",
        ]
        for a in g.answers:
            given = md(a.given) if a.given else "—"
            lines.append(
                f"| {symbols.get(a.verdict, '!')} | {md(a.label)} | {given} | "
                f"{md(a.expected)} ({md(a.tolerance)}) | {a.verdict} | {md(a.explanation)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _plot(items: list[Item], path: Path, cohort_size: int) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    hardest = items[:_HARDEST][::-1]
    fig = Figure(figsize=(9, 1.2 + 0.38 * max(1, len(hardest))), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = [f"{i.notebook.removesuffix('.ipynb')}: {i.answer}" for i in hardest]
    values = [i.pct_correct for i in hardest]
    bars = ax.barh(range(len(hardest)), values, color="#cf222e")
    ax.set_yticks(range(len(hardest)), labels, fontsize=8)
    ax.set_xlim(0, 100)
    for bar, item in zip(bars, hardest, strict=True):
        ax.text(
            min(bar.get_width() + 1, 92),
            bar.get_y() + bar.get_height() / 2,
            f"{item.correct}/{item.graded}",
            va="center",
            fontsize=7,
        )
    ax.set_xlabel("candidates whose answer was accepted (%)")
    ax.set_ylabel("answer (exercise: name)")
    ax.set_title(f"Hardest answers across the cohort ({cohort_size} candidates)")
    fig.tight_layout()
    fig.savefig(path, format="png")


def write_reports(grades: list[NotebookGrade], out: Path) -> dict[str, Path]:
    """Write every report under ``out``; return their paths by name.

    Files: ``grades.csv`` (a row per candidate and notebook), ``answers.csv`` (a row per
    answer), ``feedback/<slug>.md`` (one per candidate), ``item_analysis.csv`` and
    ``item_analysis.png``.
    """
    from tpmprep.files import atomic_write_text

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    grade_rows, answer_rows = [], []
    by_candidate: dict[str, list[NotebookGrade]] = defaultdict(list)
    for g in grades:
        grade_rows.append(
            [
                cell(g.candidate_id),
                cell(g.name),
                g.notebook,
                g.scenario,
                g.seed,
                g.status,
                f"{g.score:g}",
                g.answered,
                g.correct,
                g.total,
                ";".join(g.flags),
                cell(g.reason),
            ]
        )
        for a in g.answers:
            answer_rows.append(
                [
                    cell(g.candidate_id),
                    g.notebook,
                    a.answer,
                    cell(a.given),
                    a.expected,
                    a.unit,
                    a.tolerance,
                    a.verdict,
                    cell(a.explanation),
                ]
            )
        by_candidate[g.folder].append(g)
    paths = {
        "grades": out / "grades.csv",
        "answers": out / "answers.csv",
        "item_csv": out / "item_analysis.csv",
        "item_png": out / "item_analysis.png",
        "feedback": out / "feedback",
    }
    atomic_write_text(paths["grades"], _csv(grade_rows, GRADE_COLUMNS))
    atomic_write_text(paths["answers"], _csv(answer_rows, ANSWER_COLUMNS))
    for folder, own in by_candidate.items():
        name = own[0].name or own[0].candidate_id
        atomic_write_text(paths["feedback"] / f"{folder}.md", feedback_markdown(name, own) + "\n")
    items = item_analysis(grades)
    atomic_write_text(
        paths["item_csv"],
        _csv(
            [
                [
                    i.notebook,
                    i.answer,
                    cell(i.label),
                    i.graded,
                    i.correct,
                    i.incorrect,
                    i.unanswered,
                    i.other,
                    f"{i.pct_correct:g}",
                ]
                for i in items
            ],
            ITEM_COLUMNS,
        ),
    )
    _plot(items, paths["item_png"], len(by_candidate))
    return paths
