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
FREE_TEXT = ("regions", "dropout", "conclusion", "limitations")
FIGURES = ("studies_included", "randomised_trials", "dropout", "year")
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen",
                14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
                19: "nineteen", 20: "twenty"}
MODEL_ORDER = ["duluth", "cbt", "psychoeducational", "substance-use", "trauma", "motivational",
               "couples", "other"]
E = html.escape


def figure_in_quote(figure, quote: str) -> bool:
    """A figure is stated in a quote as digits, or (up to twenty) as an English number word."""
    if re.search(rf"(?<![\d.,]){re.escape(str(figure))}(?![\d])", quote):
        return True
    word = NUMBER_WORDS.get(figure) if isinstance(figure, int) else None
    return bool(word and re.search(rf"\b{word}\b", quote, flags=re.I))


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text or "")


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
    data["outdated"] = code != "en" and data.get("source_hash") != source_hash(REVIEWS)
    return data


def text(r: dict, field: str, i18n: dict):
    return (i18n.get("reviews") or {}).get(r["id"], {}).get(field, r[field])


def _cell(value, labels) -> str:
    return E(str(value)) if value not in (None, "", []) else f'<span class="ev-nr">{E(labels["not_reported"])}</span>'


def _list(values, vocab, labels) -> str:
    return ", ".join(E(vocab[v]) for v in values) if values else f'<span class="ev-nr">{E(labels["not_reported"])}</span>'


