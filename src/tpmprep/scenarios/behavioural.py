"""Scenarios for the Behavioural interviews exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

COUNT = Tolerance(rel=0)  # counts of stories and principles are exact

#: (title, situation, task, action, result with a number). A candidate's seed picks which
#: stories are in the bank, which of the principles each can plausibly show (``FITS``) it is
#: tagged with, which results went vague and which part was never written.
STORIES = (
    (
        "Checkout latency before peak",
        "Two weeks before the holiday peak, p99 checkout latency had doubled.",
        "I owned launch readiness for checkout.",
        "I traced the slowdown to a new fraud call, got it made asynchronous and ran a load test.",
        "p99 fell from 1.8 s to 850 ms, with 0 checkout incidents in peak week.",
    ),
    (
        "Payments migration across two teams",
        "Card traffic had to move to a new processor before the old contract ended.",
        "I was the TPM accountable for the cut-over plan.",
        "I split the migration into 5 merchant cohorts with a rollback switch for each.",
        "100% of traffic moved in 6 weeks, 2 weeks early, with no rise in failed payments.",
    ),
    (
        "Pushing back on a launch date",
        "Leadership wanted a launch date that skipped the security review.",
        "I had to recommend ship or slip.",
        "I wrote a one-page risk note with the 3 open findings and met the VP with the owner.",
        "We slipped 3 weeks; the launch had 0 Sev-1 incidents and 40% adoption in month one.",
    ),
    (
        "Renegotiating a logging vendor",
        "Our logging bill grew faster than traffic.",
        "I was asked to cut cost without losing incident visibility.",
        "I sampled debug logs, moved old logs to cold storage and ran a vendor bake-off.",
        "Saved $410K a year with no change in time to detect incidents.",
    ),
    (
        "Mentoring a new TPM",
        "A new TPM joined mid-program with no payments background.",
        "I was her onboarding buddy.",
        "I paired with her on two reviews, then let her run the third with me as backup.",
        "She ran her own program within 4 months; 2 of her 3 launches were on time.",
    ),
    (
        "The dashboard nobody trusted",
        "Two teams quoted different conversion numbers in the same review.",
        "I volunteered to reconcile them.",
        "I rebuilt the funnel query step by step and found a join that double-counted retries.",
        "Removed a 12% double count; the corrected metric changed 1 roadmap decision.",
    ),
    (
        "Incident on launch day",
        "Minutes after launch, the error rate on sign-up jumped.",
        "I was the incident commander.",
        "I froze deploys, rolled back the feature flag and ran the postmortem without blame.",
        "Restored service in 38 minutes; errors fell from 9% to 0.2%.",
    ),
    (
        "Stopping a project customers did not need",
        "A five-engineer project was building a feature from one sales anecdote.",
        "I had to decide whether to keep funding it.",
        "I interviewed 12 customers and read 200 support tickets before the checkpoint.",
        "We stopped it and fixed the top ticket driver instead; tickets fell 30%.",
    ),
    (
        "Simplifying the release process",
        "Releases took two days of manual checks.",
        "I led the release-process working group.",
        "I mapped every step, automated the 6 checks that never failed and cut the approvals.",
        "Release time fell from 2 days to 3 hours; releases went from weekly to daily.",
    ),
    (
        "Winning over a sceptical partner team",
        "Our launch needed an API change from a team with other priorities.",
        "I had to get it on their roadmap without authority over them.",
        "I showed how the change cut their own on-call load and offered one of our engineers.",
        "They committed 2 engineers and the integration shipped in 1 quarter.",
    ),
    (
        "Accessibility gaps before launch",
        "An audit found accessibility gaps three weeks before launch.",
        "I had to decide what blocked the launch.",
        "I triaged each finding with design and legal and staffed the blockers first.",
        "Fixed 27 issues before launch and had 0 accessibility complaints in the first quarter.",
    ),
    (
        "Data we should not have kept",
        "A privacy review found logs kept far beyond their purpose.",
        "I owned the clean-up program.",
        "I got each team to name an owner and a retention period, then automated deletion.",
        "Deleted 1.2 PB we no longer needed; storage cost fell 18%.",
    ),
)
VAGUE_RESULT = "It went well and the stakeholders were pleased."
#: Principles each story can plausibly show (a draft bank tags a story with some of them).
FITS = {
    "Checkout latency before peak": (
        "Customer Obsession",
        "Dive Deep",
        "Deliver Results",
        "Ownership",
        "Insist on the Highest Standards",
        "Bias for Action",
    ),
    "Payments migration across two teams": (
        "Deliver Results",
        "Ownership",
        "Earn Trust",
        "Invent and Simplify",
        "Bias for Action",
        "Think Big",
    ),
    "Pushing back on a launch date": (
        "Have Backbone; Disagree and Commit",
        "Insist on the Highest Standards",
        "Earn Trust",
        "Customer Obsession",
        "Success and Scale Bring Broad Responsibility",
        "Are Right, A Lot",
    ),
    "Renegotiating a logging vendor": (
        "Frugality",
        "Invent and Simplify",
        "Dive Deep",
        "Deliver Results",
        "Ownership",
    ),
    "Mentoring a new TPM": (
        "Hire and Develop the Best",
        "Strive to be Earth's Best Employer",
        "Earn Trust",
        "Learn and Be Curious",
        "Ownership",
    ),
    "The dashboard nobody trusted": (
        "Dive Deep",
        "Are Right, A Lot",
        "Earn Trust",
        "Learn and Be Curious",
        "Insist on the Highest Standards",
        "Ownership",
    ),
    "Incident on launch day": (
        "Bias for Action",
        "Ownership",
        "Customer Obsession",
        "Dive Deep",
        "Earn Trust",
        "Insist on the Highest Standards",
    ),
    "Stopping a project customers did not need": (
        "Customer Obsession",
        "Have Backbone; Disagree and Commit",
        "Frugality",
        "Are Right, A Lot",
        "Dive Deep",
        "Learn and Be Curious",
    ),
    "Simplifying the release process": (
        "Invent and Simplify",
        "Bias for Action",
        "Insist on the Highest Standards",
        "Frugality",
        "Deliver Results",
        "Strive to be Earth's Best Employer",
    ),
    "Winning over a sceptical partner team": (
        "Earn Trust",
        "Ownership",
        "Deliver Results",
        "Think Big",
        "Invent and Simplify",
    ),
    "Accessibility gaps before launch": (
        "Customer Obsession",
        "Success and Scale Bring Broad Responsibility",
        "Insist on the Highest Standards",
        "Have Backbone; Disagree and Commit",
        "Deliver Results",
        "Bias for Action",
    ),
    "Data we should not have kept": (
        "Success and Scale Bring Broad Responsibility",
        "Ownership",
        "Frugality",
        "Dive Deep",
        "Insist on the Highest Standards",
        "Invent and Simplify",
    ),
}


@register
class StoryBankAudit(Scenario):
    """A candidate's story bank, audited against Amazon's 16 Leadership Principles."""

    id = "behavioural/story-bank"
    title = "Audit a story bank before an Amazon loop"
    story = """
