"""The question model: six question types, validated with pydantic (the bank YAML contract).

Every question has an ``id`` (lowercase letters, digits and hyphens, unique across all banks),
a ``theme`` (a slug from :mod:`tpmprep.themes`), a ``level``, a Markdown ``prompt``, an
``answer`` and an ``explanation``; numeric and estimate questions also need a ``source``.
The ``type`` field picks the model (a discriminated union): ``single``, ``multiple``,
``numeric``, ``estimate``, ``ordering`` or ``text``. Unknown fields are errors, so a typo in a
bank (``tolerence:``) is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

from tpmprep.themes import slug_problem

__all__ = [
    "ID_PATTERN",
    "LEVELS",
    "TYPES",
    "EstimateQuestion",
    "MultipleChoiceQuestion",
    "NumericQuestion",
    "OrderingQuestion",
    "Question",
    "SingleChoiceQuestion",
    "TextQuestion",
    "question_adapter",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LEVELS = ("basic", "intermediate", "advanced")
TYPES = ("single", "multiple", "numeric", "estimate", "ordering", "text")
LETTERS = "ABCDEF"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Level = Literal["basic", "intermediate", "advanced"]


class _Question(BaseModel):
    """Fields every question type shares."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)] = Field(
        description="Unique across all banks: lowercase letters, digits and hyphens."
    )
    theme: str = Field(description="A theme slug from tpmprep.themes (inherited from the file).")
    level: Level = Field(description="basic, intermediate or advanced.")
    prompt: Text = Field(description="The question, in Markdown (raw HTML is shown as text).")
    explanation: Text = Field(
        description="Why the answer is right and why the tempting wrong answers are wrong."
    )
    source: Text | None = Field(
        default=None, description="Where a fact or number comes from (author, title, year, URL)."
    )

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        problem = slug_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @property
    def answer_text(self) -> str:
        """The right answer as plain text (what "show answer" reveals)."""
        return str(getattr(self, "answer", ""))


def _distinct(values: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} appears twice; each must be different")
        seen.add(value)
    return values


class _ChoiceQuestion(_Question):
    choices: Annotated[list[Text], Field(min_length=2, max_length=6)] = Field(
        description="2 to 6 choices, shown lettered A-F in the order written."
    )

    @field_validator("choices")
    @classmethod
    def _distinct_choices(cls, value: list[str]) -> list[str]:
        return _distinct(value, "choice")


def _index_in_range(index: int, info: ValidationInfo) -> int:
    choices = info.data.get("choices")
    if choices is not None and not 0 <= index < len(choices):
        raise ValueError(
            f"index {index} is out of range: there are {len(choices)} choices, "
            f"so use 0 to {len(choices) - 1} (0-based)"
        )
    return index


class SingleChoiceQuestion(_ChoiceQuestion):
    """One right choice among 2-6; ``answer`` is its 0-based index."""

    type: Literal["single"]
    answer: Annotated[int, Field(strict=True)] = Field(description="0-based index of the choice.")

    @field_validator("answer")
    @classmethod
    def _answer_in_range(cls, value: int, info: ValidationInfo) -> int:
        return _index_in_range(value, info)

    @property
    def answer_text(self) -> str:
        """The right choice, lettered (``"B. ..."``)."""
        return f"{LETTERS[self.answer]}. {self.choices[self.answer]}"


class MultipleChoiceQuestion(_ChoiceQuestion):
    """Several right choices; ``answer`` lists their 0-based indices (all and only those)."""

    type: Literal["multiple"]
    answer: Annotated[list[Annotated[int, Field(strict=True)]], Field(min_length=1)] = Field(
        description="0-based indices of every right choice."
    )

    @field_validator("answer")
    @classmethod
    def _indices(cls, value: list[int], info: ValidationInfo) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError(f"indices {value} repeat one; list each right choice once")
        for index in value:
            _index_in_range(index, info)
        return sorted(value)

    @property
    def answer_text(self) -> str:
        """The right choices, lettered, one per line."""
        return "\n".join(f"{LETTERS[i]}. {self.choices[i]}" for i in self.answer)


def _quantity_text(value: Any) -> str:
    from tpmprep.exceptions import QuantityParseError
    from tpmprep.units import Q

    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be a number or text with units, such as '3.6 GB' or '1.2K req/s'")
    try:
        Q(value)
    except QuantityParseError as err:
        raise ValueError(str(err).removeprefix("value: ")) from None
    return str(value)


class _QuantityQuestion(_Question):
    answer: Any = Field(description="Text with units, e.g. '3.6 GB' or '1.2K req/s'.")
    source: Text = Field(description="Where the number comes from; required for numbers.")

    @field_validator("answer")
    @classmethod
    def _answer_readable(cls, value: Any) -> str:
        return _quantity_text(value)

    @property
    def expected(self) -> Any:
        """The answer as a pint quantity."""
        from tpmprep.units import Q

        return Q(self.answer)

    @property
    def answer_text(self) -> str:
        """The answer as written in the bank."""
        return str(self.answer)


class NumericQuestion(_QuantityQuestion):
    """A number with units, accepted within a relative ``tolerance`` (default ±2%)."""

    type: Literal["numeric"]
    tolerance: float = Field(default=0.02, ge=0, lt=1, description="Relative band, 0.05 is ±5%.")


class EstimateQuestion(_QuantityQuestion):
    """An order-of-magnitude estimate, accepted within ``factor`` either way (default 3)."""

    type: Literal["estimate"]
    factor: float = Field(default=3.0, gt=1, le=100, description="Accepted within this factor.")


class OrderingQuestion(_Question):
    """Steps to put in order; ``answer`` lists them in the right order (they are shown shuffled)."""

    type: Literal["ordering"]
    answer: Annotated[list[Text], Field(min_length=3, max_length=10)] = Field(
        description="The steps in the correct order (3 to 10, all different)."
    )

    @field_validator("answer")
    @classmethod
    def _distinct_steps(cls, value: list[str]) -> list[str]:
        return _distinct(value, "step")

    @property
    def answer_text(self) -> str:
        """The steps in order, numbered, one per line."""
        return "\n".join(f"{i}. {step}" for i, step in enumerate(self.answer, 1))


class TextQuestion(_Question):
    """A short written answer the candidate self-assesses against a 3-6 point rubric."""

    type: Literal["text"]
    answer: Text = Field(description="A model answer, in Markdown.")
    rubric: Annotated[list[Text], Field(min_length=3, max_length=6)] = Field(
        description="3 to 6 criteria the candidate ticks."
    )


Question = Annotated[
    SingleChoiceQuestion
    | MultipleChoiceQuestion
    | NumericQuestion
    | EstimateQuestion
    | OrderingQuestion
    | TextQuestion,
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[Any] | None = None


def question_adapter() -> TypeAdapter[Any]:
    """Return the (cached) pydantic adapter that validates one question of any type.

    Returns
    -------
    pydantic.TypeAdapter
        ``question_adapter().validate_python(mapping)`` returns the question's model.
    """
    global _ADAPTER
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(Question)
    return _ADAPTER
