"""The reviews of the evidence digest as data: load and check docs/data/reviews.yml, and render it
as a sortable table, an SVG evidence map and per-review cards, in any language.

Used by overrides/hooks/evidence.py during the build. Run on its own to check the data and write
the open-data files:
    .venv/bin/python scripts/evidence.py check
    .venv/bin/python scripts/evidence.py export OUT_DIR     (reviews.json, reviews.csv, README.txt)
"""
from __future__ import annotations

import csv
import html
import io
import json
import math
import re
import sys
from pathlib import Path

import jsonschema

from sitelib import DOCS, InputError, load_yaml, rel, source_hash

DATA = DOCS / "data"
REVIEWS = DATA / "reviews.yml"
SCHEMA = DATA / "reviews.schema.json"
I18N = DATA / "reviews-i18n"
FREE_TEXT = ("regions", "dropout", "comparator", "caveat", "digest_summary", "limitations")
FIGURES = ("studies_included", "randomised_trials", "dropout", "year")
# Fields we code from the digest: when filled, each has the digest's sentence behind it
# (quotes.<field>) or is listed in `inferred` (our reading, explained in `notes`).
CODED = ("kind", "studies_included", "randomised_trials", "regions", "models", "outcome_reporters",
         "dropout", "direction", "compared_with", "caveat")
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen",
                14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
                19: "nineteen", 20: "twenty"}
MODEL_ORDER = ["duluth", "cbt", "psychoeducational", "substance-use", "trauma", "motivational",
               "couples", "other"]
DIRECTION_ORDER = ["positive", "better-than-other", "mixed", "none", "negative"]
# Directions that read as an effect of the programme itself (against no treatment).
ABSOLUTE = {"positive", "none", "negative"}
# A sentence that reports a programme as better or worse than another treatment.
COMPARATIVE = re.compile(r"\b(better|worse|more effective|less effective)\b[^.]*?\bthan\s+(a\s+|the\s+)?"
                         r"(standard|usual|other|traditional|conventional)\b[^.]*?\btreatments?\b", re.I)
E = html.escape


def figure_in_quote(figure, quote) -> bool:
    """A figure is stated in a quote as digits, or (up to twenty) as an English number word."""
    for q in ([quote] if isinstance(quote, str) else quote):
        if re.search(rf"(?<![\d.,]){re.escape(str(figure))}(?![\d])", q):
            return True
        word = NUMBER_WORDS.get(figure) if isinstance(figure, int) else None
        if word and re.search(rf"\b{word}\b", q, flags=re.I):
            return True
    return False


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text or "")


def quote_list(q) -> list[str]:
    return [] if q is None else [q] if isinstance(q, str) else list(q)


def filled(r: dict, field: str) -> bool:
    value = r[field]
    return value not in (None, [], "") and not (field == "compared_with" and value == "not-stated")


