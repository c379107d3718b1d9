"""Plain text with light formatting becomes safe HTML, whatever a person types."""

from html.parser import HTMLParser

import pytest

from proposals.text import render

ALLOWED = {
    "p": set(),
    "br": set(),
    "strong": set(),
    "em": set(),
    "ul": set(),
    "li": set(),
    "a": {"href", "rel"},
}

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "<a href='javascript:alert(1)'>klik</a>",
    '<a href="https://ok.dk" onclick="alert(1)">klik</a>',
    "javascript:alert(1)",
    "**javascript:alert(1)**",
    "*javascript:alert(document.cookie)*",
    "[klik](javascript:alert(1))",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "**data:text/html,<script>alert(1)</script>**",
    "- data:text/html,<svg onload=alert(1)>\n- *javascript:alert(1)*",
    "&#106;avascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "java&#x09;script:alert(1)",
    "<div <img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)",
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/'onmouseover='alert(1)",
    'https://example.com/"><script>alert(1)</script>',
    "https://example.com/<img/src=x/onerror=alert(1)>",
    'https://ok.dk/**"onmouseover="alert(1)**',
    '**https://ok.dk/" onfocus=alert(1) autofocus x="**',
    '*https://ok.dk/x*"onclick="alert(1)"*',
    "http://evil.example/javascript:alert(1)",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<object data=data:text/html,<script>alert(1)</script>></object>",
    "\x00<script>alert(1)</script>",
    '<a href="https://ok.dk\x00" onclick=alert(1)>x</a>',
]


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.hrefs: list[str] = []
        self.rels: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED[tag]:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href":
                self.hrefs.append(value or "")
            if name == "rel":
                self.rels.append(value or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED:
            self.problems.append(f"end tag </{tag}>")

    def handle_comment(self, data):
        self.problems.append("comment")

    def handle_decl(self, decl):
        self.problems.append("declaration")

    def handle_pi(self, data):
        self.problems.append("processing instruction")

    def unknown_decl(self, data):
        self.problems.append("unknown declaration")


def check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    return checker


def test_there_are_enough_payloads():
    assert len(set(XSS_PAYLOADS)) >= 25


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_without_executable_markup(payload):
    for text in (payload, f"Hej\n\n{payload}\n- {payload}", f"**{payload}**", f"*{payload}*"):
        markup = render(text)
        checker = check(markup)
        assert checker.problems == [], (text, markup)
        for href in checker.hrefs:
            assert href.startswith(("http://", "https://")), (text, markup)
            assert not any(c in href for c in '"<> '), (text, markup)
        assert "<script" not in markup.lower()
        assert len(checker.rels) == len(checker.hrefs)
        assert all("nofollow" in rel.split() for rel in checker.rels)


def test_typed_markup_shows_as_text():
    assert (
        render("<b>fed</b> & <i>x</i>")
        == "<p>&lt;b&gt;fed&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;</p>"
    )


def test_entities_are_not_decoded_into_markup():
    assert render("&lt;script&gt;") == "<p>&amp;lt;script&amp;gt;</p>"


# --- formatting ---


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Hej", "<p>Hej</p>"),
        ("  Hej  \n\n", "<p>Hej</p>"),
        ("Første afsnit\n\nAndet afsnit", "<p>Første afsnit</p><p>Andet afsnit</p>"),
        ("Første\r\n\r\n\r\nAndet", "<p>Første</p><p>Andet</p>"),
        ("Linje et\nlinje to", "<p>Linje et<br>linje to</p>"),
        ("Linje et\r\nlinje to", "<p>Linje et<br>linje to</p>"),
        ("Det er **vigtigt**", "<p>Det er <strong>vigtigt</strong></p>"),
        ("Det er *vigtigt*", "<p>Det er <em>vigtigt</em></p>"),
        ("**fed** og *kursiv*", "<p><strong>fed</strong> og <em>kursiv</em></p>"),
        ("2 * 3 * 4 = 24", "<p>2 * 3 * 4 = 24</p>"),
        ("fil_navn*x*", "<p>fil_navn*x*</p>"),
        ("** ikke fed **", "<p>** ikke fed **</p>"),
        ("- æbler\n- pærer", "<ul><li>æbler</li><li>pærer</li></ul>"),
        (
            "- **æbler**\n- *pærer*",
            "<ul><li><strong>æbler</strong></li><li><em>pærer</em></li></ul>",
        ),
        ("Liste:\n\n- a\n- b\n\nSlut", "<p>Liste:</p><ul><li>a</li><li>b</li></ul><p>Slut</p>"),
        ("- a\nikke liste", "<p>- a<br>ikke liste</p>"),
        ("", ""),
    ],
)
def test_formatting(text, html):
    assert render(text) == html


LINK = '<a href="{0}" rel="nofollow noopener ugc">{0}</a>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Se https://aarhus.dk", "<p>Se " + LINK.format("https://aarhus.dk") + "</p>"),
        ("http://aarhus.dk/a?b=1", "<p>" + LINK.format("http://aarhus.dk/a?b=1") + "</p>"),
        (
            "Se https://aarhus.dk/affald.",
            "<p>Se " + LINK.format("https://aarhus.dk/affald") + ".</p>",
        ),
        ("(https://aarhus.dk/x)", "<p>(" + LINK.format("https://aarhus.dk/x") + ")</p>"),
        ("https://a.dk/?x=1&y=2", "<p>" + LINK.format("https://a.dk/?x=1&amp;y=2") + "</p>"),
        (
            "**https://aarhus.dk**",
            "<p><strong>" + LINK.format("https://aarhus.dk") + "</strong></p>",
        ),
        (
            "*Læs https://aarhus.dk/affald*",
            "<p><em>Læs " + LINK.format("https://aarhus.dk/affald") + "</em></p>",
        ),
        (
            "- https://a.dk\n- https://b.dk",
            "<ul><li>"
            + LINK.format("https://a.dk")
            + "</li><li>"
            + LINK.format("https://b.dk")
            + "</li></ul>",
        ),
        ('Se "https://aarhus.dk"', '<p>Se "' + LINK.format("https://aarhus.dk") + '"</p>'),
        ("<https://aarhus.dk>", "<p>&lt;" + LINK.format("https://aarhus.dk") + "&gt;</p>"),
        ("'https://aarhus.dk'", "<p>'" + LINK.format("https://aarhus.dk") + "'</p>"),
        ("ftp://a.dk/fil", "<p>ftp://a.dk/fil</p>"),
        ("www.aarhus.dk", "<p>www.aarhus.dk</p>"),
    ],
)
def test_links(text, html):
    assert render(text) == html


def test_formatting_never_breaks_a_link():
    markup = render("Se https://example.com/*a*b*/**c** nu")
    checker = check(markup)
    assert checker.problems == []
    assert len(checker.hrefs) == 1
    assert checker.hrefs[0].startswith("https://example.com/*a*b*/**c")
    assert "<strong>" not in checker.hrefs[0] and "<em>" not in checker.hrefs[0]
