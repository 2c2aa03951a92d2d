"""Published report cards as data: the shipped cards hold the published figures, and a broken card
gets one `FILE:LINE: problem` line per problem, all in one run, exit 2."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from analyzer.published import read_card
from tests.conftest import edit

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "data" / "mini"
CARD = "published/toy/partial-2020.yaml"


def problems(cli, mini: Path) -> list[str]:
    result = cli("validate", "--rules", "rules", "--statutes", "statutes", cwd=mini)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return result.stderr.splitlines()


def test_missouri_card_holds_the_seed_card_figures() -> None:
    card = read_card(ROOT / "published/pic/missouri-2019.yaml")
    assert (card.framework, card.jurisdiction, card.edition.value) == ("pic", "missouri", "2019")
    assert (card.total, card.grade) == (Decimal("89.5"), "B")
    assert [(s.id, s.score) for s in card.sections] == [
        ("1", 10), ("2", 23), ("3", 15), ("4", Decimal("9.5")), ("5", 20), ("6", 12)]
    assert card.law_date.confidence in ("stated", "inferred", "assumed") and card.law_date.note
    assert "sharedhope.org" in card.source


def test_oklahoma_card_records_that_its_edition_year_is_an_assumption() -> None:
    card = read_card(ROOT / "published/pic/oklahoma-2019.yaml")
    assert (card.total, card.grade) == (90, "A")
    assert [s.score for s in card.sections] == [10, Decimal("24.5"), 15, Decimal("7.5"), 21, 12]
    assert card.edition.confidence == "assumed" and "working assumption" in card.edition.note
    assert "Oklahoma" in card.source


def test_shipped_cards_validate(cli) -> None:
    result = cli("validate")
    assert result.returncode == 0, result.stderr
    shipped = len(list((ROOT / "published").glob("*/*.yaml")))
    assert f"{shipped} published cards" in result.stdout


def test_a_card_whose_jurisdiction_is_not_encoded_is_valid(cli, mini: Path) -> None:
    assert (mini / "published/toy/elsewhere-2020.yaml").is_file()
    result = cli("validate", "--rules", "rules", "--statutes", "statutes", cwd=mini)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("3 published cards")


def test_scores_that_do_not_add_up_to_the_total(cli, mini: Path) -> None:
    edit(mini / CARD, "total: 3.5", "total: 4")
    assert f"{CARD}:6: the section scores add up to 3.5, not the total of 4" in problems(cli, mini)


def test_a_grade_the_scale_contradicts(cli, mini: Path) -> None:
    edit(mini / CARD, "grade: F", "grade: B")
    assert f"{CARD}:7: the toy scale gives F for 3.5, not B" in problems(cli, mini)


def test_an_unknown_grade(cli, mini: Path) -> None:
    edit(mini / CARD, "grade: F", "grade: E")
    assert f"{CARD}:7: unknown grade 'E' on the toy scale (A, B, F)" in problems(cli, mini)


def test_an_unknown_section_suggests_the_right_one(cli, mini: Path) -> None:
    edit(mini / CARD, "  B: 0", "  b: 0")
    lines = problems(cli, mini)
    assert f"{CARD}:12: unknown section 'b' of toy (did you mean 'B'?)" in lines


def test_a_card_may_publish_some_sections_or_the_grade_alone(cli, mini: Path) -> None:
    def valid() -> bool:
        return cli("validate", "--rules", "rules", "--statutes", "statutes", cwd=mini).returncode == 0

    edit(mini / CARD, "  B: 0", "")
    assert valid()
    edit(mini / CARD, "total: 3.5\n", "")
    assert valid()
    compared = json.loads(cli("compare", "partial", "--format", "json", "--rules", "rules", "--statutes", "statutes",
                              cwd=mini).stdout)["cards"][0]
    assert compared["total"]["published"] is None and compared["total"]["difference"] is None
    assert [s["published"] for s in compared["sections"]] == [3.5, None]


def test_published_sections_cannot_exceed_the_total(cli, mini: Path) -> None:
    edit(mini / CARD, "  B: 0", "")
    edit(mini / CARD, "total: 3.5", "total: 3")
    edit(mini / CARD, "grade: F", "grade: F")
    assert problems(cli, mini) == [f"{CARD}:9: the published section scores add up to 3.5, more than the total of 3"]


def test_a_score_above_the_sections_max(cli, mini: Path) -> None:
    edit(mini / CARD, "score: 3.5", "score: 5.5")
    edit(mini / CARD, "total: 3.5", "total: 5.5")
    edit(mini / CARD, "grade: F", "grade: B")
    assert problems(cli, mini) == [f"{CARD}:10: section 'A' scores 5.5, more than its max of 5"]


def test_an_unknown_framework_suggests_the_right_one(cli, mini: Path) -> None:
    edit(mini / CARD, "framework: toy", "framework: toys")
    lines = problems(cli, mini)
    assert f"{CARD}:2: unknown framework 'toys' (did you mean 'toy'?)" in lines
    assert f"{CARD}:2: a card of framework 'toys' belongs in the folder 'toys/', not 'toy/'" in lines


def test_a_misspelled_jurisdiction_suggests_the_encoded_one(cli, mini: Path) -> None:
    edit(mini / CARD, "jurisdiction: partial", "jurisdiction: partal")
    lines = problems(cli, mini)
    assert f"{CARD}:4: unknown jurisdiction 'partal' (did you mean 'partial'?)" in lines
    assert f"{CARD}:4: a card of 'partal' (2020 edition) belongs in a file named 'partal-2020.yaml', " \
           "not 'partial-2020.yaml'" in lines


def test_schema_problems_point_at_their_lines(cli, mini: Path) -> None:
    edit(mini / CARD, "score: 3.5", "score: 3.25")
    edit(mini / CARD, 'edition: "2020"', "edition: 2020")
    edit(mini / CARD, "source: synthetic test card", "")
    edit(mini / CARD, "[A synthetic finding about offenses.]", "[" + "x" * 301 + "]")
    lines = problems(cli, mini)
    assert f"{CARD}:2: missing required key 'source'" in lines
    assert f'{CARD}:3: edition: write the edition as text, e.g. "2019"' in lines
    assert f"{CARD}:10: sections.A.score: points move in steps of 0.5" in lines
    assert any(line.startswith(f"{CARD}:11: sections.A.findings[0]: keep a quotation short") for line in lines)


def test_every_broken_card_is_reported_in_one_run(cli, mini: Path) -> None:
    edit(mini / CARD, "total: 3.5", "total: [3.5")
    edit(mini / "published/toy/ideal-2020.yaml", "grade: A", "grade: B")
    lines = problems(cli, mini)
    assert any(line.startswith(f"{CARD}:") and "malformed YAML" in line for line in lines)
    assert "published/toy/ideal-2020.yaml:7: the toy scale gives A for 7.5, not B" in lines


def test_a_published_folder_that_does_not_exist(cli) -> None:
    result = cli("validate", "--published", "no-such-folder")
    assert result.returncode == 2
    assert result.stderr.strip() == "no-such-folder:1: published folder not found"


@pytest.mark.parametrize("state", sorted(p.stem for p in (ROOT / "statutes").glob("*.yaml") if p.stem != "federal"))
def test_every_shipped_state_has_a_timeline_whatever_cards_other_states_have(cli, state: str) -> None:
    """A command that reads one state's statutes still reads every card: a card of a state it did not
    read is no misspelling of the state it did."""
    result = cli("timeline", state, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["points"]