def render_table(reviews: list[dict], i18n: dict, ref_href: str = "") -> str:
    L = i18n["labels"]
    cols = ["#", L["col_review"], L["col_year"], L["col_kind"], L["col_studies"], L["col_rcts"],
            L["col_models"], L["col_reporters"], L["col_dropout"], L["col_direction"], L["col_conclusion"]]
    rows = []
    for n, r in enumerate(reviews, 1):
        cells = [str(n), f'<a href="#{r["id"]}">{E(r["citation"])}</a>', str(r["year"]), E(L["kind"][r["kind"]]),
                 _cell(r["studies_included"], L), _cell(r["randomised_trials"], L),
                 _list(r["models"], L["model"], L), _list(r["outcome_reporters"], L["reporter"], L),
                 _cell(text(r, "dropout", i18n), L), E(L["direction"][r["direction"]]),
                 E(text(r, "conclusion", i18n))]
        rows.append(f'<tr data-review="{r["id"]}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{E(c)}</th>' for c in cols)
    return (f'<p class="ev-hint">{E(L["sort_hint"])} '
            f'<span class="ev-scroll-hint">{E(L["scroll_hint"])}</span></p>\n'
            f'<div class="md-typeset__table ev-table-wrap" role="region" tabindex="0" aria-label="{E(L["table_caption"])}">'
            f'<table class="ev-table" data-evidence="table">'
            f'<caption>{E(L["table_caption"])}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


# --- The evidence map -------------------------------------------------------------------------
W_LABEL, W_COL, H_ROW, TOP, LEGEND_H = 150, 62, 46, 34, 118


def _mark(direction: str, x: float, y: float, size: float, dashed: bool) -> str:
    """Shapes that read without colour: ▲ positive, ◆ mixed, ○ none, ▼ negative."""
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    fill = "none" if dashed else None
    s = size
    if direction in ("positive", "negative"):   # a triangle pointing up or down
        d = -1 if direction == "positive" else 1
        pts = f"{x},{y + d * s} {x + s},{y - d * s * .8} {x - s},{y - d * s * .8}"
        return f'<polygon points="{pts}" fill="{fill or "#1b1b1b"}" stroke="#1b1b1b" stroke-width="1.5"{dash}/>'
    if direction == "mixed":
        pts = f"{x},{y - s} {x + s},{y} {x},{y + s} {x - s},{y}"
        return f'<polygon points="{pts}" fill="{fill or "#7a7a7a"}" stroke="#1b1b1b" stroke-width="1.5"{dash}/>'
    return f'<circle cx="{x}" cy="{y}" r="{s}" fill="#fff" stroke="#1b1b1b" stroke-width="2.5"{dash}/>'


def _size(studies) -> float:
    return 6.0 if studies is None else 6 + 3.2 * math.sqrt(studies) ** 0.9


def render_map(reviews: list[dict], i18n: dict, svg_id: str = "evidence-map") -> str:
    L = i18n["labels"]
    years = list(range(min(r["year"] for r in reviews), max(r["year"] for r in reviews) + 1))
    used = [m for m in MODEL_ORDER if any(m in r["models"] for r in reviews)]
    rows = used + (["_none"] if any(not r["models"] for r in reviews) else [])
    width = W_LABEL + W_COL * len(years) + 20
    height = TOP + H_ROW * len(rows) + 30 + LEGEND_H
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ev-map" data-evidence="map" role="img" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="{svg_id}-title {svg_id}-desc" '
           f'font-family="system-ui, sans-serif" font-size="13">',
           f'<title id="{svg_id}-title">{E(L["map_title"])}</title>',
           f'<desc id="{svg_id}-desc">{E(L["map_desc"].strip())}</desc>',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for i, y in enumerate(years):
        x = W_LABEL + W_COL * i + W_COL / 2
        out.append(f'<text x="{x}" y="{TOP - 12}" text-anchor="middle" fill="#1b1b1b">{y}</text>')
    for j, m in enumerate(rows):
        y = TOP + H_ROW * j + H_ROW / 2
        label = L["map_rows_none"] if m == "_none" else L["model"][m]
        out.append(f'<line x1="{W_LABEL - 6}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="#c8c8c8"/>')
        out.append(f'<text x="{W_LABEL - 12}" y="{y + 4}" text-anchor="end" fill="#1b1b1b">{E(label)}</text>')
    # Marks: one per review and model row; reviews sharing a cell are spread across it.
    cells: dict = {}
    for n, r in enumerate(reviews, 1):
        for m in (r["models"] or ["_none"]):
            cells.setdefault((r["year"], m), []).append((n, r))
    for (year, m), items in cells.items():
        j, i = rows.index(m), years.index(year)
        for k, (n, r) in enumerate(items):
            x = W_LABEL + W_COL * i + W_COL / 2 + (k - (len(items) - 1) / 2) * 34
            y = TOP + H_ROW * j + H_ROW / 2
            studies = r["studies_included"]
            s = min(_size(studies), 15)
            out.append(f'<g data-review="{r["id"]}" data-direction="{r["direction"]}" '
                       f'data-studies="{studies if studies is not None else ""}">'
                       f'<title>{n}. {E(r["citation"])}: {E(L["direction"][r["direction"]])}, '
                       f'{E(L["col_studies"])}: {studies if studies is not None else E(L["not_reported"])}</title>'
                       + _mark(r["direction"], x, y, s, studies is None)
                       + f'<text x="{x}" y="{y - s - 3}" text-anchor="middle" font-size="11" fill="#1b1b1b">{n}</text></g>')
    # Legend: direction shapes, then sizes.
    ly = TOP + H_ROW * len(rows) + 30
    out.append(f'<text x="10" y="{ly}" font-weight="bold" fill="#1b1b1b">{E(L["legend_direction"])}</text>')
    x = 20
    for d in ("positive", "mixed", "none", "negative"):
        out.append(_mark(d, x, ly + 22, 8, False))
        out.append(f'<text x="{x + 14}" y="{ly + 26}" fill="#1b1b1b">{E(L["direction"][d])}</text>')
        x += 24 + 7.2 * len(L["direction"][d])
    out.append(f'<text x="10" y="{ly + 58}" font-weight="bold" fill="#1b1b1b">{E(L["legend_size"])}</text>')
    x = 20
    for studies in (5, 30, 100, None):
        s = min(_size(studies), 15)
        out.append(_mark("none", x + s, ly + 84, s, studies is None))
        out.append(f'<text x="{x + 2 * s + 6}" y="{ly + 88}" fill="#1b1b1b">{studies if studies else E(L["not_reported"])}</text>')
        x += 2 * s + 60
    out.append("</svg>")
    return (f'<figure class="ev-map-wrap"><p class="ev-hint ev-scroll-hint">{E(L["scroll_hint"])}</p>'
            f'<div class="ev-map-scroll" role="region" tabindex="0" '
            f'aria-label="{E(L["map_title"])}">' + "".join(out) + "</div></figure>")


def render_card(r: dict, n: int, i18n: dict) -> str:
    L = i18n["labels"]
    fields = [(L["col_year"], str(r["year"])), (L["col_group"], E(L["group"][r["group"]])),
              (L["col_kind"], E(L["kind"][r["kind"]])),
              (L["col_studies"], _cell(r["studies_included"], L)),
              (L["col_rcts"], _cell(r["randomised_trials"], L)),
              (L["col_regions"], _cell(text(r, "regions", i18n), L)),
              (L["col_models"], _list(r["models"], L["model"], L)),
              (L["col_reporters"], _list(r["outcome_reporters"], L["reporter"], L)),
              (L["col_dropout"], _cell(text(r, "dropout", i18n), L)),
              (L["col_direction"], E(L["direction"][r["direction"]])),
              (L["col_conclusion"], E(text(r, "conclusion", i18n))),
              (L["col_limitations"], "; ".join(E(x) for x in text(r, "limitations", i18n))
               or f'<span class="ev-nr">{E(L["none_stated"])}</span>')]
    body = "".join(f"<dt>{E(k)}</dt><dd>{v}</dd>" for k, v in fields)
    return (f'<div class="admonition abstract ev-card" data-evidence="card" data-review="{r["id"]}">'
            f'<p class="admonition-title">{n}. {E(r["citation"])}: {E(L["card_title"])}</p>'
            f'<dl class="ev-fields">{body}</dl></div>')


def export(out: Path, reviews: list[dict]) -> None:
    """Open data: reviews.json (with the verbatim quotes), reviews.csv, README.txt."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "reviews.json").write_text(json.dumps(reviews, ensure_ascii=False, indent=1), encoding="utf-8")
    buf = io.StringIO()
    cols = [k for k in reviews[0] if k != "quotes"] + [f"quote_{k}" for k in FIGURES + ("direction",)]
    w = csv.DictWriter(buf, fieldnames=cols)
    w.writeheader()
    for r in reviews:
        row = {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in r.items() if k != "quotes"}
        row.update({f"quote_{k}": r["quotes"].get(k, "") for k in FIGURES + ("direction",)})
        w.writerow(row)
    (out / "reviews.csv").write_text(buf.getvalue(), encoding="utf-8")
    (out / "README.txt").write_text(README, encoding="utf-8")


README = """Reviews of perpetrator intervention programmes: open data
==========================================================

reviews.json and reviews.csv hold one record for each of the twelve reviews summarised in
the GBV AoR Helpdesk Evidence Digest "Perpetrator Intervention Programmes in Emergencies".

How it was made: each field was copied from the digest by hand. A field the digest does not give
is empty ("not reported"); nothing is inferred. Every figure (studies included, randomised trials,
drop-out, year) and each direction of findings is stored with the digest's own sentence that
states it (quote_* columns), and automated tests check that each figure appears in its sentence
and each sentence in the digest's text. "direction" is the direction of findings as the digest
reports it: positive, mixed (mixed or inconclusive), none (no effect shown) or negative.

Licence: the compilation (the choice and arrangement of fields, the short conclusions and
limitations) may be reused under the Creative Commons Attribution 4.0 licence (CC BY 4.0),
citing the GBV AoR Helpdesk digest and this site. The quotations are short extracts from the
digest, reproduced with attribution; the reviews themselves belong to their authors.

Schema: docs/data/reviews.schema.json in the site's source.
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