Your interview loop is in a week: five interviewers, each probing two or three Leadership
Principles. You have drafted **{stories}** stories (the table below; `sc.bank()` returns them as a
`StoryBank` with all four STAR parts). A story you honestly tell for at most **{max_principles}**
principles is safe; tagged with more, it is stretched, and two interviewers may hear it twice.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the stories and their tags; redrawn until every warning kind can be counted."""
        from tpmprep.practice.stories import StoryBank, amazon_principles

        principles = amazon_principles()
        for _ in range(1000):
            n = rng.choice([6, 7, 8, 9])
            k = rng.choice([2, 3])
            picked = rng.sample(range(len(STORIES)), n)
            stories = []
            for i in picked:
                title, situation, task, action, result = STORIES[i]
                fits = FITS[title]
                tags = rng.sample(fits, min(len(fits), rng.choice([1, 2, 2, 3, 3, 4, 5, 6])))
                stories.append(
                    {
                        "title": title,
                        "principles": sorted(tags, key=principles.index),
                        "situation": situation,
                        "task": "" if rng.random() < 0.15 else task,
                        "action": action,
                        "result": VAGUE_RESULT if rng.random() < 0.25 else result,
                    }
                )
            bank = StoryBank(stories)
            cover = bank.coverage()
            kinds = {w.kind for w in bank.warnings(k)}
            singles = sum(1 for t in cover.values() if len(t) == 1)
            if (
                {"uncovered", "reuse"} <= kinds
                and ({"no-number", "missing-part"} & kinds)
                and singles
            ):
                self._stories = stories
                return {
                    "stories": Given("Stories in the bank", Q(n)),
                    "max_principles": Given("Most principles one story may be told for", Q(k)),
                }
        raise AssertionError("no draw gave every warning kind")  # pragma: no cover

    def bank(self):
        """Return this candidate's stories as a :class:`tpmprep.practice.stories.StoryBank`."""
        from tpmprep.practice.stories import StoryBank

        return StoryBank(self._stories)

    def brief_markdown(self) -> str:
        """Return the story, the numbers and a table of the stories (title, tags, result)."""
        rows = "\n".join(
            f"| {s['title']} | {' · '.join(s['principles'])} | {s['result']}"
            + (" *(no task written)*" if not s["task"] else "")
            + " |"
            for s in self._stories
        )
        return (
            super().brief_markdown()
            + f"\n| Story | Tagged principles | Result |\n|---|---|---|\n{rows}\n"
        )

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers with the story bank's own analysis."""
        bank = self.bank()
        k = int(self.max_principles.magnitude)
        cover = bank.coverage()
        uncovered = len(bank.uncovered())
        warnings = bank.warnings(k)
        to_fix = {w.subject for w in warnings if w.kind in ("no-number", "missing-part")}
        return {
            "uncovered": Answer("Principles with no story", Q(uncovered), "", COUNT),
            "coverage_percent": Answer(
                "Share of the 16 principles with at least one story",
                Q(100 * (1 - uncovered / len(bank.principles)), "percent"),
                "percent",
                Tolerance(rel=0.02),
            ),
            "single_story": Answer(
                "Principles resting on exactly one story",
                Q(sum(1 for t in cover.values() if len(t) == 1)),
                "",
                COUNT,
            ),
            "most_reused": Answer(
                "Principles the most-tagged story is tagged with",
                Q(max(len(s.principles) for s in bank.stories)),
                "",
                COUNT,
            ),
            "overused_stories": Answer(
                "Stories tagged with more principles than the limit",
                Q(sum(1 for w in warnings if w.kind == "reuse")),
                "",
                COUNT,
            ),
            "min_new_stories": Answer(
                "Fewest new stories that cover every gap, within the limit",
                Q(math.ceil(uncovered / k)),
                "",
                COUNT,
            ),
            "stories_to_fix": Answer(
                "Stories with a vague result or a missing STAR part", Q(len(to_fix)), "", COUNT
            ),
        }


