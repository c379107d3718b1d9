"""Plain text with light formatting → safe HTML.

People write plain text: blank lines make paragraphs, single newlines line breaks,
**bold**, *italic*, lines starting with "- " make a list, and web addresses become links.
Everything is escaped first and the result is cleaned again with nh3, so no markup that a
person typed ever reaches a page as markup.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}

# A trailing "*" belongs to **bold** or *italic* around the address, not to the address.
_URL = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)*])")
_LINK_SLOT = re.compile(r"\x00(\d+)\x00")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")


def _inline(text: str) -> str:
    # Addresses are found in the text as typed (so a quote or "<" ends one, instead of its
    # escaped form becoming part of it) and wait in numbered slots while the rest is
    # escaped and bold and italic are applied: a "*" can never put a tag inside an href.
    links: list[str] = []

    def _slot(match: re.Match) -> str:
        links.append(html.escape(match.group(1), quote=True))
        return f"\x00{len(links) - 1}\x00"

    text = _URL.sub(_slot, text.replace("\x00", ""))
    text = html.escape(text, quote=True)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return _LINK_SLOT.sub(
        lambda m: f'<a href="{links[int(m.group(1))]}">{links[int(m.group(1))]}</a>', text
    )


def _block(block: str) -> str:
    lines = block.split("\n")
    if all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def render(text: str) -> str:
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", normalized) if b.strip()]
    return sanitize("".join(_block(b) for b in blocks))


def sanitize(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener ugc",
    )
