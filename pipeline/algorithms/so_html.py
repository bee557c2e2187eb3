"""Stack Exchange post HTML -> the plain text the model sees (no Beam; used by ReadStackOverflow).

The conversion keeps code exact and makes everything else readable as plain text:

- **code blocks** (``<pre>``, usually ``<pre><code>``) become ``<code>`` + the block's text + ``</code>``
  as a paragraph of their own. The text is the ``<pre>``'s text content with HTML entities decoded
  (``&lt;`` -> ``<``) and *nothing else touched*: whitespace, indentation, trailing newline and any
  markup inside the block (``<b>`` highlights) are reduced to their characters only. Code blocks inside
  lists and quotes are not indented or prefixed, so their bytes stay exact there too.
- **inline code** (``<code>`` outside ``<pre>``) is kept in place as ``<code>x</code>``, its content
  exact as well (InCoder marks code with ``<code>``; the InCoder paper, section 3.3, and the incoder repository's example_usage.py).
- **entities** are decoded; runs of whitespace outside code collapse to one space, as a browser shows.
- **links** read ``text (url)``; a link whose text is its url reads ``url``; images read
  ``alt (src)`` (``image (src)`` without alt text).
- **lists** read ``- item`` / ``1. item`` (``<ol start=..>`` honoured), one item per line, nested lists
  indented by the width of the parent marker; ``<br>`` is a line break; ``<hr>`` is ``---``;
  blockquotes prefix each line with ``> ``; table rows read ``cell | cell``.
- **paragraphs** (``<p>``, headings, blocks) are separated by one blank line. ``<script>``/``<style>``
  are dropped.

``html_to_text("<p>Use <code>a&lt;b</code>:</p><pre><code>if a &lt; b:\\n    pass\\n</code></pre>")``
-> ``"Use <code>a<b</code>:\\n\\n<code>if a < b:\\n    pass\\n</code>"``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import lxml.etree

CODE_OPEN = "<code>"
CODE_CLOSE = "</code>"

_BLOCK_TAGS = frozenset(
    "p div pre ul ol li blockquote h1 h2 h3 h4 h5 h6 hr table thead tbody tfoot tr dl dt dd "
    "section article aside header footer figure figcaption details summary center".split()
)
_DROP_TAGS = frozenset({"script", "style", "head", "title", "template"})
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_BR = object()  # marker segment: a hard line break
_local = threading.local()  # one HTML parser per thread


@dataclass(frozen=True)
class _Block:
    text: str
    code: bool = False  # a code block: never indented or prefixed
    tight: bool = False  # joined to the previous block by one newline instead of a blank line


def html_to_text(html: str | None) -> str:
    """The readable text of one post body (see the module docstring); ``""`` for empty input."""
    if not html or not html.strip():
        return ""
    parser = getattr(_local, "parser", None)
    if parser is None:  # lxml parsers must not be shared between threads
        parser = _local.parser = lxml.etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.etree.fromstring(html, parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return ""
    body = root.find("body") if root is not None else None
    return _join(_blocks(body)) if body is not None else ""


def _text_content(el: lxml.etree._Element) -> str:
    """All text inside ``el`` (not its tail), as lxml.html's ``text_content`` gives it."""
    return "".join(el.itertext())