@register
class StarTiming(Scenario):
    """Timing a STAR answer: words at a speaking rate, and what to cut for two minutes."""

    id = "behavioural/star-timing"
    title = "Two minutes, not five: timing a STAR answer"
    story = """
You wrote out your "tell me about a time you disagreed with a senior leader" story and counted
the words of each part: situation **{situation_words}**, task **{task_words}**, action
**{action_words}**, result **{result_words}**. Read aloud against a timer, you speak at
**{rate}** (words per minute). You aim to give the first answer in about **{target}**, leaving
the rest of the slot for the interviewer's follow-ups, where most of the signal is.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw word counts that always run over the target."""
        rate = rng.choice([125, 135, 145, 155, 165])
        target = 2
        for _ in range(1000):
            parts = {
                "situation_words": rng.randrange(60, 200, 5),
                "task_words": rng.randrange(20, 90, 5),
                "action_words": rng.randrange(90, 260, 5),
                "result_words": rng.randrange(15, 70, 5),
            }
            if sum(parts.values()) >= rate * target + 30:
                break
        labels = {
            "situation_words": "Words in the situation",
            "task_words": "Words in the task",
            "action_words": "Words in the action",
            "result_words": "Words in the result",
        }
        givens = {k: Given(labels[k], Q(v)) for k, v in parts.items()}
        givens["rate"] = Given("Your speaking rate", Q(rate, "1/min"))
        givens["target"] = Given("Target length of the first answer", Q(target, "min"))
        return givens

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers."""
        total = (
            self.situation_words + self.task_words + self.action_words + self.result_words
        ).magnitude
        minutes = Q(total, "") / self.rate
        cut = Q(total) - (self.rate * self.target).to("")
        setup = (self.situation_words + self.task_words).magnitude
        return {
            "minutes": Answer(
                "Length of the answer as written", minutes.to("min"), "min", Tolerance(rel=0.03)
            ),
            "words_to_cut": Answer("Words to cut to fit the target", cut, "", Tolerance(rel=0.05)),
            "setup_share": Answer(
                "Share of the answer spent on situation and task",
                Q(100 * setup / total, "percent"),
                "percent",
                Tolerance(rel=0.03),
            ),
            "result_seconds": Answer(
                "Seconds spent on the result",
                (self.result_words / self.rate).to("s"),
                "s",
                Tolerance(rel=0.05),
            ),
        }
