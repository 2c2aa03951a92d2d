"""Load stage: find data files, read them safely, check each against its schema, build the model.

Layout: RULES/vocabulary.yaml; RULES/<framework>/framework.yaml with that framework's rule files
(any other *.yaml below it, except *.cases.yaml test cases); STATUTES/<jurisdiction>.yaml.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from analyzer import cache, contract
from analyzer.documents import Document, JsonPath, display_name, read_document
from analyzer.errors import InputError, Problem
from analyzer.model import (
    BaselineValue,
    Calibration,
    Clause,
    Compare,
    Evidence,
    Fact,
    FactDef,
    Framework,
    GradeBand,
    Jurisdiction,
    Logic,
    Project,
    Provision,
    Quantified,
    Refers,
    Rule,
    SameFact,
    Scheme,
    Section,
    Tier,
    Vocabulary,
    Where,
    facts_on,
)
from analyzer.published import default_published, read_cards

VOCABULARY_FILE = "vocabulary.yaml"
FRAMEWORK_FILE = "framework.yaml"
CASES_SUFFIX = ".cases.yaml"


def read_project(rules_dir: Path, statutes_dir: Path, published_dir: Path | None = None, *,
                 only: Collection[str] | None = None) -> tuple[Project | None, list[Problem]]:
    """Everything that could be read, and the problems of what could not (the project is marked
    incomplete, so the referential pass can skip checks that a missing file would falsify).
    Published report cards are read from `published_dir` when one is given.

    `only`: the jurisdictions a command grades; then only their statute files and the frameworks'
    benchmarks are read (a report need not parse fifty other states)."""
    problems: list[Problem] = []
    folders = ((rules_dir, "rules"), (statutes_dir, "statutes"), (published_dir, "published"))
    for folder, what in ((f, w) for f, w in folders if f is not None):
        if not folder.is_dir():
            problems.append(Problem(display_name(folder), 1, f"{what} folder not found"))
    if problems:
        return None, problems

    vocabulary = _attempt(problems, lambda: read_vocabulary(rules_dir / VOCABULARY_FILE))
    frameworks: dict[str, Framework] = {}
    rules: dict[str, tuple[Rule, ...]] = {}
    for framework_file in sorted(rules_dir.glob(f"*/{FRAMEWORK_FILE}")):
        framework = _attempt(problems, lambda f=framework_file: read_framework(f))
        found = [_attempt(problems, lambda f=f: read_rule(f)) for f in rule_files(framework_file.parent)]
        if framework is None:
            continue
        if framework.id in frameworks:
            problems.append(Problem(framework.where.file, framework.where.line,
                                    f"duplicate framework id '{framework.id}' "
                                    f"(also in {frameworks[framework.id].where})"))
            continue
        order = {c: i for i, c in enumerate(c for s in framework.sections for c in s.components)}
        frameworks[framework.id] = framework
        rules[framework.id] = tuple(sorted((r for r in found if r), key=lambda r: (
            order.get(r.id, len(order)), r.id)))
    if not frameworks:
        problems.append(Problem(display_name(rules_dir), 1,
                                f"no framework found (expected <framework>/{FRAMEWORK_FILE})"))

    jurisdictions: dict[str, Jurisdiction] = {}
    files = statute_files(statutes_dir, only, frameworks.values())
    for statute_file in files:
        jurisdiction = _attempt(problems, lambda f=statute_file: read_statutes(f, vocabulary))
        if jurisdiction is None:
            continue
        if jurisdiction.id in jurisdictions:
            problems.append(Problem(jurisdiction.where.file, jurisdiction.where.line,
                                    f"duplicate jurisdiction id '{jurisdiction.id}' "
                                    f"(also in {jurisdictions[jurisdiction.id].where})"))
            continue
        jurisdictions[jurisdiction.id] = jurisdiction

    cards = read_cards(published_dir, problems) if published_dir is not None else ()
    own = default_published(rules_dir)
    if published_dir is None or own is None or own.resolve() == published_dir.resolve():
        evidence = cards
    else:  # calibration evidence cites the rules' own cards, whatever folder a command compares with
        evidence = read_cards(own, problems)

    if vocabulary is None:
        return None, problems
    every = only is None or len(files) == len(list(statutes_dir.glob("*.yaml")))
    return Project(vocabulary, frameworks, rules, jurisdictions, complete=not problems, published=cards,
                   cards_read=published_dir is not None, every_jurisdiction=every,
                   evidence_cards=evidence), problems


def statute_files(statutes_dir: Path, only: Collection[str] | None, frameworks: Iterable[Framework]) -> list[Path]:
    """Every statute file; or, given `only`, the files <id>.yaml of those jurisdictions and the
    frameworks' baselines. If one of these is missing (or an id is no file name), every file, so an
    unknown id is reported exactly as before, with the known ids and the nearest name."""
    if only is None:
        return sorted(statutes_dir.glob("*.yaml"))
    wanted = sorted({*only, *(f.baseline for f in frameworks if f.baseline)})
    files = [statutes_dir / f"{j}.yaml" for j in wanted]
    if all(_FILE_ID.fullmatch(j) for j in wanted) and all(f.is_file() for f in files):
        return files
    return sorted(statutes_dir.glob("*.yaml"))


_FILE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def rule_files(framework_dir: Path) -> list[Path]:
    return sorted(p for p in framework_dir.rglob("*.yaml")
                  if p.name != FRAMEWORK_FILE and not p.name.endswith(CASES_SUFFIX))


def _attempt(problems: list[Problem], read: Any) -> Any:
    try:
        return read()
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _checked(path: Path, schema: Mapping[str, Any]) -> Document:
    document, problems = cache.checked(path, schema, read_document, contract.check)
    if problems:
        raise InputError(problems)
    return document


def _where(document: Document, path: JsonPath = ()) -> Where:
    return Where(document.file, document.line(path))


# --- vocabulary -----------------------------------------------------------------------------

def read_vocabulary(path: Path) -> Vocabulary:
    doc = _checked(path, contract.schema("vocabulary"))
    facts = {
        name: FactDef(name, spec["type"], spec["meaning"], tuple(spec.get("values", ())), spec.get("unit"),
                      _where(doc, ("facts", name)), bool(spec.get("classifies", False)))
        for name, spec in doc.data["facts"].items()
    }
    kinds = {name: spec["meaning"] for name, spec in doc.data["kinds"].items()}
    return Vocabulary(kinds, facts, _where(doc))


def fact_schema(fact: FactDef) -> dict[str, Any]:
    """The JSON Schema of one fact's value, derived from the vocabulary."""
    plain: dict[str, Any] = {
        "boolean": {"type": "boolean"},
        "integer": {"type": "integer"},
        "number": {"type": "number"},
        "money": {"type": "number", "minimum": 0},
        "years": {"if": {"type": "string"},
                  "then": {"const": "life", "x-error": {"const": "expected a number of years or 'life'"}},
                  "else": {"type": "number", "minimum": 0}},
        "enum": {"enum": list(fact.values)},
        "set": {"type": "array", "uniqueItems": True, "items": {"enum": list(fact.values)}},
        "provisions": {"type": "array", "uniqueItems": True, "items": {"type": "string"}},
        "text": {"type": "string", "minLength": 1},
    }[fact.type]
    text = {"type": "string", "minLength": 1}
    evidence = {"citation": text, "confidence": {"enum": ["confirmed", "inferred", "recalled"]},
                "source": text, "note": text}
    # {unstated: true}: the fact is named but not yet read (a skeleton's unfilled fact), which is not determined
    pinned = {"type": "object", "additionalProperties": False,
              "properties": {"value": plain, "unstated": {"const": True}, **evidence},
              "oneOf": [{"required": ["value"]}, {"required": ["unstated"]}],
              "x-error": {"oneOf": "a fact has either 'value' or 'unstated: true'"}}
    entry = {"type": "object", "additionalProperties": False, "required": ["from"],
             "properties": {"from": {"type": "string", "format": "date"}, "value": plain,
                            "unstated": {"const": True}, **evidence, "enacted_by": text},
             "oneOf": [{"required": ["value"]}, {"required": ["unstated"]}],
             "x-error": {"oneOf": "a dated value has either 'value' or 'unstated: true'"}}
    history = {"type": "object", "additionalProperties": False, "required": ["history"],
               "properties": {"history": {"type": "array", "minItems": 1, "items": entry}}}
    return {"if": {"type": "object", "required": ["history"]}, "then": history,
            "else": {"if": {"type": "object"}, "then": pinned, "else": plain}}


