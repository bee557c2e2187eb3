"""so_html: post HTML -> the text the model sees (code exact, everything else readable)."""

from __future__ import annotations

import pytest

from pipeline.algorithms.so_html import html_to_text

CASES = [
    # (id, html, expected text)
    ("empty", "", ""),
    ("whitespace_only", "  \n ", ""),
    ("plain_text_entities", "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; &copy;", "a <b> & \"c\" 'd' \u00a9"),
    ("paragraphs", "<p>one\n  two</p>\n<p>three</p>", "one two\n\nthree"),
    (
        "code_block_exact",
        "<pre><code>def f(x):\n\tif x &lt; 1 &amp;&amp; y:\n        return  &quot;a&quot;\n\n</code></pre>",
        '<code>def f(x):\n\tif x < 1 && y:\n        return  "a"\n\n</code>',
    ),
    (
        "code_block_markup_inside",
        "<pre><code>a = <b>1</b>  # <span>note</span>\n</code></pre>",
        "<code>a = 1  # note\n</code>",
    ),
    ("pre_without_code", "<pre>  x\n   y</pre>", "<code>  x\n   y</code>"),
    (
        "inline_code_kept",
        "<p>Call <code>f(a,  b)</code> then <code>x&lt;y</code>.</p>",
        "Call <code>f(a,  b)</code> then <code>x<y</code>.",
    ),
    ("link", '<p>See <a href="https://x.org/doc">the docs</a>.</p>', "See the docs (https://x.org/doc)."),
    ("link_text_is_url", '<a href="https://x.org">https://x.org</a>', "https://x.org"),
    ("link_without_text", '<a href="https://x.org"></a>', "https://x.org"),
    ("link_without_href", '<a name="x">anchor</a>', "anchor"),
    ("image", '<img src="https://i.x/a.png" alt="a  chart">', "a chart (https://i.x/a.png)"),
    ("image_without_alt", '<img src="https://i.x/a.png">', "image (https://i.x/a.png)"),
    ("unordered_list", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "- one\n- two"),
    ("ordered_list_start", '<ol start="4"><li>four</li><li>five</li></ol>', "4. four\n5. five"),
    ("nested_list", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"),
    (
        "code_in_list_not_indented",
        "<ol><li><p>run</p><pre><code>  make\n</code></pre></li></ol>",
        "1. run\n<code>  make\n</code>",
    ),
    (
        "code_first_in_nested_item_stays_exact",
        "<ul><li>a<ul><li><pre><code>x\n  y \n</code></pre></li></ul></li></ul>",
        "- a\n- <code>x\n  y \n</code>",
    ),
    (
        "code_in_blockquote_not_prefixed",
        "<blockquote><p>see</p><pre><code>a\n b</code></pre></blockquote>",
        "> see\n\n<code>a\n b</code>",
    ),
    ("list_without_li", "<ul><ul><li>b</li></ul><p>p</p><b>x</b> stray</ul>", "  - b\n  p\n  x\n  stray"),
    ("list_after_paragraph", "<p>Steps:</p><ul><li>x</li></ul><p>done</p>", "Steps:\n\n- x\n\ndone"),
    ("blockquote", "<blockquote><p>quoted\nline</p><p>two</p></blockquote>", "> quoted line\n\n> two"),
    ("br", "<p>a<br>b <br/> c</p>", "a\nb\nc"),
    ("hr", "<p>a</p><hr><p>b</p>", "a\n\n---\n\nb"),
    ("heading", "<h2>Title</h2><p>text</p>", "Title\n\ntext"),
    ("emphasis_dropped", "<p><strong>bold</strong> and <em>it</em></p>", "bold and it"),
    ("script_dropped", "<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb"),
    ("table", "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", "a | b\n1 | 2"),
    ("unclosed_tags", "<p>open <b>bold <p>next", "open bold\n\nnext"),
    ("html_comment", "<p>a<!-- hidden -->b</p>", "ab"),
]


@pytest.mark.parametrize("html,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


def test_none_is_empty() -> None:
    assert html_to_text(None) == ""


def test_code_block_bytes_survive_any_content() -> None:
    # Every printable ASCII character and some unicode inside a code block comes out unchanged.
    code = "".join(chr(c) for c in range(32, 127)) + "\n\t  λ → 𝄞\n"
    escaped = code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = html_to_text(f"<p>x</p><pre><code>{escaped}</code></pre><p>y</p>")
    assert text == f"x\n\n<code>{code}</code>\n\ny"