def coding_errors(r: dict) -> list[tuple[str, str]]:
    """The coding rules of docs/data/reviews.yml, as (field, problem with its fix). One rule for
    every review: a comparison with another treatment is never shown as an effect against no
    treatment, and it always carries a caveat."""
    out = []
    d, c = r["direction"], r["compared_with"]
    if d == "better-than-other" and c != "other-treatment":
        out.append(("compared_with", f"direction is better-than-other but compared_with is {c!r}. "
                    "Fix: set compared_with: other-treatment, or choose another direction"))
    if c == "other-treatment" and d in ABSOLUTE:
        out.append(("direction", f"{d!r} reads as an effect against no treatment, but the effect was "
                    "measured against another treatment (compared_with: other-treatment). "
                    "Fix: use direction: better-than-other (or mixed)"))
    if d == "positive" and c != "no-treatment":
        out.append(("direction", f"'positive' means a positive effect against no treatment, but "
                    f"compared_with is {c!r}. Fix: use better-than-other for a comparison with "
                    "another treatment, or mixed where the comparison is unclear"))
    if c == "other-treatment" and not r["comparator"]:
        out.append(("comparator", "a comparison with another treatment must name that treatment. "
                    "Fix: write it in the digest's words, e.g. 'standard (Duluth or CBT-based) treatment'"))
    if c != "other-treatment" and r["comparator"]:
        out.append(("comparator", f"only a comparison with another treatment names one, but "
                    f"compared_with is {c!r}. Fix: set comparator: null, or correct compared_with"))
    if c == "other-treatment" and not r["caveat"]:
        out.append(("caveat", "a comparison with another treatment needs a caveat that says so, "
                    "shown at the mark. Fix: write what it was compared with, for whom, and any "
                    "safety concern"))
    for q in quote_list(r["quotes"].get("direction")):
        m = COMPARATIVE.search(q)
        if m and c != "other-treatment":
            out.append(("compared_with", f"quotes.direction compares with another treatment "
                        f"({m.group(0)!r}) but compared_with is {c!r}. Fix: set compared_with: "
                        "other-treatment and direction: better-than-other"))
    for field in CODED:
        if filled(r, field) and field not in r["quotes"] and field not in r["inferred"]:
            out.append((field, f"no quotes.{field} and not listed in inferred. Fix: quote the "
                        f"digest's sentence behind it, or add {field} to inferred and say in notes "
                        "how it was read"))
    unexplained = [f for f in r["inferred"] if f"{f}:" not in (r["notes"] or "")]
    if unexplained:
        out.append(("notes", f"inferred lists {', '.join(unexplained)} but notes does not say how "
                    f"it was read. Fix: add '{unexplained[0]}: <how it was read from the digest>' to notes"))
    return out


def load_reviews(path: Path = REVIEWS) -> list[dict]:
    """Read and check the reviews; raise InputError naming the review and the field."""
    data = load_yaml(path)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        path_ = list(err.path)
        review = data[path_[0]].get("id", f"#{path_[0] + 1}") if path_ and isinstance(data, list) \
            and isinstance(data[path_[0]], dict) else "?"
        field = ".".join(str(p) for p in path_[1:]) or "(record)"
        raise InputError(f"{rel(path)}: review {review}, field {field}: {err.message}. "
                         f"Fix: see {rel(SCHEMA)} for what the field takes (null where the digest is silent).")
    seen = set()
    for r in data:
        if r["id"] in seen:
            raise InputError(f"{rel(path)}: review {r['id']}: the id appears twice. Fix: make ids unique.")
        seen.add(r["id"])
        if not r["citation"].endswith(f"({r['year']})"):
            raise InputError(f"{rel(path)}: review {r['id']}, field citation: {r['citation']!r} does not "
                             f"end with the year ({r['year']}). Fix: write it as 'Name ({r['year']})'.")
        for field in FIGURES:
            value = r[field]
            if value is None:
                continue
            quote = r["quotes"].get(field)
            if not quote:
                raise InputError(f"{rel(path)}: review {r['id']}, field {field}: no quotes.{field}. "
                                 "Fix: add the digest's sentence that states it, verbatim.")
            figures = numbers_in(value) if isinstance(value, str) else [value]
            for fig in figures:
                if not figure_in_quote(int(fig) if str(fig).isdigit() else fig, quote):
                    raise InputError(f"{rel(path)}: review {r['id']}, field {field}: the figure {fig} "
                                     f"is not in quotes.{field}. Fix: correct the figure or quote the "
                                     "sentence that states it.")
        for field, problem in coding_errors(r):
            raise InputError(f"{rel(path)}: review {r['id']}, field {field}: {problem}.")
    return data


