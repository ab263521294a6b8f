"""Read the YAML documents tpmprep works with, with one error format for all of them.

Question banks, the flashcard deck, mock prompts, story banks, reference numbers, plans,
program plans and system designs are YAML files a person writes by hand. They all load here,
so every problem reads the same way: ``FILE: WHERE: FIELD: what is wrong and how to fix it``
(``WHERE`` is omitted for a problem with the whole file), one line per problem, and the caller
gets every problem at once instead of the first.

``read_yaml`` parses text or a file into plain data (a safe loader, never Python objects);
``validate`` turns a pydantic model's errors into such lines. A caller collects lines and, if
any, raises :class:`DocumentError`, whose message is all of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tpmprep.exceptions import DocumentError

__all__ = ["DocumentError", "field_path", "read_document", "read_yaml", "validate"]


def read_yaml(source: str | os.PathLike[str], *, name: str | None = None, text: bool = False):
    """Parse a YAML file (or YAML text) into plain data.

    Parameters
    ----------
    source : str or path-like
        A file to read, or, with ``text=True``, the YAML itself.
    name : str, optional
        What to call the document in problems (default: the path, or ``"<text>"``).
    text : bool
        ``source`` is YAML text, not a path.

    Returns
    -------
    tuple
        ``(data, problems)``: the parsed document (``None`` when it could not be read) and a
        list of problem lines (empty when the file parsed).
    """
    import yaml

    label = name or ("<text>" if text else str(source))
    if text:
        content = str(source)
    else:
        try:
            content = Path(source).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, [f"{label}: file: not found; check the path"]
        except IsADirectoryError:
            return None, [f"{label}: file: is a folder; give the path of a .yaml file"]
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            return None, [f"{label}: file: cannot read it ({reason})"]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: about 10x faster
    try:
        data = yaml.load(content, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return None, [
            f"{label}: {where}YAML syntax error: {problem} "
            "(check indentation, colons and quotes around text with ':' or '#')"
        ]
    return data, []


def read_document(source: Any, *, name: str | None = None) -> tuple[Any, str]:
    """Read what a person hands over as a document: a mapping, YAML text or a YAML file's path.

    Text is YAML when it spans lines, starts a flow mapping (``{``) or names no ``.yaml`` file
    that exists; otherwise it is a path.

    Parameters
    ----------
    source : Mapping, str or path-like
        The document.
    name : str, optional
        What to call it in problems (default: the path, ``<text>`` or ``<dict>``).

    Returns
    -------
    tuple
        ``(data, label)``: the plain data and the name problems should use.

    Raises
    ------
    DocumentError
        When the file cannot be read or the text is not YAML; one line per problem.
    """
    if isinstance(source, Mapping):
        return dict(source), name or "<dict>"
    is_text = isinstance(source, str) and (
        "\n" in source
        or source.lstrip().startswith("{")
        or not (source.endswith((".yaml", ".yml")) or Path(source).is_file())
    )
    label = name or ("<text>" if is_text else str(source))
    data, problems = read_yaml(source, name=label, text=is_text)
    if problems:
        raise DocumentError(problems)
    return data, label


def field_path(loc: Sequence[Any]) -> str:
    """Write a pydantic error location as a dotted field path (``flows.read.share``)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]" if parts else f"#{part + 1}")
        elif parts and parts[-1].startswith("["):
            parts[-1] += f".{part}"
        else:
            parts.append(str(part))
    return ".".join(parts).replace(".[", "[")


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field; check its spelling against the documented format"
    if kind == "missing":
        return "required but missing"
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


def validate(model: Any, data: Any, name: str, where: str = "") -> tuple[Any, list[str]]:
    """Validate ``data`` against a pydantic model; return ``(object or None, problem lines)``.

    Parameters
    ----------
    model : type[pydantic.BaseModel] or pydantic.TypeAdapter
        What the data should be.
    data : Any
        Parsed YAML.
    name : str
        The document's name (its path) for the problem lines.
    where : str
        An optional prefix naming the part of the document (``"question q1"``).

    Returns
    -------
    tuple
    """
    from pydantic import TypeAdapter, ValidationError

    adapter = model if isinstance(model, TypeAdapter) else None
    try:
        if adapter is not None:
            return adapter.validate_python(data), []
        return model.model_validate(data), []
    except ValidationError as err:
        prefix = f"{name}: {where}: " if where else f"{name}: "
        return None, [
            f"{prefix}{field_path(e['loc']) or 'file'}: {_message(e)}" for e in err.errors()
        ]
