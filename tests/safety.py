"""What a page shows must not link or load anything from another origin, nor show "nan".

`outside_references(markdown)` renders Markdown the way a CommonMark renderer does
(markdown-it-py) and lists every link or image target in the result, plus any bare
`https://` or `www.` text that GitHub-flavoured Markdown (Streamlit's renderer) would
turn into a link. Escaped text (attnviz.viz.render.escape_markdown) yields none.
"""

import re
from html.parser import HTMLParser

# GFM "autolink literal": www. or a scheme followed by ://, not broken by an escape.
AUTOLINK_LITERAL = re.compile(r"(?<!\\)(?:\b(?:https?|ftp|mailto):(?!\\)|\bwww\.)", re.I)
NAN = re.compile(r"(?<![A-Za-z])nan(?![A-Za-z])", re.I)


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "formaction", "poster", "data"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("script", "iframe", "object", "embed", "img", "a", "link", "base"):
            self.found.append(f"<{tag}>")


# A CSS url() that leaves the page's origin.
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def html_references(html):
    """What in `html` links, loads or runs something (a, img, script, href=, src=, url())."""
    parser = _References()
    parser.feed(html)
    return parser.found + OUTSIDE_URL.findall(html)


def outside_references(markdown):
    """Links, images, raw HTML tags and autolink literals that `markdown` would render."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(markdown)
    return html_references(rendered) + AUTOLINK_LITERAL.findall(markdown)


def shows_nan(text):
    """Does `text` show a NaN ("nan", "NaN", "nan%") as a number would?"""
    return bool(NAN.search(text))
