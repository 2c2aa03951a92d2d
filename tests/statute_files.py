"""Reading an encoded statute file the way the per-state tests need it, written once.

The per-state tests record what was measured on each state's file (the share of confirmed facts on
each date, the scores, the components left undetermined). They read the file's law on a date by the
dated format's own rules (statutes/README.md), independently of the analyzer's model, so a test can
cross-check the tool's `--as-of` against a copy of the file reduced to one date.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from analyzer.cli import main

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "statutes"
URL = re.compile(r"https?://\S+")


@cache
def encoding(name: str) -> dict[str, Any]:
    return yaml.safe_load((STATUTES / f"{name}.yaml").read_text(encoding="utf-8"))


def provisions(name: str) -> list[dict[str, Any]]:
    return encoding(name)["provisions"]


def entries(fact: Any) -> list[Any]:
    """The dated values of a fact: its history, or the plain fact as its one value."""
    return fact["history"] if isinstance(fact, dict) and "history" in fact else [fact]


def stated_values(name: str) -> list[tuple[str, str, Any]]:
    """(provision id, fact, value) for every value the file states on any date."""
    return [(p["id"], fact, entry) for p in provisions(name) for fact, value in p["facts"].items()
            for entry in entries(value) if not (isinstance(entry, dict) and entry.get("unstated"))]


def in_force(provision: dict[str, Any], day: str) -> bool:
    return provision.get("effective", "0000") <= day < provision.get("repealed", "9999")


def value_on(fact: Any, day: str) -> dict[str, Any] | None:
    """The value a fact holds on `day`: the last history entry dated on or before it (None when
    there is none or it is unstated)."""
    if not (isinstance(fact, dict) and "history" in fact):
        return fact
    held = [entry for entry in fact["history"] if entry["from"] <= day]
    return None if not held or held[-1].get("unstated") else held[-1]


def facts_on(name: str, day: str) -> list[dict[str, Any]]:
    """Every fact value stated on `day` by a provision in force then."""
    return [value for p in provisions(name) if in_force(p, day)
            for fact in p["facts"].values() if (value := value_on(fact, day)) is not None]


def confirmed_share(name: str, day: str) -> tuple[int, int]:
    """(confirmed, stated) among the facts in force on `day`."""
    stated = facts_on(name, day)
    return sum(value["confidence"] == "confirmed" for value in stated), len(stated)


def law_on(name: str, day: str) -> dict[str, Any]:
    """The file reduced to the law of `day`: provisions in force, each fact at its value of that day,
    no histories and no dates."""
    data = yaml.safe_load((STATUTES / f"{name}.yaml").read_text(encoding="utf-8"))
    data["jurisdiction"].pop("from", None)
    data["jurisdiction"]["as_of"] = day
    kept = []
    for provision in data["provisions"]:
        if not in_force(provision, day):
            continue
        for key in ("effective", "repealed", "enacted_by", "repealed_by"):
            provision.pop(key, None)
        provision["facts"] = {fact: {k: v for k, v in value.items() if k not in ("from", "enacted_by")}
                              for fact, raw in provision["facts"].items()
                              if (value := value_on(raw, day)) is not None}
        kept.append(provision)
    data["provisions"] = kept
    return data


def openable(source: str) -> bool:
    """An http(s) address, never a path on somebody's disk."""
    return bool(URL.search(source)) and "file://" not in source and not re.search(r"(^|\s)(/|~/|\./)", source)


def run_report(name: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["--data", str(ROOT), "report", name, "--format", "json", *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@cache
def report(name: str, day: str | None = None) -> dict[str, Any]:
    """`report NAME --as-of DAY --format json` (today's law without DAY)."""
    return run_report(name, *(("--as-of", day) if day else ()))


def report_of_law_on(name: str, day: str, folder: Path) -> dict[str, Any]:
    """`report NAME` on a statutes folder whose file for NAME is `law_on(name, day)`: the date graded
    without the tool reading any history."""
    for other in STATUTES.glob("*.yaml"):
        (folder / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(law_on(name, day), sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return run_report(name, "--statutes", str(folder))


def undetermined(card: dict[str, Any]) -> list[str]:
    return [c["id"] for c in card["components"] if c["undetermined"]]


def section_scores(card: dict[str, Any]) -> dict[str, float]:
    return {s["id"]: s["score"] for s in card["sections"]}
