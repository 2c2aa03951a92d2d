"""`site`: every report the project makes, as one static web site to publish or browse offline.

The pages are the commands' own HTML pages (report, timeline, comparison with the published cards,
roadmap, side by side), linked by a shared navigation bar, plus pages of the site's own: US tile
maps of the grades (today's law, and each published edition's law beside the publisher's grades),
the reading lists and the method. Each page has its data as JSON beside it, and `site.json` lists
every page and file. No page loads a script or anything remote, so the folder works from file://.

Writing is careful because a site folder is often published from: the site is built in a staging
folder beside the target and moved into place file by file, only where the bytes differ (a rebuild
with nothing changed touches nothing); a folder holding files the site did not write is refused
unless forced, and a file this run read is never replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from analyzer.errors import InputError, Problem
from analyzer.model import Framework, Jurisdiction, Project, PublishedCard
from analyzer.postal import CODES
from analyzer.render.data import dumps, number
from analyzer.render.html import pts
from analyzer.render.site import both_maps, grade_colors, grade_label, nav_html, with_nav
from analyzer.render.wording import span
from analyzer.score import Report

SITE_JSON = "site.json"
STATE_PAGES = (("report", "Report card"), ("timeline", "Timeline"), ("compare", "Published cards"),
               ("reading-list", "Reading list"), ("roadmap", "Roadmap"))
RANGES = (
    "A score is what the encoded statutes earn under the rules. Where a rule turns on a fact the encoding "
    "does not state (a statute section not yet read, or silent on the point), the component is not "
    "determined, and the score is a range: from what the stated facts earn to what they would earn if every "
    "undetermined component turned out favourably.",
    "A range is written low–high, e.g. 78–92; when its two ends fall in different grades the grade is "
    "written the same way, e.g. C–A. On the maps such a state's square is split: the left half has the "
    "colour of the low grade, the right half that of the high grade. A single number or grade means every "
    "component is determined.",
    "Each state's reading list names the unstated facts that keep its range open, by statute section and "
    "points at stake; its report card marks each undetermined component “Not determined”.",
)


@dataclass(frozen=True)
class Built:
    """What a build did to the folder: files replaced or added, left alone, and removed."""

    written: int
    unchanged: int
    removed: int

    @property
    def files(self) -> int:
        return self.written + self.unchanged


# --- the pages ------------------------------------------------------------------------------------

def code_of(jurisdiction_id: str, name: str) -> str | None:
    """The postal code of a jurisdiction, by its name or, failing that, its id (`south-dakota`)."""
    from analyzer.skeleton import jurisdiction_id as id_of

    for code, full in CODES.items():
        if full.casefold() == name.casefold():
            return code
    return next((code for code, full in CODES.items() if id_of(full) == jurisdiction_id), None)


def edition_slug(edition: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", edition).strip("-") or "edition"


def next_target(framework: Framework, report: Report) -> str:
    """The roadmap's target: the grade above the law's (its low end), or full marks at the top."""
    above = sorted((band for band in framework.grades if band.min > report.score), key=lambda band: band.min)
    return above[0].grade if above else str(number(framework.max))


def agreement(entry: Mapping[str, Any]) -> str:
    """A compared card in words: does the grade agree, and where does the published total fall."""
    if entry["status"] != "compared":
        return f"not compared: {entry.get('not_encoded') or 'not encoded'}"
    grade, total = entry["grade"], entry["total"]
    if grade["agrees"]:
        words = "grade agrees"
    elif grade["published_within_range"]:
        words = f"grade within the computed {grade_label(grade['computed_range'])}"
    else:
        words = f"grade differs (computed {grade_label(grade['computed_range'])})"
    if total["published"] is None:
        return f"{words}; no published total"
    if total["published_within_range"]:
        return f"{words}; total inside the computed range"
    return f"{words}; total {pts(total['distance'])} points outside the computed range"


def card_file(card: PublishedCard) -> str:
    return Path(card.where.file).stem


def pages(project: Project, framework: Framework, stream: IO[str] | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the site but site.json, as (path relative to the site, text), in a fixed order;
    then site.json, which lists them all."""
    from analyzer import pipeline
    from analyzer.compare import compare
    from analyzer.readinglist import reading_list
    from analyzer.render.data import report_data
    from analyzer.render.html import report_html
    from analyzer.render.progress import progress
    from analyzer.render.readinglist import reading_list_html
    from analyzer.render.roadmap import roadmap_html, roadmap_json
    from analyzer.render.sidebyside import side_by_side_html
    from analyzer.render.site import index_html, method_html
    from analyzer.render.timeline import timeline_html
    from analyzer.roadmap import roadmap
    from analyzer.sidebyside import side_by_side
    from analyzer.timeline import timeline

    graded = sorted((j for j in project.jurisdictions.values() if j.id != framework.baseline),
                    key=lambda j: (j.name.casefold(), j.id))
    if not graded:
        raise InputError([Problem("gap-analyzer", 0, "no jurisdiction is encoded besides the benchmark: "
                                                     "the site would have nothing to show")])
    cards = [c for c in project.published if c.framework == framework.id]
    with_cards = {c.jurisdiction for c in cards}
    years = sorted({edition_slug(c.edition.value) for c in cards})
    colors = grade_colors([band.grade for band in sorted(framework.grades, key=lambda b: b.min, reverse=True)])
    listing: list[dict[str, Any]] = []

    def page(path: str, text: str, kind: str, title: str, jurisdiction: str | None = None) -> Iterator[tuple[str, str]]:
        listing.append({"path": path, "data": path[: -len(".html")] + ".json", "kind": kind, "title": title,
                        "jurisdiction": jurisdiction})
        yield path, text

    reports: list[Report] = []
    rows: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    for jurisdiction in progress(graded, "Building the site", stream=stream):
        folder = f"states/{jurisdiction.id}"
        kinds = [(kind, label) for kind, label in STATE_PAGES if kind != "compare" or jurisdiction.id in with_cards]
        state = {"id": jurisdiction.id, "name": jurisdiction.name,
                 "pages": [{"kind": kind, "label": label, "file": f"{kind}.html"} for kind, label in kinds]}

        def nav(kind: str, state: dict[str, Any] = state) -> str:
            return nav_html("../../", years, kind, state, f"{kind}.json")

        report = pipeline.report(project, jurisdiction, framework)
        reports.append(report)
        yield from page(f"{folder}/report.html", with_nav(report_html(report), nav("report")), "report",
                        f"{jurisdiction.name} report card", jurisdiction.id)
        yield f"{folder}/report.json", dumps(report_data(report))
        history = timeline(project, framework, jurisdiction)
        yield from page(f"{folder}/timeline.html", with_nav(timeline_html(history), nav("timeline")), "timeline",
                        f"{jurisdiction.name} over time", jurisdiction.id)
        yield f"{folder}/timeline.json", dumps(history)
        latest = None
        if jurisdiction.id in with_cards:
            from analyzer.render.compare import compare_html

            compared = compare(project, framework, [jurisdiction.id])
            yield from page(f"{folder}/compare.html", with_nav(compare_html(compared), nav("compare")), "compare",
                            f"{jurisdiction.name}: computed and published cards", jurisdiction.id)
            yield f"{folder}/compare.json", dumps(compared)
            latest = max(compared["cards"], key=lambda e: (e["law_date"]["value"], e["file"]), default=None)
        reading = reading_list(report, project.vocabulary)
        reading_page = with_nav(reading_list_html(reading, "report.html"), nav("reading-list"))
        yield from page(f"{folder}/reading-list.html", reading_page, "reading-list",
                        f"{jurisdiction.name} reading list", jurisdiction.id)
        yield f"{folder}/reading-list.json", dumps(reading)
        plan = roadmap(project, jurisdiction, framework, next_target(framework, report))
        yield from page(f"{folder}/roadmap.html", with_nav(roadmap_html(plan), nav("roadmap")), "roadmap",
                        f"{jurisdiction.name} roadmap to {plan.target_label}", jurisdiction.id)
        yield f"{folder}/roadmap.json", roadmap_json(plan)
        rows.append(_today_row(framework, jurisdiction, report, folder, latest))
        states.append({**state, "code": rows[-1]["code"], "as_of": jurisdiction.as_of,
                       "score_range": rows[-1]["score_range"], "grade_range": rows[-1]["grade_range"],
                       "pages": {p["kind"]: f"{folder}/{p['file']}" for p in state["pages"]}})

    fw = {"id": framework.id, "title": framework.title, "version": framework.version,
          "publisher": framework.publisher}
    today = _today_index(fw, framework, rows)
    tiles = {r["code"]: {"grades": r["grade_range"], "label": r["grade_label"], "href": r["href"],
                         "title": f"{r['name']}: {span(*r['score_range'])} of {pts(framework.max)}, grade "
                                  f"{r['grade_label']}"} for r in reversed(rows) if r["code"]}
    maps = [both_maps(tiles, colors, "Grades of today's law: each square a state, with its postal code and grade; "
                                     "grey where the state is not encoded.")]
    yield from page("index.html", with_nav(index_html(today, maps, colors), nav_html("", years, "index", None,
                                                                                        "index.json")),
                    "index", today["title"])
    yield "index.json", dumps(today)

    if cards:
        result = compare(project, framework)
        names = {j.id: j.name for j in graded}
        for year in years:
            entries = [e for e in result["cards"] if edition_slug(e["edition"]["value"]) == year]
            data, year_maps = _year_index(fw, framework, year, entries, names, colors)
            here = f"cards-{year}"
            yield from page(f"{here}.html", with_nav(index_html(data, year_maps, colors),
                                                     nav_html("", years, here, None, f"{here}.json")),
                            "cards", data["title"])
            yield f"{here}.json", dumps(data)

    table = side_by_side(reports)
    yield from page("all.html", with_nav(side_by_side_html(table), nav_html("", years, "all", None, "all.json")),
                    "side-by-side", "Every jurisdiction side by side")
    yield "all.json", dumps(table)
    method = method_data(project, framework, {s["id"] for s in states if "compare" in s["pages"]})
    yield from page("method.html", with_nav(method_html(method), nav_html("", years, "method", None, "method.json")),
                    "method", "Method")
    yield "method.json", dumps(method)
    yield SITE_JSON, dumps({"generator": "gap-analyzer", "framework": fw, "max_score": number(framework.max),
                            "editions": years, "pages": listing, "jurisdictions": states})


