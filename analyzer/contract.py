"""JSON Schema validation of data files, with errors translated to one readable line each."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from analyzer.documents import Document
from analyzer.errors import Problem, did_you_mean

Schema = Mapping[str, Any]


@cache
def schema(name: str) -> Schema:
    """A shipped schema; numbers as Decimal so `multipleOf: 0.5` is checked exactly."""
    text = resources.files("analyzer.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text, parse_float=Decimal)


def check(document: Document, contract: Schema) -> list[Problem]:
    """Every schema violation in the document, one problem each, in file order."""
    validator = _validator(contract)
    problems = []
    for error in _leaves(validator.iter_errors(document.data)):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, Mapping) \
                and "additionalProperties" not in _custom(error):
            problems += [Problem(document.file, document.key_line((*path, key)), message)
                         for key, message in _unknown_keys(path, error)]
            continue
        problems.append(Problem(document.file, document.line(path), _describe(path, error)))
    return problems


def _custom(error: Any) -> Mapping[str, str]:
    return error.schema.get("x-error", {}) if isinstance(error.schema, Mapping) else {}


def _unknown_keys(path: tuple[Any, ...], error: Any) -> Iterator[tuple[str, str]]:
    """One problem per unknown key, at the key's own line, with the names that are valid there.

    A schema names what its keys are with `x-names` (e.g. "fact", "operator"); plain keys otherwise.
    """
    where = _location(path)
    prefix = f"{where}: " if where else ""
    what = error.schema.get("x-names", "key")
    required = error.schema.get("required", []) if what != "key" else []  # e.g. 'fact' is not an operator
    allowed = [k for k in error.schema.get("properties", {}) if k not in required]
    for key in error.instance:
        if key not in error.schema.get("properties", {}):
            yield key, (f"{prefix}unknown {what} '{key}'{did_you_mean(key, allowed)}; "
                        f"valid {what}s: {', '.join(allowed)}")


_VALIDATORS: OrderedDict[int, tuple[Schema, Any]] = OrderedDict()
_KEEP = 8  # schemas in use at once (vocabulary, framework, rule, statute, report, ...)


def _validator(contract: Schema) -> Any:
    """One validator per schema object, reused for every file checked against it (its $ref
    resolution and format checker are built once). Keyed by identity: schemas are not hashable;
    the entry keeps the schema alive, so the id cannot be reused while the entry exists."""
    key = id(contract)
    entry = _VALIDATORS.get(key)
    if entry is None or entry[0] is not contract:
        from jsonschema import Draft202012Validator

        entry = (contract, Draft202012Validator(contract, format_checker=Draft202012Validator.FORMAT_CHECKER))
        _VALIDATORS[key] = entry
        while len(_VALIDATORS) > _KEEP:
            _VALIDATORS.popitem(last=False)
    _VALIDATORS.move_to_end(key)
    return entry[1]


def _leaves(errors: Any) -> Iterator[Any]:
    for error in errors:
        if error.validator in ("if", "then", "else", "allOf") and error.context:
            yield from _leaves(error.context)
        else:
            yield error


def _location(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(path: tuple[Any, ...], error: Any) -> str:
    where = _location(path)
    prefix = f"{where}: " if where else ""
    custom = error.schema.get("x-error", {}) if isinstance(error.schema, Mapping) else {}
    if error.validator in custom:
        return prefix + custom[error.validator]
    validator, value, instance = error.validator, error.validator_value, error.instance
    if validator == "additionalProperties" and isinstance(instance, Mapping):
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        return "; ".join(f"{prefix}unknown key '{k}'{did_you_mean(k, allowed)}" for k in extra)
    if validator == "required":
        missing = [k for k in value if k not in instance]
        return prefix + ", ".join(f"missing required key '{k}'" for k in missing)
    if validator == "enum":
        return f"{prefix}{_show(instance)} is not one of: {', '.join(map(str, value))}" + did_you_mean(
            instance, map(str, value))
    if validator == "type":
        wanted = " or ".join(value) if isinstance(value, list) else value
        if instance is None:
            return f"{prefix}expected {_article(wanted)}, found nothing"
        return f"{prefix}expected {_article(wanted)}, found {_kind(instance)} {_show(instance)}"
    if validator == "multipleOf":
        return f"{prefix}{_show(instance)} is not a multiple of {value}"
    if validator == "format":
        return f"{prefix}{_show(instance)} is not a valid {value} (expected YYYY-MM-DD)" if value == "date" \
            else f"{prefix}{_show(instance)} is not a valid {value}"
    if validator in ("minItems", "minProperties", "minLength") and not instance:
        return f"{prefix}must not be empty"
    return prefix + error.message


def _show(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "a boolean", type(None): "nothing"}.get(
        type(value), "a number")


def _article(word: str) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "integer": "an integer",
             "number": "a number", "boolean": "a boolean (true or false)"}
    return " or ".join(names.get(w, w) for w in word.split(" or "))