def load_i18n(code: str, reviews: list[dict]) -> dict:
    """Labels (and translated free text) for one language, checked against the English labels
    and, for a translation, against the free-text fields of `reviews` (from load_reviews)."""
    en = load_yaml(I18N / "en.yml")
    path = I18N / f"{code}.yml"
    if not path.is_file():
        raise InputError(f"{rel(path)}: missing, but docs/{code}/evidence/reviews.md is translated. "
                         f"Fix: copy {rel(I18N / 'en.yml')} to it and translate it (see docs/TRANSLATING.md).")
    data = load_yaml(path)

    def missing(ref, got, prefix=""):
        out = []
        for key, value in ref.items():
            if key not in (got or {}):
                out.append(prefix + key)
            elif isinstance(value, dict):
                out += missing(value, got[key], f"{prefix}{key}.")
        return out

    gaps = missing(en["labels"], data.get("labels"))
    if gaps:
        raise InputError(f"{rel(path)}: labels lack {', '.join(gaps)}. Fix: add them, translated from en.yml.")
    if code != "en":
        for r in reviews:
            tr = (data.get("reviews") or {}).get(r["id"], {})
            for field in FREE_TEXT:
                if r[field] and not tr.get(field):
                    raise InputError(f"{rel(path)}: reviews.{r['id']}.{field} is missing. "
                                     "Fix: translate it from docs/data/reviews.yml.")
                if isinstance(r[field], list) and len(tr.get(field) or []) != len(r[field]):
                    raise InputError(f"{rel(path)}: reviews.{r['id']}.{field} has {len(tr.get(field) or [])} "
                                     f"items, docs/data/reviews.yml has {len(r[field])}. Fix: translate "
                                     "each item, in the same order.")
    data["outdated"] = code != "en" and data.get("source_hash") != source_hash(REVIEWS)
    return data


def text(r: dict, field: str, i18n: dict):
    return (i18n.get("reviews") or {}).get(r["id"], {}).get(field, r[field])


def name_of(r: dict) -> str:
    """The citation without its year ('Karakurt et al.'), for the table's Review column."""
    return r["citation"][: -len(f" ({r['year']})")]


def _nobreak(name: str) -> str:
    """A name as HTML that never breaks inside a word: a hyphenated surname stays on one line."""
    return " ".join(f'<span class="ev-nw">{E(w)}</span>' if "-" in w else E(w) for w in name.split(" "))


def _nr(labels, key="not_reported") -> str:
    return f'<span class="ev-nr">{E(labels[key])}</span>'


def _cell(value, labels) -> str:
    return E(str(value)) if value not in (None, "", []) else _nr(labels)


def _list(values, vocab, labels) -> str:
    return E(labels["list_sep"]).join(E(vocab[v]) for v in values) if values else _nr(labels)


def _studies(r: dict, labels) -> str:
    n = r["studies_included"]
    if n is None:
        return _nr(labels)
    return str(n) if r["studies_unit"] == "studies" else E(labels["unit"][r["studies_unit"]].replace("{n}", str(n)))


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _compared(r: dict, i18n: dict) -> str:
    labels = i18n["labels"]
    c = r["compared_with"]
    if r["comparator"]:
        return f'<span data-comparator="{r["id"]}">{E(_upper_first(text(r, "comparator", i18n)))}</span>'
    return _nr(labels, "not_stated") if c == "not-stated" else E(labels["compared"][c])


def caveat_lines(r: dict, i18n: dict) -> list[str]:
    """What must stand beside the finding of a review compared with another treatment (or with a
    caveat): what it was compared with, and the caveat. Empty for the other reviews."""
    L = i18n["labels"]
    out = []
    if r["comparator"]:
        out.append(L["vs_other"].replace("{comparator}", text(r, "comparator", i18n)))
    if r["caveat"]:
        out.append(text(r, "caveat", i18n))
    return out


def _finding(r: dict, i18n: dict) -> str:
    """The direction of findings, with its caveat right beside it wherever it is shown."""
    L = i18n["labels"]
    out = f'<span class="ev-dir">{E(L["direction"][r["direction"]])}</span>'
    if r["caveat"]:
        out += (f'. <span class="ev-caveat" data-caveat="{r["id"]}"><strong>{E(L["caveat"])}</strong> '
                f'{E(text(r, "caveat", i18n))}</span>')
    return out