def _today_row(framework: Framework, jurisdiction: Jurisdiction, report: Report, folder: str,
               latest: Mapping[str, Any] | None) -> dict[str, Any]:
    card = None
    if latest is not None:
        card = {"edition": latest["edition"]["value"], "law_date": latest["law_date"]["value"],
                "grade": latest["grade"]["published"], "total": latest["total"]["published"],
                "href": f"{folder}/compare.html", "agreement": agreement(latest)}
    grades = list(report.grade_range)
    return {"id": jurisdiction.id, "name": jurisdiction.name, "code": code_of(jurisdiction.id, jurisdiction.name),
            "href": f"{folder}/report.html", "score": number(report.score),
            "score_range": [number(v) for v in report.score_range], "grade": report.grade, "grade_range": grades,
            "grade_label": grade_label(grades), "as_of": jurisdiction.as_of,
            "undetermined": len(report.undetermined), "card": card}


def _today_index(fw: dict[str, Any], framework: Framework, rows: list[dict[str, Any]]) -> dict[str, Any]:
    cards = sum(1 for r in rows if r["card"])
    return {
        "kind": "today", "framework": fw, "max_score": number(framework.max),
        "title": f"{fw['title']}: grades of today's law",
        "heading": "Grades of today's law",
        "lede": f"{len(rows)} jurisdiction{'s' if len(rows) != 1 else ''} graded on the latest law encoded for "
                f"each, by this project's rules; {cards} with a published card to compare.",
        "reading": f"Each square is a state, with its postal code and grade; select one for its report card. "
                   f"{RANGES[1]}",
        "table_heading": "Every encoded jurisdiction",
        "notes": ["Score: points of " + pts(framework.max) + "; a range where components are not determined "
                  "(see the method page). Published card: the publisher's latest card of the state, compared "
                  "with the law of that card's date (the law it graded), not with today's law."],
        "rows": rows,
    }


