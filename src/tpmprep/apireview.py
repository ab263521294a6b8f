"""Review an OpenAPI 3 description for the mistakes an API design review catches first.

A pure function over the parsed document (a ``dict``, e.g. from ``yaml.safe_load``)::

    from tpmprep.apireview import review_openapi
    for finding in review_openapi(spec):
        print(finding)

Rules (each finding names its rule, where it is, and what to do):

* ``verb-in-path``: a path segment is a verb (``/createOrder``, ``/orders/get``); resources are
  nouns and the HTTP method is the verb.
* ``list-without-pagination``: a ``GET`` returns a list (an array, or an object with an array
  property) and takes none of the usual paging parameters (``limit``, ``cursor``, ...).
* ``post-without-idempotency-key``: a ``POST`` has no ``Idempotency-Key`` header parameter, so a
  client cannot retry it safely after a timeout.
* ``missing-error-responses``: an operation documents no 4xx, 5xx or ``default`` response.
* ``no-versioning``: neither the paths nor the server URLs carry a version (``/v1``).
* ``no-security-scheme``: the document declares no security scheme, or no operation requires one.

The checks are heuristics for teaching and review, not a validator: they do not check that the
document is valid OpenAPI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import InputError

__all__ = ["Finding", "review_openapi"]

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
VERBS = frozenset(
    [
        "get",
        "fetch",
        "list",
        "create",
        "add",
        "make",
        "update",
        "set",
        "modify",
        "edit",
        "delete",
        "remove",
        "cancel",
        "do",
        "process",
        "send",
        "retrieve",
        "find",
        "compute",
        "calculate",
    ]
)
PAGING = frozenset(
    [
        "limit",
        "page",
        "page_size",
        "pagesize",
        "per_page",
        "perpage",
        "cursor",
        "after",
        "before",
        "starting_after",
        "ending_before",
        "page_token",
        "pagetoken",
        "next_token",
        "offset",
    ]
)
_VERSION = re.compile(r"(^|/)v\d+(\.\d+)?(/|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem found in the description.

    Attributes
    ----------
    rule : str
        The rule's name, e.g. ``"verb-in-path"``.
    where : str
        The operation (``"POST /orders"``), the path, or ``"document"``.
    message : str
        What is wrong and how to fix it.
    """

    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


def _words(segment: str) -> list[str]:
    """Split ``createOrder``, ``create-order`` or ``create_order`` into lower-case words."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", segment)
    return [w.lower() for w in re.split(r"[\s_\-.]+", spaced) if w]


def _resolve(spec: dict, node: Any) -> Any:
    """Follow a local ``$ref`` (``#/components/...``); return other nodes unchanged."""
    for _ in range(20):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _parameters(spec: dict, path_item: dict, operation: dict) -> list[dict]:
    params = list(path_item.get("parameters") or []) + list(operation.get("parameters") or [])
    return [p for p in (_resolve(spec, p) for p in params) if isinstance(p, dict)]


def _returns_list(spec: dict, operation: dict) -> bool:
    responses = operation.get("responses") or {}
    for code, response in responses.items():
        if not str(code).startswith("2"):
            continue
        content = (_resolve(spec, response) or {}).get("content") or {}
        for media in content.values():
            schema = _resolve(spec, (media or {}).get("schema") or {})
            if schema.get("type") == "array":
                return True
            properties = schema.get("properties") or {}
            if any(_resolve(spec, p).get("type") == "array" for p in properties.values()):
                return True
    return False


def _check_operation(spec, path, path_item, method, operation) -> list[Finding]:
    where = f"{method.upper()} {path}"
    found: list[Finding] = []
    params = _parameters(spec, path_item, operation)
    if method == "get" and not path.rstrip("/").endswith("}") and _returns_list(spec, operation):
        names = {str(p.get("name", "")).lower() for p in params if p.get("in") == "query"}
        if not names & PAGING:
            found.append(
                Finding(
                    "list-without-pagination",
                    where,
                    "returns a list but takes no paging parameter; add `limit` and an opaque "
                    "`cursor` (or `starting_after`) and return the next cursor",
                )
            )
    if method == "post":
        headers = {str(p.get("name", "")).lower() for p in params if p.get("in") == "header"}
        if "idempotency-key" not in headers:
            found.append(
                Finding(
                    "post-without-idempotency-key",
                    where,
                    "a POST is not idempotent; accept an `Idempotency-Key` header so clients "
                    "can retry after a timeout without creating a duplicate",
                )
            )
    codes = [str(c) for c in (operation.get("responses") or {})]
    if not any(c[0] in "45" or c == "default" for c in codes):
        found.append(
            Finding(
                "missing-error-responses",
                where,
                "documents no error response; list the 4xx/5xx it returns (400, 401, 404, "
                "409, 429, ...) with one error format (e.g. RFC 9457 problem details)",
            )
        )
    return found


def review_openapi(spec: dict) -> list[Finding]:
    """Review an OpenAPI 3 description and return its findings (empty when none).

    Parameters
    ----------
    spec : dict
        The parsed document, with ``openapi`` (``"3.x.y"``) and ``paths``.

    Returns
    -------
    list of Finding
        Path-level and operation-level findings in document order, then document-level ones.

    Raises
    ------
    InputError
        If ``spec`` is not a mapping, is not OpenAPI 3, or has no ``paths`` mapping.
    """
    if not isinstance(spec, dict):
        raise InputError(
            "spec", f"must be a dict (a parsed OpenAPI document), got {type(spec).__name__}"
        )
    version = str(spec.get("openapi", ""))
    if not version.startswith("3"):
        raise InputError(
            "spec", f"must be OpenAPI 3 (an 'openapi: 3.x' field), got openapi={version or None!r}"
        )
    paths = spec.get("paths")
    if not isinstance(paths, dict):
        raise InputError("spec", "must have a 'paths' mapping of path -> operations")

    findings: list[Finding] = []
    secured = bool(spec.get("security"))
    for path, path_item in paths.items():
        path_item = _resolve(spec, path_item) if isinstance(path_item, dict) else {}
        for segment in str(path).strip("/").split("/"):
            if segment.startswith("{"):
                continue
            words = _words(segment)
            if words and words[0] in VERBS:
                findings.append(
                    Finding(
                        "verb-in-path",
                        str(path),
                        f"segment {segment!r} is a verb; name the resource (a noun) and let "
                        "the HTTP method say what happens",
                    )
                )
                break
        for method in METHODS:
            operation = path_item.get(method)
            if isinstance(operation, dict):
                secured = secured or bool(operation.get("security"))
                findings.extend(_check_operation(spec, str(path), path_item, method, operation))

    servers = [str(s.get("url", "")) for s in spec.get("servers") or [] if isinstance(s, dict)]
    if not any(_VERSION.search(p) for p in list(paths) + servers):
        findings.append(
            Finding(
                "no-versioning",
                "document",
                "no version in the paths or server URLs; put a major version in the path "
                "(/v1) or document a version header, before the first client ships",
            )
        )
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    if not schemes or not secured:
        findings.append(
            Finding(
                "no-security-scheme",
                "document",
                "declares no security scheme or requires none; declare one (OAuth 2.0, an API "
                "key, mutual TLS) and require it globally with `security`",
            )
        )
    return findings
