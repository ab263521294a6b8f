"""The exception hierarchy: every error tpmprep raises on purpose is a ``TpmprepError``."""

from __future__ import annotations


class TpmprepError(Exception):
    """Raised for any error tpmprep reports on purpose; catch this to catch them all."""


class InputError(TpmprepError, ValueError):
    """Raised when a value given to tpmprep is unusable; ``parameter`` names the input.

    Parameters
    ----------
    parameter : str
        The name of the argument or field that was wrong.
    message : str
        What was wrong and how to fix it.
    """

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        self.message = message
        super().__init__(f"{parameter}: {message}")


class QuantityParseError(InputError):
    """Raised when text cannot be read as a quantity (unknown unit, syntax, mixed dimensions)."""


class UnknownScenarioError(InputError):
    """Raised when an exercise asks for a scenario id that is not registered."""


class UnknownAnswerError(InputError):
    """Raised when ``check`` is asked about an answer name the scenario does not define."""


class CalculationError(InputError):
    """Raised when a calculator or simulation gets a value it cannot use (negative, NaN, ...)."""


class ScheduleError(InputError):
    """Raised when a plan is inconsistent: a dependency cycle or a task that does not exist."""


class RosterError(InputError):
    """Raised when the roster cannot be used; ``problems`` holds one line per problem.

    Parameters
    ----------
    path : str
        The roster file.
    problems : list of str
        Each names the line and what to fix.
    """

    def __init__(self, path: str, problems: list[str]):
        self.problems = list(problems)
        super().__init__("roster", f"{path}: " + "; ".join(self.problems))


class BankError(TpmprepError, ValueError):
    """Raised when a question bank or card deck is invalid; ``problems`` holds one line each.

    Parameters
    ----------
    problems : list of str
        One line per problem, each naming the file, the question id and the field.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class DocumentError(TpmprepError, ValueError):
    """Raised when a YAML document a person wrote (a design, a plan, a bank) is unusable.

    Parameters
    ----------
    problems : list of str
        One line per problem: ``FILE: WHERE: FIELD: what is wrong and how to fix it``.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class NotebookError(TpmprepError):
    """Raised when a notebook breaks a project convention; names the file and, if known, the cell.

    Parameters
    ----------
    path : str
        The notebook's path.
    message : str
        What is wrong and how to fix it.
    cell_index : int or None
        Index of the offending cell in ``nb.cells`` (0-based), when one cell is to blame.
    """

    def __init__(self, path: str, message: str, cell_index: int | None = None):
        self.path = str(path)
        self.cell_index = cell_index
        where = self.path if cell_index is None else f"{self.path}, cell {cell_index}"
        super().__init__(f"{where}: {message}")


class SolutionMarkerError(NotebookError, ValueError):
    """Raised when solution markers are unclosed, nested or unopened in a solution notebook."""


class ParametersCellError(NotebookError, ValueError):
    """Raised when a solution or exercise lacks a first code cell tagged ``parameters``."""
