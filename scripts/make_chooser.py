"""Write site/index.html: a plain list of the languages (works without JavaScript) and a tiny
script that sends a first-time reader to the language their browser asks for.

Called by scripts/build_site.py after every language is built.
"""
from __future__ import annotations

import html
from pathlib import Path

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
{alternates}
<script>
/* Go to the reader's language if we have it; otherwise stay on this list. */
(function () {{
  var have = {codes};
  var asked = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < asked.length; i++) {{
    var code = String(asked[i]).toLowerCase().split("-")[0];
    if (have.indexOf(code) >= 0) {{ location.replace(code + "/"); return; }}
  }}
}})();
</script>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }}
  main {{ max-width: 34rem; margin: 0 auto; padding: 2rem 1.25rem; }}
  h1 {{ font-size: 1.4rem; color: #4a2a6b; }}
  ul {{ list-style: none; padding: 0; }}
  li {{ margin: 0.5rem 0; }}
  a {{ display: block; padding: 0.9rem 1rem; border: 2px solid #4a2a6b; border-radius: 0.4rem;
       color: #4a2a6b; font-size: 1.1rem; text-decoration: underline; }}
  a:focus, a:hover {{ background: #4a2a6b; color: #fff; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def write(langs, target: Path) -> None:
    e = html.escape
    items = "\n".join(
        f'<li><a href="{l.code}/" lang="{l.code}" dir="{l.dir}" hreflang="{l.code}">'
        f'{e(l.name)} — {e(l.strings["choose"])}</a></li>' for l in langs)
    alternates = "\n".join(f'<link rel="alternate" hreflang="{l.code}" href="{l.code}/">' for l in langs)
    codes = "[" + ",".join(f'"{l.code}"' for l in langs) + "]"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(title=e(langs[0].site_name), description=e(langs[0].site_description.strip()),
                                  alternates=alternates, codes=codes, items=items), encoding="utf-8")
