"""Words every format shares, so text, Markdown and HTML say the same thing the same way."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from analyzer.model import AmendmentRecord, Jurisdiction


def pts(value: Any) -> str:
    """Points as analysts write them: 10, 9.5; a missing value as a dash."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        from analyzer.render.data import number

        value = number(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def signed(value: Any) -> str:
    """A difference with its sign: plus, a minus sign, or ±0 for none; a missing value as a dash."""
    if value is None:
        return "—"
    text = pts(value)
    if Decimal(str(value)) > 0:
        return "+" + text
    return text.replace("-", "−") if Decimal(str(value)) < 0 else "±0"


def plural(count: object, word: str, words: str | None = None) -> str:
    """`1 point`, `2.5 points`, `0 amendments`: the count and the word that agrees with it."""
    from analyzer.render.data import number

    shown = count if isinstance(count, int) else number(count)  # type: ignore[arg-type]
    return f"{shown} {word if count == 1 else (words or word + 's')}"


def amendments_heading(amendments: Sequence[AmendmentRecord]) -> str:
    """Enacted law is "Amended by"; a bill or scenario that is not law makes the report a what-if."""
    count = plural(len(amendments), "amendment")
    if all(a.enacted for a in amendments):
        return f"Amended by {', '.join(a.bill for a in amendments)}: the encoded statutes with {count} applied"
    pending = sum(1 for a in amendments if not a.enacted)
    return f"What-if: the encoded statutes with {count} applied, {pending} of them not law"


def amendment_label(amendment: AmendmentRecord) -> str:
    """`SB 775 (2022)` for enacted law, `HB 1 (2021), hypothetical` for anything else."""
    return amendment.bill if amendment.enacted else f"{amendment.bill}, {amendment.status or 'not enacted'}"


def law_date(jurisdiction: Jurisdiction) -> str:
    """`Law as of DATE`, and which law that is: today's (the latest date encoded), or a date past the
    encoding, where the latest law encoded stands in for it."""
    text = f"Law as of {jurisdiction.as_of}"
    latest = jurisdiction.latest
    if jurisdiction.amendments:
        first, last = jurisdiction.amendments[0], jurisdiction.amendments[-1]
        count = plural(len(jurisdiction.amendments), "amendment")
        return (f"Law as of {first.applied_to} with {count} applied on top (effective {last.effective}, "
                "listed below)")
    if latest is None:
        return text
    if jurisdiction.as_of == latest:
        return f"{text} (today's law: the latest date encoded)"
    if jurisdiction.as_of > latest:
        return f"{text} (the law as encoded through {latest}; later changes are not encoded)"
    return text


def span(low: object, high: object) -> str:
    """A range as analysts write it, low and high joined by an en dash, or one number when closed."""
    return pts(low) if low == high else f"{pts(low)}–{pts(high)}"


def range_clause(high: object, undetermined: int, grades: Sequence[str]) -> str:
    """What an open range adds to a headline: `up to 92 if the 16 components not determined are
    favorable — grade D to A` (the points stated first are what the stated facts earn)."""
    low_grade, high_grade = grades
    grade = f"grade {low_grade} either way" if low_grade == high_grade else f"grade {low_grade} to {high_grade}"
    are = "is" if undetermined == 1 else "are"
    return (f"up to {pts(high)} if the {plural(undetermined, 'component')} not determined {are} favorable "
            f"— {grade}")