def render_table(reviews: list[dict], i18n: dict, ref_href: str = "") -> str:
    """One short row per review: no long text (that is in each review's section)."""
    L = i18n["labels"]
    # The finding and what it was compared with come first after the year: on a phone they are in
    # view beside the review's name before any swipe.
    cols = [("#", "number"), (L["col_review"], None), (L["col_year"], "number"), (L["col_direction"], None),
            (L["col_compared"], None), (L["col_kind"], None), (L["col_studies"], "number"),
            (L["col_models"], None)]
    rows = []
    for n, r in enumerate(reviews, 1):
        studies = _studies(r, L)
        if r["randomised_trials"] is not None:     # the randomised trials among them, on a line of their own
            rcts = L["rcts_in_cell"].replace("{n}", str(r["randomised_trials"]))
            studies = (studies if r["studies_included"] is not None else "") + \
                f'<span class="ev-rcts" data-rcts="{r["randomised_trials"]}">{E(rcts)}</span>'
        cells = [("", str(n)), ("", f'<a href="#{r["id"]}" dir="ltr">{_nobreak(name_of(r))}</a>'),
                 ("", str(r["year"])),
                 (f' data-sort="{DIRECTION_ORDER.index(r["direction"])}"', _finding(r, i18n)),
                 ("", _compared(r, i18n)), ("", E(L["kind"][r["kind"]])),
                 (f' data-sort="{-1 if r["studies_included"] is None else r["studies_included"]}"', studies),
                 ("", _list(r["models"], L["model"], L))]
        rows.append(f'<tr data-review="{r["id"]}">' + "".join(f"<td{a}>{c}</td>" for a, c in cells) + "</tr>")
    head = "".join(f'<th scope="col"{f" data-sort-method={m}" if m else ""}>{E(c)}</th>' for c, m in cols)
    return (f'<p class="ev-hint">{E(L["sort_hint"])} '
            f'<span class="ev-scroll-hint">{E(L["scroll_hint"])}</span></p>\n'
            f'<div class="ev-table-wrap" role="region" tabindex="0" aria-label="{E(L["table_caption"])}">'
            f'<table class="ev-table" data-evidence="table">'
            f'<caption>{E(L["table_caption"])}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


# --- The evidence map -------------------------------------------------------------------------
W_LABEL, W_COL, H_ROW, TOP = 150, 56, 46, 34
W_NOTES = 60          # extra room at the map's far edge for the caveats written beside their marks
CHAR_W = 6.4          # rough width of one character at the map's 12-13 px text, for wrapping


def _wrap(s: str, width_px: float, size: float = 12) -> list[str]:
    per_line = max(8, int(width_px / (CHAR_W * size / 12)))
    lines, line = [], ""
    for word in s.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def _mark(direction: str, x: float, y: float, size: float, dashed: bool) -> str:
    """Shapes that read without colour: ▲ positive, △ better than another treatment, ◆ mixed,
    ○ no effect shown, ▼ negative. A dashed outline: number of studies not reported."""
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    fill = "none" if dashed else None
    s = size
    if direction in ("positive", "negative", "better-than-other"):   # a triangle, up or down
        d = 1 if direction == "negative" else -1
        pts = f"{x},{y + d * s} {x + s},{y - d * s * .8} {x - s},{y - d * s * .8}"
        if direction == "better-than-other":                            # hollow: not an effect against no treatment
            return f'<polygon points="{pts}" fill="#fff" stroke="#1b1b1b" stroke-width="2.5"{dash}/>'
        return f'<polygon points="{pts}" fill="{fill or "#1b1b1b"}" stroke="#1b1b1b" stroke-width="1.5"{dash}/>'
    if direction == "mixed":
        pts = f"{x},{y - s} {x + s},{y} {x},{y + s} {x - s},{y}"
        return f'<polygon points="{pts}" fill="{fill or "#7a7a7a"}" stroke="#1b1b1b" stroke-width="1.5"{dash}/>'
    return f'<circle cx="{x}" cy="{y}" r="{s}" fill="#fff" stroke="#1b1b1b" stroke-width="2.5"{dash}/>'


def _size(studies) -> float:
    return 6.0 if studies is None else 6 + 3.2 * math.sqrt(studies) ** 0.9


def _caveat_box(rid: str, lead: str, caveat: list[str], x0: float, y: float, width: float, X) -> str:
    """A boxed note beside a mark, from x0 to the map's edge: the caveat, wrapped to fit."""
    lines = _wrap(f"{lead} {caveat[0]}", width - 12 - x0, 12)
    for more in caveat[1:]:
        lines += _wrap(more, width - 12 - x0, 12)
    h = 15 * len(lines) + 7
    y0 = y - h / 2
    w = width - 4 - x0
    out = [f'<g class="ev-map-caveat" data-caveat="{rid}">'
           f'<rect x="{min(X(x0 - 3), X(x0 - 3 + w))}" y="{y0}" width="{w}" height="{h}" fill="#fff" '
           f'stroke="#1b1b1b" stroke-width="1" rx="3"/>']
    for t, line in enumerate(lines):
        words = E(line)
        if t == 0 and line.startswith(lead):
            words = f'<tspan font-weight="bold">{E(lead)}</tspan>{E(line[len(lead):])}'
        out.append(f'<text x="{X(x0 + 2)}" y="{y0 + 16 + 15 * t}" font-size="12" text-anchor="start" '
                   f'fill="#1b1b1b">{words}</text>')
    return "".join(out) + "</g>"


def render_map(reviews: list[dict], i18n: dict, svg_id: str = "evidence-map", rtl: bool = False) -> str:
    """The SVG map. Right-to-left languages get a mirrored map (labels on the right, years running
    right to left); every x below is written left-to-right and mirrored by X()."""
    L = i18n["labels"]
    years = list(range(min(r["year"] for r in reviews), max(r["year"] for r in reviews) + 1))
    used = [m for m in MODEL_ORDER if any(m in r["models"] for r in reviews)]
    rows = used + (["_none"] if any(not r["models"] for r in reviews) else [])
    width = W_LABEL + W_COL * len(years) + 20 + (W_NOTES if any(caveat_lines(r, i18n) for r in reviews) else 0)
    X = (lambda x: round(width - x, 1)) if rtl else (lambda x: round(x, 1))

    def mirror(shape: str) -> str:
        if not rtl:
            return shape
        shape = re.sub(r'points="([^"]+)"', lambda m: 'points="' + " ".join(
            f"{X(float(p.split(',')[0]))},{p.split(',')[1]}" for p in m.group(1).split()) + '"', shape)
        return re.sub(r'cx="([^"]+)"', lambda m: f'cx="{X(float(m.group(1)))}"', shape)

    body = []
    for i, y in enumerate(years):
        x = W_LABEL + W_COL * i + W_COL / 2
        body.append(f'<text x="{X(x)}" y="{TOP - 12}" text-anchor="middle" fill="#1b1b1b">{y}</text>')
    for j, m in enumerate(rows):
        y = TOP + H_ROW * j + H_ROW / 2
        label = L["map_rows_none"] if m == "_none" else L["model"][m]
        body.append(f'<line x1="{X(W_LABEL - 6)}" x2="{X(width - 10)}" y1="{y}" y2="{y}" stroke="#c8c8c8"/>')
        body.append(f'<text x="{X(W_LABEL - 12)}" y="{y + 4}" text-anchor="end" fill="#1b1b1b">{E(label)}</text>')
    # Marks: one per review and model row; reviews sharing a cell are spread across it.
    cells: dict = {}
    for n, r in enumerate(reviews, 1):
        for m in (r["models"] or ["_none"]):
            cells.setdefault((r["year"], m), []).append((n, r))
    notes = []   # caveats, drawn last so that no line or mark covers them
    for (year, m), items in cells.items():
        j, i = rows.index(m), years.index(year)
        for k, (n, r) in enumerate(items):
            x = W_LABEL + W_COL * i + W_COL / 2 + (k - (len(items) - 1) / 2) * 34
            y = TOP + H_ROW * j + H_ROW / 2
            studies = r["studies_included"]
            s = min(_size(studies), 15)
            about = f'{L["direction"][r["direction"]]}'
            caveat = caveat_lines(r, i18n)
            if caveat:
                about += f'. {L["caveat"]} ' + " ".join(caveat)
            elif r["compared_with"] != "not-stated":
                about += f'; {L["col_compared"]}: {L["compared"][r["compared_with"]]}'
            body.append(f'<g data-review="{r["id"]}" data-direction="{r["direction"]}" '
                        f'data-compared="{r["compared_with"]}" '
                        f'data-studies="{studies if studies is not None else ""}">'
                        f'<title>{n}. {E(r["citation"])}: {E(about)}, '
                        f'{E(L["col_studies"])}: {studies if studies is not None else E(L["not_reported"])}</title>'
                        + mirror(_mark(r["direction"], x, y, s, studies is None))
                        + f'<text x="{X(x)}" y="{y - s - 3}" text-anchor="middle" font-size="11" fill="#1b1b1b">{n}</text></g>')
            if caveat:
                notes.append(_caveat_box(r["id"], L["caveat"], caveat, x + s + 8, y, width, X))
    body += notes
    # Legend: the directions used, then sizes.
    ly = TOP + H_ROW * len(rows) + 30
    body.append(f'<text x="{X(10)}" y="{ly}" font-weight="bold" fill="#1b1b1b" text-anchor="start">{E(L["legend_direction"])}</text>')
    x, line_y = 20, ly + 22
    for d in [d for d in DIRECTION_ORDER if any(r["direction"] == d for r in reviews)]:
        label = L["direction"][d] + (f' ({L["legend_other"]})' if d == "better-than-other" else "")
        w = 24 + CHAR_W * len(label)
        if x + w > width - 10 and x > 20:
            x, line_y = 20, line_y + 24
        body.append(mirror(_mark(d, x, line_y, 8, False)))
        body.append(f'<text x="{X(x + 14)}" y="{line_y + 4}" fill="#1b1b1b" text-anchor="start">{E(label)}</text>')
        x += w + 10
    sy = line_y + 36
    body.append(f'<text x="{X(10)}" y="{sy}" font-weight="bold" fill="#1b1b1b" text-anchor="start">{E(L["legend_size"])}</text>')
    x = 20
    for studies in (5, 30, 100, None):
        s = min(_size(studies), 15)
        body.append(mirror(_mark("none", x + s, sy + 26, s, studies is None)))
        body.append(f'<text x="{X(x + 2 * s + 6)}" y="{sy + 30}" fill="#1b1b1b" text-anchor="start">'
                    f'{studies if studies else E(L["not_reported"])}</text>')
        x += 2 * s + 60
    height = sy + 50
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ev-map" data-evidence="map" role="img" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="{svg_id}-title {svg_id}-desc" '
           f'direction="{"rtl" if rtl else "ltr"}" font-family="system-ui, sans-serif" font-size="13">',
           f'<title id="{svg_id}-title">{E(L["map_title"])}</title>',
           f'<desc id="{svg_id}-desc">{E(L["map_desc"].strip())}</desc>',
           f'<rect width="{width}" height="{height}" fill="#fff"/>'] + body + ["</svg>"]
    return (f'<figure class="ev-map-wrap"><p class="ev-hint ev-scroll-hint">{E(L["scroll_hint"])}</p>'
            f'<div class="ev-map-scroll" role="region" tabindex="0" '
            f'aria-label="{E(L["map_title"])}">' + "".join(out) + "</div></figure>")