def _year_index(fw: dict[str, Any], framework: Framework, year: str, entries: Sequence[Mapping[str, Any]],
                names: Mapping[str, str], colors: Mapping[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An edition's cards: the law of each card's date graded, beside the publisher's grades."""
    rows = []
    for e in sorted(entries, key=lambda e: (names.get(e["jurisdiction"]["id"], e["jurisdiction"]["id"]), e["file"])):
        jid = e["jurisdiction"]["id"]
        code = code_of(jid, names.get(jid, e["jurisdiction"]["name"]))
        name = names.get(jid) or (CODES[code] if code else jid)  # a card of a state not encoded: its name
        computed = e["status"] == "compared"
        grades = e["grade"]["computed_range"] if computed else None
        rows.append({"id": jid, "name": name, "code": code,
                     "href": f"states/{jid}/compare.html" if jid in names else None,
                     "law_date": e["law_date"]["value"], "computed_range": e["total"]["computed_range"],
                     "computed_grade": grade_label(grades) if grades else None, "computed_grade_range": grades,
                     "published_total": e["total"]["published"], "published_grade": e["grade"]["published"],
                     "agreement": agreement(e)})
    computed_tiles, published_tiles = {}, {}
    for r in reversed(rows):
        if not r["code"]:
            continue
        published_tiles[r["code"]] = {"grades": [r["published_grade"]] * 2, "label": r["published_grade"],
                                      "href": r["href"], "title": f"{r['name']}: {year} card, grade "
                                                                  f"{r['published_grade']}"}
        if r["computed_grade_range"]:
            computed_tiles[r["code"]] = {"grades": r["computed_grade_range"], "label": r["computed_grade"],
                                         "href": r["href"],
                                         "title": f"{r['name']}: law of {r['law_date']} graded "
                                                  f"{span(*r['computed_range'])}, grade {r['computed_grade']}"}
    maps = [{**both_maps(computed_tiles, colors, f"The law of each {year} card's date, graded by this project's "
                                                 "rules; grey where there is no card or no encoded law.", compact=True),
             "heading": "Graded by the rules"},
            {**both_maps(published_tiles, colors, f"The grades the publisher's {year} cards gave; grey where "
                                                  "no card was found.", compact=True), "heading": "Published"}]
    agree = sum(1 for e in entries if e["status"] == "compared" and e["grade"]["agrees"])
    compared = sum(1 for e in entries if e["status"] == "compared")
    data = {
        "kind": "cards", "year": year, "framework": fw, "max_score": number(framework.max),
        "title": f"{fw['title']}: the {year} cards",
        "heading": f"The {year} cards: the rules beside the publisher",
        "lede": f"{len(entries)} published {year} card{'s' if len(entries) != 1 else ''}; for each, the state's "
                f"encoded law of the card's law date graded by this project's rules. Grades agree on {agree} "
                f"of {compared} compared.",
        "reading": RANGES[1],
        "table_heading": f"Every {year} card",
        "notes": ["Law graded: the date of the law the card graded, as the card file records it (stated, "
                  "inferred or assumed). Agreement: whether the grades match, and whether the published total "
                  "lies inside the computed range."],
        "rows": rows,
    }
    return data, maps


def method_data(project: Project, framework: Framework, compared: set[str]) -> dict[str, Any]:
    """The framework, its scheme and every rule with its tiers and calibration, as plain data."""
    from analyzer.render.data import calibration_data, clauses_data

    by_card = {card_file(c): c.jurisdiction for c in project.published if c.framework == framework.id}
    scheme = framework.scheme
    rules = []
    for rule in project.rules[framework.id]:
        calibration = calibration_data(rule)
        if calibration is not None:
            for e in calibration["evidence"]:
                owner = by_card.get(e["card"])
                e["href"] = f"states/{owner}/compare.html" if owner in compared else None
        rules.append({"id": rule.id, "section": rule.section, "title": rule.title, "max": number(rule.max),
                      "criterion": rule.criterion, "met": rule.met, "gap": rule.gap,
                      "recommendation": rule.recommendation, "note": rule.note,
                      "tiers": [{"index": i, "points": number(t.points), "reason": t.reason, "gap": t.gap,
                                 "clauses": clauses_data(framework, t, rule)}
                                for i, t in enumerate(rule.tiers, 1)],
                      "calibration": calibration})
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher, "description": framework.description},
        "max_score": number(framework.max),
        "sections": [{"id": s.id, "title": s.title, "max": number(s.max), "components": list(s.components)}
                     for s in framework.sections],
        "grades": [{"grade": b.grade, "min": number(b.min)}
                   for b in sorted(framework.grades, key=lambda b: b.min, reverse=True)],
        "scheme": None if scheme is None else {
            "principle": scheme.principle, "floor": number(scheme.floor), "calibration": scheme.calibration,
            "clauses": [{"id": c.id, "name": c.name, "deduction": number(c.deduction), "text": c.text}
                        for c in scheme.clauses]},
        "ranges": list(RANGES),
        "rules": rules,
    }


