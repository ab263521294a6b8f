"""The OpenAPI review_openapi helper: each rule fires on the flaw it names, quiet on a good spec."""

from __future__ import annotations

import copy

import pytest
import yaml

from tpmprep.apireview import Finding, review_openapi
from tpmprep.exceptions import InputError

GOOD = yaml.safe_load(
    """
openapi: 3.1.0
info: {title: Orders, version: "1.0"}
servers: [{url: "https://api.example.com/v1"}]
security: [{oauth: [orders.read]}]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: "https://auth.example.com/token"
          scopes: {orders.read: read}
  parameters:
    IdempotencyKey: {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
  schemas:
    OrderList:
      type: object
      properties:
        data: {type: array, items: {type: object}}
        next_cursor: {type: string}
paths:
  /orders:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/OrderList"}}}
        "429": {description: too many requests}
    post:
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "201": {description: created}
        default: {description: error}
  /orders/{order_id}:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "404": {description: not found}
"""
)


def rules(spec):
    return sorted({f.rule for f in review_openapi(spec)})


def test_a_good_spec_has_no_findings():
    assert review_openapi(GOOD) == []


def test_verb_in_path_is_found_in_camel_case_and_hyphens():
    spec = copy.deepcopy(GOOD)
    spec["paths"]["/createOrder"] = spec["paths"].pop("/orders")
    spec["paths"]["/orders/{order_id}/do-cancel"] = {"post": spec["paths"]["/createOrder"]["post"]}
    found = [f for f in review_openapi(spec) if f.rule == "verb-in-path"]
    assert [f.where for f in found] == ["/createOrder", "/orders/{order_id}/do-cancel"]
    # A noun that merely starts with a verb's letters is not flagged.
    spec = copy.deepcopy(GOOD)
    spec["paths"]["/settings"] = {"get": spec["paths"]["/orders/{order_id}"]["get"]}
    assert "verb-in-path" not in rules(spec)


def test_a_list_without_paging_parameters_is_found():
    spec = copy.deepcopy(GOOD)
    del spec["paths"]["/orders"]["get"]["parameters"]
    found = [f for f in review_openapi(spec) if f.rule == "list-without-pagination"]
    assert [f.where for f in found] == ["GET /orders"]
    # A top-level array counts as a list too.
    spec["paths"]["/orders"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "type": "array"
    }
    assert "list-without-pagination" in rules(spec)


def test_a_post_without_an_idempotency_key_is_found():
    spec = copy.deepcopy(GOOD)
    spec["paths"]["/orders"]["post"]["parameters"] = []
    found = [f for f in review_openapi(spec) if f.rule == "post-without-idempotency-key"]
    assert [f.where for f in found] == ["POST /orders"]


def test_an_operation_without_error_responses_is_found():
    spec = copy.deepcopy(GOOD)
    del spec["paths"]["/orders/{order_id}"]["get"]["responses"]["404"]
    found = [f for f in review_openapi(spec) if f.rule == "missing-error-responses"]
    assert [f.where for f in found] == ["GET /orders/{order_id}"]


def test_no_version_and_no_security_are_document_findings():
    spec = copy.deepcopy(GOOD)
    spec["servers"] = [{"url": "https://api.example.com"}]
    del spec["security"]
    found = review_openapi(spec)
    assert [(f.rule, f.where) for f in found] == [
        ("no-versioning", "document"),
        ("no-security-scheme", "document"),
    ]
    # A version in the paths is enough.
    spec["paths"] = {f"/v2{p}": item for p, item in spec["paths"].items()}
    assert "no-versioning" not in rules(spec)


def test_a_finding_prints_its_rule_place_and_advice():
    text = str(Finding("verb-in-path", "/createOrder", "name the resource"))
    assert text == "[verb-in-path] /createOrder: name the resource"


@pytest.mark.parametrize(
    "bad", [["not", "a", "dict"], {"swagger": "2.0", "paths": {}}, {"openapi": "3.0.0"}]
)
def test_bad_input_names_the_parameter(bad):
    with pytest.raises(InputError) as err:
        review_openapi(bad)
    assert err.value.parameter == "spec"
