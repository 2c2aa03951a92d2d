"""Published report cards as data: read them (load stage) and check them against the frameworks and
statutes (referential pass), so `compare` measures the rules against cards that are known to be sound.

A card lives at PUBLISHED/<framework>/<jurisdiction>-<edition>.yaml. Its jurisdiction need not be
encoded: a card waits for its statutes (compare lists it as "not encoded"). A name that is not
encoded but is close to one that is, is taken for a misspelling.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from analyzer import contract
from analyzer.documents import Document
from analyzer.errors import InputError, Problem, did_you_mean
from analyzer.model import Dated, Project, PublishedCard, PublishedSection, Where


def read_cards(folder: Path, problems: list[Problem]) -> tuple[PublishedCard, ...]:
    """Every card under `folder` that reads and fits the schema; the others' problems go to `problems`."""
    cards = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            cards.append(read_card(path))
        except InputError as exc:
            problems.extend(exc.problems)
    return tuple(cards)


def read_card(path: Path) -> PublishedCard:
    from analyzer import cache
    from analyzer.documents import read_document

    document, problems = cache.checked(path, contract.schema("published"), read_document, contract.check)
    if problems:
        raise InputError(problems)
    data = document.data
    sections = tuple(_section(document, key, value) for key, value in data.get("sections", {}).items())
    lines = {key: _where(document, (key,)) for key in data}
    return PublishedCard(
        framework=data["framework"], edition=_dated(document, "edition", data["edition"]),
        jurisdiction=data["jurisdiction"], law_date=_dated(document, "law_date", data["law_date"]),
        total=Decimal(data["total"]) if "total" in data else None, grade=data["grade"], sections=sections,
        source=data["source"], where=Where(document.file, 1), lines=lines, released=data.get("released"),
        note=data.get("note"))


def _where(document: Document, path: tuple[str | int, ...]) -> Where:
    return Where(document.file, document.line(path))


def _dated(document: Document, key: str, value: Any) -> Dated:
    where = _where(document, (key,))
    if isinstance(value, dict):
        return Dated(str(value["value"]), value["confidence"], where, value.get("source"), value.get("note"))
    return Dated(str(value), "stated", where)  # written plain: the card itself states it


def _section(document: Document, key: str, value: Any) -> PublishedSection:
    where = _where(document, ("sections", key))
    if isinstance(value, dict):
        return PublishedSection(key, Decimal(value["score"]), where, tuple(value.get("findings", ())))
    return PublishedSection(key, Decimal(value), where)


# --- referential pass -----------------------------------------------------------------------

def check_cards(project: Project) -> Iterator[Problem]:
    """Framework, sections, jurisdiction and file name agree with the project; scores add up; grade fits."""
    for card in project.published:
        yield from _check_card(card, project)


def _problem(where: Where, message: str) -> Problem:
    return Problem(where.file, where.line, message)


def _check_card(card: PublishedCard, project: Project) -> Iterator[Problem]:
    at = card.lines
    path = Path(card.where.file)
    expected = f"{card.jurisdiction}-{card.edition.value}.yaml"
    if path.name != expected:
        yield _problem(at["jurisdiction"], f"a card of '{card.jurisdiction}' ({card.edition.value} edition) "
                                           f"belongs in a file named '{expected}', not '{path.name}'")
    if path.parent.name != card.framework:
        yield _problem(at["framework"], f"a card of framework '{card.framework}' belongs in the folder "
                                        f"'{card.framework}/', not '{path.parent.name}/'")
    if card.jurisdiction not in project.jurisdictions and project.every_jurisdiction:
        hint = did_you_mean(card.jurisdiction, project.jurisdictions)
        if hint:  # not encoded, and close to a jurisdiction that is: a misspelling
            yield _problem(at["jurisdiction"], f"unknown jurisdiction '{card.jurisdiction}'{hint}")
    framework = project.frameworks.get(card.framework)
    if framework is None:
        if project.frameworks:  # none loaded means the rules failed to load: reported already
            yield _problem(at["framework"], f"unknown framework '{card.framework}'"
                                            f"{did_you_mean(card.framework, project.frameworks)}")
        return
    if card.jurisdiction == framework.baseline:
        yield _problem(at["jurisdiction"], f"'{card.jurisdiction}' is the benchmark of {framework.id}, "
                                           "which is not graded")
    maxima = {s.id: s.max for s in framework.sections}
    given = {s.id for s in card.sections}
    for section in card.sections:
        if section.id not in maxima:
            yield _problem(section.where, f"unknown section '{section.id}' of {framework.id}"
                                          f"{_suggest(section.id, maxima)}")
        elif section.score > maxima[section.id]:
            yield _problem(section.where, f"section '{section.id}' scores {section.score}, more than its "
                                          f"max of {maxima[section.id]}")
    total = sum((s.score for s in card.sections), Decimal(0))
    if card.total is not None and set(maxima) <= given and total != card.total:
        yield _problem(at["total"], f"the section scores add up to {total}, not the total of {card.total}")
    elif card.total is not None and total > card.total:
        yield _problem(at["sections"], f"the published section scores add up to {total}, more than the total "
                                       f"of {card.total}")
    grades = [band.grade for band in framework.grades]
    if card.grade not in grades:
        yield _problem(at["grade"], f"unknown grade '{card.grade}' on the {framework.id} scale "
                                    f"({', '.join(grades)}){did_you_mean(card.grade, grades)}")
    elif card.total is not None and framework.grade(card.total) != card.grade:
        yield _problem(at["grade"], f"the {framework.id} scale gives {framework.grade(card.total)} for "
                                    f"{card.total}, not {card.grade}")


def _suggest(name: str, known: Iterable[str]) -> str:
    """did-you-mean, also for short ids that differ only in case ('b' for section 'B')."""
    same = [k for k in known if k.lower() == name.lower()]
    return f" (did you mean '{same[0]}'?)" if same else did_you_mean(name, known)


def default_published(rules_dir: Path) -> Path | None:
    """The `published/` folder beside the rules folder, if there is one (a project need not have cards)."""
    folder = rules_dir.parent / "published"
    return folder if folder.is_dir() else None