# --- writing the folder ---------------------------------------------------------------------------

def _refuse(out: Path, message: str) -> InputError:
    return InputError([Problem(str(out), 0, message)])


def manifest(folder: Path) -> set[str]:
    """The files a previous build wrote there (site.json's list), or none if it holds no readable one."""
    try:
        data = json.loads((folder / SITE_JSON).read_text(encoding="utf-8"))
        listed = {str(f) for f in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return listed | {SITE_JSON}


def present(folder: Path) -> set[str]:
    """Every file (or link, or anything not a folder) under `folder`, as a relative POSIX path."""
    found = set()
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        found |= {(base / name).as_posix() for name in files}
        found |= {(base / name).as_posix() for name in dirs if (Path(root) / name).is_symlink()}
    return found


def check_out(out: Path, force: bool) -> set[str]:
    """The files a previous build wrote in `out`; refused: a file, or a folder holding others (unless forced)."""
    if not out.exists() and not out.is_symlink():
        return set()
    if not out.is_dir():
        raise _refuse(out, "not a folder: the site is written into a folder (give a new or empty one)")
    old = manifest(out)
    foreign = sorted(present(out) - old)
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise _refuse(out, f"holds {len(foreign)} file{'s' if len(foreign) != 1 else ''} the site did not write "
                           f"({shown}); give a new or empty folder, or --force to write beside them")
    return old


def build(project: Project, framework: Framework, out: Path, *, force: bool = False,
          stream: IO[str] | None = None) -> Built:
    """Write the site into `out`: staged beside it, then moved into place (see the module docstring)."""
    old = check_out(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        files = []
        for path, text in pages(project, framework, stream):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if path == SITE_JSON:
                listing = json.loads(text)
                listing["files"] = sorted(files)
                listing["sha256"] = {f: hashlib.sha256((staging / f).read_bytes()).hexdigest() for f in sorted(files)}
                text = dumps(listing)
            else:
                files.append(path)
            target.write_text(text, encoding="utf-8", newline="\n")
        return _move_into_place(staging, out, [*files, SITE_JSON], old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, out: Path, files: list[str], old: set[str]) -> Built:
    """A new folder is renamed into place whole; an existing one gets each file whose bytes differ,
    then loses the files the previous build wrote and this one did not."""
    if not out.exists():
        os.rename(staging, out)
        return Built(len(files), 0, 0)
    from analyzer.documents import files_read

    read = files_read()
    changed = []
    for path in files:
        target = out / path
        if target.is_file() and not target.is_symlink() and target.read_bytes() == (staging / path).read_bytes():
            continue
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            info = None
        if info is not None and (info.st_dev, info.st_ino) in read:
            raise _refuse(out, f"{path}: this run reads that file; writing the site there would destroy it")
        changed.append(path)
    new = [p for p in changed if p not in old and p != SITE_JSON]
    if new and old:  # list the new files first, so an interrupted move leaves none the folder cannot account for
        (out / SITE_JSON).write_text(dumps({"files": sorted((old | set(new)) - {SITE_JSON}), "building": True}),
                                     encoding="utf-8")
    for path in sorted(changed, key=lambda p: p == SITE_JSON):  # site.json last: it lists a finished site
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, out / path)
    stale = sorted(old - set(files))
    for path in stale:
        (out / path).unlink(missing_ok=True)
        _prune(out, (out / path).parent)
    return Built(len(changed), len(files) - len(changed), len(stale))


def _prune(out: Path, folder: Path) -> None:
    """Remove folders a removed file leaves empty, up to (not including) the site folder."""
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