def render_card(r: dict, n: int, i18n: dict) -> str:
    """The review's data, once, at the top of its section: the finding with what it was compared
    with (and its caution), the short facts, the digest's summary and the limitations it names."""
    L = i18n["labels"]
    top = [(L["col_direction"], _finding(r, i18n)), (L["col_compared"], _compared(r, i18n))]
    short = [(L["col_kind"], E(L["kind"][r["kind"]])),
             (L["col_studies"], _studies(r, L)),
             (L["col_rcts"], _cell(r["randomised_trials"], L)),
             (L["col_regions"], _cell(text(r, "regions", i18n), L)),
             (L["col_models"], _list(r["models"], L["model"], L)),
             (L["col_reporters"], _list(r["outcome_reporters"], L["reporter"], L)),
             (L["col_dropout"], _cell(text(r, "dropout", i18n), L))]
    limits = text(r, "limitations", i18n)
    bottom = [(L["col_summary"], E(text(r, "digest_summary", i18n))),
              (L["col_limitations"], ("<ul>" + "".join(f"<li>{E(x)}</li>" for x in limits) + "</ul>")
               if limits else _nr(L, "none_stated"))]
    if r["inferred"]:
        bottom.append((L["col_inferred"], ", ".join(E(L["field"][f]) for f in r["inferred"])))
    wide = lambda pairs: "".join(f'<dt class="ev-wide">{E(k)}</dt><dd class="ev-wide">{v}</dd>' for k, v in pairs)
    body = wide(top) + "".join(f'<dt>{E(k)}</dt><dd>{v}</dd>' for k, v in short) + wide(bottom)
    return (f'<div class="admonition abstract ev-card" data-evidence="card" data-review="{r["id"]}">'
            f'<p class="admonition-title">{n}. <span dir="ltr">{E(r["citation"])}</span>: {E(L["card_title"])}</p>'
            f'<dl class="ev-fields">{body}</dl></div>')