def _join(blocks: list[_Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("\n" if block.tight else "\n\n")
        out.append(block.text)
    return "".join(out)


def _tag(el: lxml.etree._Element) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None


def _blocks(container: lxml.etree._Element) -> list[_Block]:
    """Blocks of a container: runs of inline content become paragraphs, block children recurse."""
    blocks: list[_Block] = []
    segments: list[object] = []  # str (collapsible) | ("literal", str) | _BR

    def flush() -> None:
        text = _render_inline(segments)
        segments.clear()
        if text.strip():
            blocks.append(_Block(text.strip(" ")))

    if container.text:
        segments.append(container.text)
    for child in container:
        tag = _tag(child)
        if tag is None or tag in _DROP_TAGS:
            pass  # comments, processing instructions, scripts: no text
        elif tag in _BLOCK_TAGS:
            flush()
            blocks.extend(_block(child, tag))
        else:
            segments.extend(_inline(child, tag))
        if child.tail:
            segments.append(child.tail)
    flush()
    return blocks


def _block(el: lxml.etree._Element, tag: str) -> list[_Block]:
    if tag == "pre":
        return [_Block(CODE_OPEN + _text_content(el) + CODE_CLOSE, code=True)]
    if tag == "hr":
        return [_Block("---")]
    if tag in ("ul", "ol"):
        return _list(el, ordered=tag == "ol")
    if tag == "blockquote":
        inner = _blocks(el)
        return [b if b.code else _Block(_prefix_lines(b.text, "> ", "> "), tight=b.tight) for b in inner]
    if tag == "tr":
        cells = [_inline_text(cell) for cell in el if _tag(cell) in ("td", "th")]
        return [_Block(" | ".join(cells), tight=True)] if any(cells) else []
    if tag in ("table", "thead", "tbody", "tfoot"):
        rows = [b for child in el if _tag(child) for b in _block(child, _tag(child) or "")]
        if rows:
            rows[0] = _Block(rows[0].text, rows[0].code, tight=False)
        return rows
    return _blocks(el)


def _list(el: lxml.etree._Element, ordered: bool) -> list[_Block]:
    out: list[_Block] = []
    number = _start(el) if ordered else 0
    stray = [el.text or ""]  # text or elements outside any <li> (old hand-written HTML): kept, indented
    for item in el:
        tag = _tag(item)
        if tag != "li":
            if tag is not None and tag not in _DROP_TAGS:
                if tag in _BLOCK_TAGS:
                    blocks = _block(item, tag)
                else:
                    blocks = [_Block(_inline_text(item))]
                out.extend(
                    _Block(b.text if b.code else _prefix_lines(b.text, "  ", "  "), b.code, True)
                    for b in blocks
                    if b.text
                )
            stray.append(item.tail or "")
            continue
        stray.append(item.tail or "")
        marker = f"{number}. " if ordered else "- "
        number += 1
        inner = _blocks(item) or [_Block("")]
        indent = " " * len(marker)
        for i, b in enumerate(inner):
            if i == 0:
                text = marker + (b.text if b.code else _prefix_lines(b.text, "", indent))
            else:
                text = b.text if b.code else _prefix_lines(b.text, indent, indent)
            out.append(_Block(text if b.code else text.rstrip(" "), code=b.code, tight=True))
    loose = _SPACE_RE.sub(" ", " ".join(stray)).strip()
    if loose:
        out.append(_Block("  " + loose, tight=True))
    if out:
        out[0] = _Block(out[0].text, out[0].code, tight=False)
    return out


def _start(el: lxml.etree._Element) -> int:
    try:
        return int(el.get("start", "1"))
    except ValueError:
        return 1


def _prefix_lines(text: str, first: str, rest: str) -> str:
    """Prefix each line (``first`` for the first); blank lines get the prefix without trailing spaces."""
    out = []
    for i, line in enumerate(text.split("\n")):
        prefixed = (first if i == 0 else rest) + line
        out.append(prefixed if line.strip() else prefixed.rstrip(" "))
    return "\n".join(out)


def _inline(el: lxml.etree._Element, tag: str) -> list[object]:
    """Segments of one inline element (its tail is handled by the caller)."""
    if tag == "br":
        return [_BR]
    if tag == "code":
        return [("literal", CODE_OPEN + _text_content(el) + CODE_CLOSE)]
    if tag == "img":
        alt = _SPACE_RE.sub(" ", el.get("alt") or "").strip() or "image"
        src = (el.get("src") or "").strip()
        return [f"{alt} ({src})" if src else alt]
    inner: list[object] = [el.text] if el.text else []
    for child in el:
        child_tag = _tag(child)
        if child_tag is not None and child_tag not in _DROP_TAGS:
            if child_tag in _BLOCK_TAGS:  # a block inside an inline element: keep its text inline
                inner.append(_join(_block(child, child_tag)))
            else:
                inner.extend(_inline(child, child_tag))
        if child.tail:
            inner.append(child.tail)
    if tag == "a":
        href = (el.get("href") or "").strip()
        label = _render_inline(inner).strip()
        if not href:
            return inner
        if not label or label == href:
            return [href]
        return [*inner, f" ({href})"]
    return inner


def _inline_text(el: lxml.etree._Element) -> str:
    return _render_inline(_inline(el, _tag(el) or "span")).strip()


def _render_inline(segments: list[object]) -> str:
    """Concatenate segments: collapse whitespace in plain text, keep literals, strip around breaks."""
    out: list[list] = []  # [text, literal]
    strip_next = False
    for seg in segments:
        if seg is _BR:
            if out and not out[-1][1]:
                out[-1][0] = out[-1][0].rstrip(" ")
            out.append(["\n", True])
            strip_next = True
        elif isinstance(seg, tuple):
            out.append([seg[1], True])
            strip_next = False
        else:
            text = _SPACE_RE.sub(" ", str(seg))
            if strip_next or (out and not out[-1][1] and out[-1][0].endswith(" ")):
                text = text.lstrip(" ")
            if text:
                out.append([text, False])
                strip_next = False
    return "".join(text for text, _ in out)