_statute_schemas: dict[int, tuple[Vocabulary | None, dict[str, Any]]] = {}


def statute_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The statute schema with the vocabulary's kinds and facts filled in; built once per vocabulary,
    so every statute file is checked by the same compiled validator (callers must not modify it)."""
    cached = _statute_schemas.get(id(vocabulary))
    if cached is not None and cached[0] is vocabulary:
        return cached[1]
    schema = _statute_schema(vocabulary)
    _statute_schemas.clear()
    _statute_schemas[id(vocabulary)] = (vocabulary, schema)
    return schema


def _statute_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    schema = copy.deepcopy(dict(contract.schema("statute")))
    if vocabulary is not None:
        schema["$defs"]["kind"] = {"enum": sorted(vocabulary.kinds)}
        schema["$defs"]["facts"] = {
            "type": "object", "additionalProperties": False, "x-names": "fact",
            "properties": {name: fact_schema(f) for name, f in vocabulary.facts.items()},
        }
    return schema


# --- framework and rules --------------------------------------------------------------------

def read_framework(path: Path) -> Framework:
    doc = _checked(path, contract.schema("framework"))
    data = doc.data
    sections = tuple(
        Section(s["id"], s["title"], Decimal(s["max"]), tuple(s["components"]), _where(doc, ("sections", i)))
        for i, s in enumerate(data["sections"]))
    grades = tuple(GradeBand(g["grade"], Decimal(g["min"])) for g in data["grades"])
    return Framework(
        id=data["id"], title=data["title"], version=str(data["version"]), sections=sections, grades=grades,
        where=_where(doc), publisher=data.get("publisher"), description=data.get("description"),
        baseline=data.get("baseline"), summary_components=tuple(data.get("summary", {}).get("components", ())),
        scheme=_scheme(doc, data["partial_credit"]) if "partial_credit" in data else None)


def _scheme(doc: Document, data: dict[str, Any]) -> Scheme:
    clauses = tuple(Clause(c["id"], c["name"], c["text"], Decimal(str(c["deduction"]))) for c in data["clauses"])
    return Scheme(data["principle"], Decimal(str(data["floor"])), clauses, _where(doc, ("partial_credit",)),
                  data.get("calibration"))


def read_rule(path: Path) -> Rule:
    doc = _checked(path, contract.schema("rule"))
    data = doc.data
    tiers = tuple(
        Tier(Decimal(t["points"]), t["reason"], _condition(doc, t["when"], ("tiers", i, "when")),
             _where(doc, ("tiers", i)), t.get("gap"), _kinds(t.get("clause")))
        for i, t in enumerate(data["tiers"]))
    summary = data.get("summary", {})
    return Rule(
        id=data["id"], section=data["section"], title=data["title"], max=Decimal(data["max"]), tiers=tiers,
        met=data["met"], gap=data["gap"], recommendation=data["recommendation"], where=_where(doc),
        criterion=data.get("criterion"), summary_met=summary.get("met"), summary_gap=summary.get("gap"),
        note=data.get("note"), summary_absent=summary.get("absent"),
        calibration=_calibration(doc, data["calibration"]) if "calibration" in data else None)


def _calibration(doc: Document, data: dict[str, Any]) -> Calibration:
    evidence = tuple(Evidence(e["card"], e["shows"], e["text"], _where(doc, ("calibration", "evidence", i)),
                              e.get("section"))
                     for i, e in enumerate(data["evidence"]))
    return Calibration({k: Decimal(str(v)) for k, v in data["deductions"].items()}, data["reason"], evidence,
                       _where(doc, ("calibration",)), data.get("open"))


def _kinds(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _condition(doc: Document, data: dict[str, Any], path: JsonPath) -> Logic | Quantified:
    (op, arg), = data.items()
    where = _where(doc, path)
    if op in ("all", "any"):
        return Logic(op, tuple(_condition(doc, c, (*path, op, i)) for i, c in enumerate(arg)), where)
    if op == "not":
        return Logic("not", (_condition(doc, arg, (*path, op)),), where)
    condition = _provision_condition(doc, arg["where"], (*path, op, "where")) if "where" in arg else None
    return Quantified(op, _kinds(arg["kind"]), condition, where)


def _provision_condition(doc: Document, data: dict[str, Any], path: JsonPath) -> Any:
    where = _where(doc, path)
    if "fact" in data:
        (op, arg), = ((k, v) for k, v in data.items() if k != "fact")
        if op in ("some", "every"):
            condition = _provision_condition(doc, arg["where"], (*path, op, "where")) if "where" in arg else None
            return Refers(data["fact"], op, _kinds(arg.get("kind")), condition, where)
        if isinstance(arg, dict):
            arg = SameFact(arg["same"]) if "same" in arg else BaselineValue(arg["baseline"], arg["fact"])
        elif isinstance(arg, list):
            arg = tuple(arg)
        return Compare(data["fact"], op, arg, where)
    (op, arg), = data.items()
    items = arg if op in ("all", "any") else [arg]
    sub = (lambda i: (*path, op, i)) if op in ("all", "any") else (lambda i: (*path, op))
    return Logic(op, tuple(_provision_condition(doc, c, sub(i)) for i, c in enumerate(items)), where)


# --- statutes -------------------------------------------------------------------------------

def read_statutes(path: Path, vocabulary: Vocabulary | None) -> Jurisdiction:
    doc = _checked(path, statute_schema(vocabulary))
    problems = placeholders(doc)
    if problems:
        raise InputError(problems)
    return jurisdiction_from(doc, doc.data)


SKELETON_PLACEHOLDER = re.compile(r"\[[^\]]*\]")  # "[citation]", "[URL or official document ...]"


def placeholders(doc: Document) -> list[Problem]:
    """The bracketed placeholders a `new-jurisdiction` skeleton writes, left unfilled in a statute file:
    a citation, title or source still reading "[citation]" would be reported as if it were law."""
    out = []
    for i, provision in enumerate(doc.data.get("provisions") or ()):
        if not isinstance(provision, dict):
            continue
        spots: list[tuple[JsonPath, Any]] = [(("provisions", i, key), provision.get(key))
                                             for key in ("citation", "title", "source")]
        for name, fact in (provision.get("facts") or {}).items():
            entries = fact.get("history", ()) if isinstance(fact, dict) else ()
            for j, entry in enumerate(entries if isinstance(entries, list) else ()):
                if isinstance(entry, dict):
                    spots += [(("provisions", i, "facts", name, "history", j, k), entry.get(k))
                              for k in ("citation", "source")]
            if isinstance(fact, dict):
                spots += [(("provisions", i, "facts", name, k), fact.get(k)) for k in ("citation", "source")]
        for path, text in spots:
            if isinstance(text, str) and SKELETON_PLACEHOLDER.fullmatch(text.strip()):
                out.append(Problem(doc.file, doc.line(path), f"{'.'.join(map(str, path[2:]))} is still the "
                                   f"placeholder {text!r}: write the {path[-1]} of the text read"))
    return out


def jurisdiction_from(doc: Document, data: dict[str, Any], base: JsonPath = ()) -> Jurisdiction:
    """The jurisdiction's law on the latest date its file states (`Jurisdiction.at` gives any other)."""
    head = data["jurisdiction"]
    latest = str(head["as_of"])
    timeline = tuple(provision_from(doc, p, (*base, "provisions", i)) for i, p in enumerate(data["provisions"]))
    everything = Jurisdiction(head["id"], head["name"], latest, timeline, _where(doc, (*base, "jurisdiction")),
                              head.get("type"), head.get("note"), earliest=str(head.get("from", latest)),
                              latest=latest, complete_for=tuple(head.get("complete_for", ())))
    return everything.at(latest)