QUOTE_KEYS = ("kind", "studies_included", "randomised_trials", "regions", "models", "outcome_reporters",
              "dropout", "year", "direction", "compared_with", "caveat")


def export(out: Path, reviews: list[dict]) -> None:
    """Open data: reviews.json (with the verbatim quotes), reviews.csv, README.txt."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "reviews.json").write_text(json.dumps(reviews, ensure_ascii=False, indent=1), encoding="utf-8")
    buf = io.StringIO()
    cols = [k for k in reviews[0] if k != "quotes"] + [f"quote_{k}" for k in QUOTE_KEYS]
    w = csv.DictWriter(buf, fieldnames=cols)
    w.writeheader()
    for r in reviews:
        row = {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in r.items() if k != "quotes"}
        row.update({f"quote_{k}": " [...] ".join(quote_list(r["quotes"].get(k))) for k in QUOTE_KEYS})
        w.writerow(row)
    (out / "reviews.csv").write_text(buf.getvalue(), encoding="utf-8")
    (out / "README.txt").write_text(README, encoding="utf-8")


README = """Reviews of perpetrator intervention programmes: open data
==========================================================

reviews.json and reviews.csv hold one record for each of the twelve reviews summarised in
the GBV AoR Helpdesk Evidence Digest "Perpetrator Intervention Programmes in Emergencies".

