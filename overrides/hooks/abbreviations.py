"""MkDocs hook: parse the tooltip definitions appended to every page (includes/abbreviations.md)
one by one, not as one block.

Python-Markdown reads consecutive lines as one block; the abbr extension takes one definition off
that block at a time, and every other block processor re-tests the rest of the block each time,
so ~200 definitions cost 0.4 s per page (most of a language's build time). A blank line between
definitions gives the same HTML ten times faster. Used by mkdocs.yml (`hooks:`); nothing to run.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

DEFINITION = re.compile(r"^\*\[[^\]]+\]:")


class _SeparateDefinitions(Preprocessor):
    def run(self, lines):
        out = []
        for line in lines:
            if DEFINITION.match(line) and out and DEFINITION.match(out[-1]):
                out.append("")
            out.append(line)
        return out


class SeparateDefinitions(Extension):
    def extendMarkdown(self, md):
        # After pymdownx.snippets (32) has appended the definitions, before the HTML and block parsers.
        md.preprocessors.register(_SeparateDefinitions(md), "separate_abbreviations", 31)


def on_config(config):
    config.markdown_extensions.append(SeparateDefinitions())
    return config
