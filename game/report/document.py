"""A tiny document model (headings, paragraphs, lists, tables, images, quotes) and its two
renderings: Markdown with images beside it, and one self-contained HTML page.

Text in blocks is plain; `**bold**` is the only inline markup and both renderers honour it.
"""
from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    kind: str                      # h1 h2 h3 p ul table img quote break
    text: str = ""
    items: list = field(default_factory=list)   # ul: [str]; table: [[str]] rows
    head: list = field(default_factory=list)    # table headers
    src: str = ""                               # img: file name beside the document
    cite: str = ""                              # quote: its source
    cls: str = ""                               # optional HTML class


class Document:
    """An ordered list of blocks with a title and a language."""

    def __init__(self, title: str, lang: str = "en") -> None:
        self.title = title
        self.lang = lang
        self.blocks: list[Block] = []

    def h(self, level: int, text: str) -> None:
        self.blocks.append(Block(f"h{level}", text))

    def p(self, text: str, cls: str = "") -> None:
        if text:
            self.blocks.append(Block("p", text, cls=cls))

    def ul(self, items: list[str], cls: str = "") -> None:
        if items:
            self.blocks.append(Block("ul", items=list(items), cls=cls))

    def table(self, head: list[str], rows: list[list[str]], cls: str = "") -> None:
        if rows:
            self.blocks.append(Block("table", head=list(head), items=[list(r) for r in rows], cls=cls))

    def img(self, src: str, alt: str) -> None:
        self.blocks.append(Block("img", alt, src=src))

    def quote(self, text: str, cite: str = "") -> None:
        self.blocks.append(Block("quote", text, cite=cite))

    def page_break(self) -> None:
        self.blocks.append(Block("break"))


# ------------------------------------------------------------------ Markdown

def _md_inline(text: str) -> str:
    text = str(text).replace("\n", " ")
    return re.sub(r"([<>\[\]|`])", r"\\\1", text)


def to_markdown(doc: Document) -> str:
    out: list[str] = [f"# {_md_inline(doc.title)}", ""]
    for b in doc.blocks:
        k = b.kind
        if k in ("h1", "h2", "h3"):
            out += ["#" * max(2, int(k[1])) + " " + _md_inline(b.text), ""]
        elif k == "p":
            out += [_md_inline(b.text), ""]
        elif k == "ul":
            out += [f"- {_md_inline(i)}" for i in b.items] + [""]
        elif k == "table":
            out.append("| " + " | ".join(_md_inline(h) for h in b.head) + " |")
            out.append("|" + "|".join(" --- " for _ in b.head) + "|")
            out += ["| " + " | ".join(_md_inline(c) for c in row) + " |" for row in b.items]
            out.append("")
        elif k == "img":
            out += [f"![{_md_inline(b.text)}]({b.src})", ""]
        elif k == "quote":
            line = f"> {_md_inline(b.text)}"
            if b.cite:
                line += f" — *{_md_inline(b.cite)}*"
            out += [line, ""]
        elif k == "break":
            out += ["---", ""]
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ HTML

_CSS = """
body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic","Segoe UI",Roboto,Arial,sans-serif;
 font-size:19px;line-height:1.5;color:#1b1f24;background:#fff;max-width:1100px;margin:0 auto;padding:24px 36px}
h1{font-size:2.1em;margin:.2em 0 .4em;border-bottom:4px solid #D7263D;padding-bottom:.2em}
h2{font-size:1.55em;margin:1.4em 0 .4em;border-bottom:1px solid #ccd;padding-bottom:.15em}
h3{font-size:1.2em;margin:1.1em 0 .3em}
table{border-collapse:collapse;margin:.6em 0 1em;width:100%}
th,td{border:1px solid #c8ccd4;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eef1f6}
td.num,th.num{text-align:right}
img{max-width:100%;height:auto;border:1px solid #dde;margin:.4em 0 1em}
blockquote{margin:.6em 0;padding:.4em 1em;border-left:5px solid #2B59C3;background:#f4f6fb}
blockquote cite{display:block;font-size:.8em;color:#556;margin-top:.2em}
p.lead{font-size:1.25em}
p.outcome{font-size:1.3em;font-weight:bold;padding:.5em .8em;background:#fff4d6;border-left:6px solid #F2A900}
ul.question li{margin:.3em 0}
.break{page-break-after:always;border:0;border-top:2px dashed #ccd;margin:2em 0}
@media print{body{font-size:12pt;max-width:none;padding:0}.break{border:0;margin:0}
 h2{page-break-after:avoid}img{max-width:100%;page-break-inside:avoid}}
"""


def _html_inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(str(text)))


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _font_face(font: Path | None) -> str:
    """An @font-face rule embedding `font`, so Japanese shows on a machine without Japanese fonts."""
    if font is None or not font.is_file():
        return ""
    data = base64.b64encode(font.read_bytes()).decode("ascii")
    # first in the list: a font met earlier may claim Japanese code points and draw empty boxes;
    # one regular face, so the browser synthesises bold for headings
    return ('@font-face{font-family:"Red Lines JP";font-style:normal;'
            f'src:url(data:font/otf;base64,{data}) format("opentype")}}'
            'body{font-family:"Red Lines JP","Noto Sans JP",sans-serif}')


def to_html(doc: Document, base: Path | None = None, embed: bool = True, font: Path | None = None) -> str:
    """One HTML page; images beside the document are embedded as data URIs when `embed`;
    `font` (a Japanese OTF) is embedded too, for pages in Japanese."""
    out: list[str] = ["<!DOCTYPE html>", f'<html lang="{html.escape(doc.lang)}">', "<head>",
                      '<meta charset="utf-8">',
                      '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      f"<title>{html.escape(doc.title)}</title>", f"<style>{_CSS}{_font_face(font)}</style>",
                      "</head>", "<body>",
                      f"<h1>{_html_inline(doc.title)}</h1>"]
    for b in doc.blocks:
        k = b.kind
        cls = f' class="{html.escape(b.cls)}"' if b.cls else ""
        if k in ("h1", "h2", "h3"):
            level = max(2, int(k[1]))
            out.append(f"<h{level}>{_html_inline(b.text)}</h{level}>")
        elif k == "p":
            out.append(f"<p{cls}>{_html_inline(b.text)}</p>")
        elif k == "ul":
            out.append(f"<ul{cls}>" + "".join(f"<li>{_html_inline(i)}</li>" for i in b.items) + "</ul>")
        elif k == "table":
            head = "".join(f"<th>{_html_inline(h)}</th>" for h in b.head)
            rows = "".join("<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in r) + "</tr>" for r in b.items)
            out.append(f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif k == "img":
            src = b.src
            if embed and base is not None and (base / b.src).is_file():
                src = _data_uri(base / b.src)
            out.append(f'<img src="{html.escape(src)}" alt="{html.escape(b.text)}">')
        elif k == "quote":
            cite = f"<cite>{_html_inline(b.cite)}</cite>" if b.cite else ""
            out.append(f"<blockquote><p>{_html_inline(b.text)}</p>{cite}</blockquote>")
        elif k == "break":
            out.append('<hr class="break">')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