def provision_from(doc: Document, data: dict[str, Any], path: JsonPath, date: str | None = None) -> Provision:
    """A schema-checked provision mapping (from a statute, amendment or cases file) as a Provision,
    with its facts as of `date` (None: the latest value of each)."""
    history = {name: facts_from(name, value, doc, (*path, "facts", name)) for name, value in data["facts"].items()}
    return Provision(
        id=data["id"], citation=data["citation"], title=data["title"], kind=data["kind"],
        facts=facts_on(history, date or "9999-12-31"), source=data["source"], where=_where(doc, path),
        effective=data.get("effective"), note=data.get("note"), repealed=data.get("repealed"),
        enacted_by=data.get("enacted_by"), repealed_by=data.get("repealed_by"), history=history)


def facts_from(name: str, value: Any, doc: Document, path: JsonPath) -> tuple[Fact, ...]:
    """A fact's values by date: one undated value, or its history (an unstated entry has value None)."""
    if isinstance(value, dict) and "history" in value:
        return tuple(fact_from(name, entry, _where(doc, (*path, "history", i)))
                     for i, entry in enumerate(value["history"]))
    return (fact_from(name, value, _where(doc, path)),)


def fact_from(name: str, value: Any, where: Where) -> Fact:
    """A fact value, plain or pinned ({value, citation, confidence, source, note}, and in a history
    `from` and `enacted_by`); lists become tuples."""
    if isinstance(value, dict):
        return Fact(name, _freeze(value.get("value")), where, value.get("citation"), value.get("note"),
                    value.get("confidence"), value.get("source"), value.get("from"), value.get("enacted_by"))
    return Fact(name, _freeze(value), where)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
