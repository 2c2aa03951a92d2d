"""The static site's own pages (index maps, method, reading list) and the shared navigation.

The state pages reuse the commands' HTML renderers unchanged; the site adds a navigation bar to
each by splicing it in after `<body>` (and its few CSS rules before the end of the page's style
sheet), so a page looks the same as the command prints it, plus the links. The US map is an inline
SVG tile grid: one square per state in its usual place, labelled with the postal code and grade,
so it stays readable at phone width, where a drawn map's small states would not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analyzer.render.html import environment, pts
from analyzer.render.wording import span

# (column, row) of each state on a 12 x 8 tile grid, the layout news maps use (NPR's).
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2), "WI": (7, 2),
    "MI": (8, 2), "NY": (9, 2), "RI": (10, 2), "MA": (11, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3), "OH": (7, 3),
    "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4), "WV": (7, 4),
    "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5), "SC": (8, 5),
    "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
}
TERRITORY_ROW = 8  # a territory gets a square only when encoded, in a row below the states
COLUMNS = 12
# Fills light enough for dark text on every one: the label carries the grade, colour only repeats it.
PALETTE = ("#7fcf94", "#c3e59f", "#fbe27c", "#fbb77a", "#f3a0a0", "#d9c2f0")
NOT_GRADED = "#e6e9ed"
# (pitch, gap, code font, grade font): the wide drawing and the one for phones (12 columns in 360 units)
WIDE = (56, 4, 17, 15)
NARROW = (30, 2, 13, 12)

NAV_CSS = """
nav.site-nav { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: .9rem;
  border-bottom: 1px solid var(--rule); margin: -.5rem 0 1.5rem; padding-bottom: .5rem; }
nav.site-nav p { margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .15rem .9rem; }
nav.site-nav a[aria-current="page"] { color: var(--ink); font-weight: 700; text-decoration: none; }
nav.site-nav .where { color: var(--muted); }
/* The compare page's summary table shares its class with the report's summary box (large type, a
   rule at the left), which pushes it off a phone's screen; on the site it is set as a table. */
table.summary { font-size: .92rem; border-left: 0; padding: 0; margin: .75rem 0; }
@media (max-width: 600px) { table.summary { font-size: .8rem; } }
"""


def grade_colors(grades: Sequence[str]) -> dict[str, str]:
    """Each grade of the framework's scale (best first) with its fill."""
    return {grade: PALETTE[min(i, len(PALETTE) - 1)] for i, grade in enumerate(grades)}


def tile_places(codes: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Every state's square, and one for each encoded territory or district not on the grid."""
    places = dict(TILES)
    extra = [c for c in codes if c not in places]
    for i, code in enumerate(sorted(extra)):
        places[code] = (i % COLUMNS, TERRITORY_ROW + i // COLUMNS)
    return places


def tile_map(tiles: Mapping[str, Mapping[str, Any]], colors: Mapping[str, str], size: tuple[int, int, int, int],
             caption: str) -> dict[str, Any]:
    """Geometry of one tile map. `tiles` maps a postal code to what its square shows: `grades`
    (low, high; empty when not graded), `label` (the grade text), `title` (the tooltip) and `href`.
    Computed here, rounded once, so the same grades give the same bytes."""
    from analyzer.postal import CODES

    pitch, gap, code_font, grade_font = size
    places = tile_places(list(tiles))
    rows = max(row for _, row in places.values()) + 1
    side = pitch - gap
    squares = []
    for code, (col, row) in sorted(places.items(), key=lambda item: (item[1][1], item[1][0])):
        tile = tiles.get(code, {})
        grades = tuple(tile.get("grades") or ())
        x, y = col * pitch + gap / 2, row * pitch + gap / 2
        fills = [colors.get(g, NOT_GRADED) for g in grades] or [NOT_GRADED]
        halves = []
        if len(fills) == 2 and fills[0] != fills[1]:  # an open range across grades: low left, high right
            halves = [{"x": x, "width": side / 2, "fill": fills[0]}, {"x": x + side / 2, "width": side / 2,
                                                                      "fill": fills[1]}]
        squares.append({
            "code": code, "x": round(x, 1), "y": round(y, 1), "side": side, "fill": fills[0],
            "halves": [{k: round(v, 1) if isinstance(v, float) else v for k, v in h.items()} for h in halves],
            "cx": round(x + side / 2, 1), "code_y": round(y + side * .44, 1), "grade_y": round(y + side * .82, 1),
            "label": tile.get("label", ""), "graded": bool(grades), "href": tile.get("href"),
            "title": tile.get("title") or f"{CODES.get(code, code)}: not encoded",
        })
    return {"width": COLUMNS * pitch, "height": rows * pitch, "squares": squares, "code_font": code_font,
            "grade_font": grade_font, "caption": caption}


def grade_label(grades: Sequence[str]) -> str:
    """`B`, or low and high joined by an en dash when an open score range spans two grades (as the
    reports write it: low first)."""
    return grades[0] if grades[0] == grades[-1] else f"{grades[0]}–{grades[-1]}"


def both_maps(tiles: Mapping[str, Mapping[str, Any]], colors: Mapping[str, str], caption: str, *,
              compact: bool = False) -> dict[str, Any]:
    """The wide drawing and the phone's; `compact` (two maps side by side, each half the page wide)
    draws the phone's geometry for both, so the labels keep their size in the half column."""
    return {"wide": tile_map(tiles, colors, NARROW if compact else WIDE, caption),
            "narrow": tile_map(tiles, colors, NARROW, caption)}


def nav_html(root: str, years: Sequence[str], here: str, state: Mapping[str, Any] | None = None,
             data: str | None = None) -> str:
    """The navigation bar: the site's pages, the state's pages when on one, and the page's JSON."""
    return environment().get_template("site-nav.html.j2").render(root=root, years=years, here=here, state=state,
                                                                 data=data)


def with_nav(page: str, nav: str) -> str:
    """A rendered page with the site's navigation: after `<body>`, its CSS at the end of the head's
    style sheet. A page without those markers is a renderer this module does not know: refused."""
    head, style_end, rest = page.partition("</style>")
    before, body, after = rest.partition("<body>\n")
    if not style_end or not body:
        raise ValueError("the page has no <style> or <body> to add the site's navigation to")
    return head + NAV_CSS + style_end + before + body + nav + after


def index_html(data: Mapping[str, Any], maps: Sequence[Mapping[str, Any]], colors: Mapping[str, str]) -> str:
    return environment().get_template("site-index.html.j2").render(d=data, maps=maps, colors=colors,
                                                                  span=span, pts=pts)


def method_html(data: Mapping[str, Any]) -> str:
    return environment().get_template("site-method.html.j2").render(d=data, pts=pts)