How it was made: each field was read from the digest by hand. A field the digest does not give
is empty ("not reported"). Each coded field (kind of review, figures, models, who reported the
outcomes, drop-out, direction of findings, what the effects were compared with, caveat) is stored
with the digest's own sentence(s) behind it (quote_* columns; several passages are joined by
" [...] "). A field that is our reading, with no sentence behind it, is listed in "inferred", and
"notes" says how it was read. Automated tests check that each figure appears in its sentence and
each sentence in the digest's text. "digest_summary" and "limitations" are the digest's summary
of each review in our own short words: not the review authors' conclusions, not quotations.
"studies_unit" says what "studies_included" counts (studies, reviews or articles).

How the direction of findings is coded, the same way for every review:
- positive: a positive effect against no treatment that the digest puts down to the programmes.
  No review in the digest is coded positive.
- better-than-other: better than another treatment (compared_with = other-treatment). This is
  not an effect against no treatment, and the record's "caveat" says so; show it with the finding.
  Karakurt et al. (2016): couples therapy "slightly better" than standard (Duluth or CBT-based)
  treatment "when working with certain violent couples"; safety strongly debated.
- mixed: the digest calls the evidence mixed, inconclusive, insufficient or too limited, or
  reports effects that are small and often not significant, or positive effects that it says
  cannot be put down to the programmes (Akoensi et al., 2012).
- none: the digest says the programmes were "not shown to be effective" (Arias et al., 2013).
- negative: the digest says the programmes did harm overall. No review is coded negative.

"compared_with" is what the effects were measured against, as far as the digest says:
no-treatment, other-treatment, comparison-group (a control or comparison group whose treatment
the digest does not describe), no-comparison-group (none, or none in nearly all studies),
varies (different designs across the studies) or not-stated.

Licence: the compilation (the choice and arrangement of fields, the short summaries and
limitations) may be reused under the Creative Commons Attribution 4.0 licence (CC BY 4.0),
citing the GBV AoR Helpdesk digest and this site. The quotations are short extracts from the
digest, reproduced with attribution; the reviews themselves belong to their authors.

Schema: docs/data/reviews.schema.json in the site's source; the coding rules are also at the top
of docs/data/reviews.yml.
"""


def main() -> int:
    try:
        reviews = load_reviews()
        if len(sys.argv) > 2 and sys.argv[1] == "export":
            export(Path(sys.argv[2]), reviews)
        print(f"{len(reviews)} reviews OK")
        return 0
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
