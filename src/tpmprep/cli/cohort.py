"""``tpmprep cohort``: personalised copies for a cohort and grading of what comes back."""

from __future__ import annotations
