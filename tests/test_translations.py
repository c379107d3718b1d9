"""The translation catalogues: Danish is complete, the .mo files match their .po files, and
every translatable string in the code is in the catalogues.

The last check reads the source the way `makemessages` does (templates through Django's own
templatize(), Python through its syntax tree), so a string added without re-running
makemessages fails here rather than showing up in English on the Danish site.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Where translatable strings live; apps that do not exist yet are skipped.
SOURCE_DIRS = ["engage", "frontend", "proposals", "partnerships", "notifications"]
SKIP_PARTS = {"node_modules", "static", "__pycache__", "migrations"}

# Django's makemessages keywords, as (name, index of msgctxt or None, index of msgid).
GETTEXT_FUNCTIONS = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
_CALL = re.compile(r"\b(" + "|".join(GETTEXT_FUNCTIONS) + r")\(")

Key = tuple[str | None, str]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(po_path(language)))


def _entry_key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid)


def source_files() -> list[Path]:
    files = []
    for directory in SOURCE_DIRS:
        root = Path(settings.BASE_DIR) / directory
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if SKIP_PARTS.intersection(path.relative_to(root).parts):
                continue
            is_template = path.suffix in {".html", ".txt"} and "templates" in path.parts
            if path.suffix == ".py" or is_template:
                files.append(path)
    return files


def _string_args(tokens: list[tokenize.TokenInfo]) -> list[str | None]:
    """The call's arguments up to its closing bracket: a str for a literal, else None."""
    args: list[str | None] = []
    current: list[str] = []
    literal = True
    depth = 0
    for token in tokens:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
            if depth > 1:
                literal = False
            continue
        if token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
            if depth == 0:
                break
            continue
        if depth == 1 and token.type == tokenize.OP and token.string == ",":
            args.append("".join(current) if literal and current else None)
            current, literal = [], True
        elif token.type == tokenize.STRING:
            current.append(ast.literal_eval(token.string))
        elif token.type not in {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT}:
            literal = False
    args.append("".join(current) if literal and current else None)
    return args


def template_msgids(path: Path) -> set[Key]:
    """Msgids in a template, from the gettext() calls makemessages would hand to xgettext."""
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found: set[Key] = set()
    for match in _CALL.finditer(text):
        context_index, msgid_index = GETTEXT_FUNCTIONS[match[1]]
        readline = io.StringIO(text[match.end() - 1 :]).readline
        try:
            tokens = []
            for token in tokenize.generate_tokens(readline):
                tokens.append(token)
                if token.type == tokenize.OP and token.string == ")":
                    break
        except (tokenize.TokenError, SyntaxError):
            continue
        args = _string_args(tokens)
        msgid = args[msgid_index] if len(args) > msgid_index else None
        context = args[context_index] if context_index is not None else None
        if msgid and (context_index is None or context):
            found.add((context, msgid))
    return found


def python_msgids(path: Path) -> set[Key]:
    found: set[Key] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        context_index, msgid_index = GETTEXT_FUNCTIONS[name]
        values = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        msgid = values[msgid_index] if len(values) > msgid_index else None
        context = values[context_index] if context_index is not None else None
        if isinstance(msgid, str) and msgid and (context_index is None or isinstance(context, str)):
            found.add((context, msgid))
    return found


def test_danish_catalogue_is_complete():
    po = catalogue("da")
    assert not po.metadata_is_fuzzy, "the header of the Danish catalogue is marked fuzzy"
    untranslated = []
    for entry in po:
        if entry.obsolete:
            continue
        strings = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags:
            untranslated.append(f"fuzzy: {entry.msgid!r}")
        elif not all(s.strip() for s in strings):
            untranslated.append(f"empty: {entry.msgid!r}")
    assert not untranslated, (
        "Danish translations missing in locale/da/LC_MESSAGES/django.po:\n"
        + "\n".join(untranslated)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    placeholder = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
    broken = [
        entry.msgid
        for entry in catalogue(language).translated_entries()
        if not entry.msgid_plural
        and sorted(placeholder.findall(entry.msgid)) != sorted(placeholder.findall(entry.msgstr))
    ]
    assert not broken, f"{language}: placeholders differ from the msgid in: {broken}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    # Compare content, not modification times: a git checkout sets arbitrary mtimes.
    mo_path = po_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run manage.py compilemessages"

    def entries(source) -> dict:
        return {
            (*_entry_key(e), e.msgid_plural or None): (
                tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
                if e.msgid_plural
                else e.msgstr
            )
            for e in source
            if e.msgid
        }

    expected = entries(catalogue(language).translated_entries())
    compiled = entries(polib.mofile(str(mo_path)))
    stale = sorted(
        repr(key[1])
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"{mo_path} is out of date (run manage.py compilemessages --ignore=.venv); "
        f"differs in: {', '.join(stale[:20])}"
    )


def test_every_translatable_string_is_in_the_catalogues():
    files = source_files()
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".py" for p in files)
    known = {
        language: {_entry_key(e) for e in catalogue(language) if not e.obsolete}
        for language in LANGUAGES
    }
    missing = []
    for path in files:
        msgids = python_msgids(path) if path.suffix == ".py" else template_msgids(path)
        for key in sorted(msgids, key=str):
            for language in LANGUAGES:
                if key not in known[language]:
                    where = path.relative_to(settings.BASE_DIR)
                    missing.append(f"{where} ({language}): {key[1]!r}")
    assert not missing, (
        "Strings missing from the catalogues (run makemessages, then translate):\n"
        + "\n".join(missing)
    )


def test_the_extractor_finds_strings_of_every_kind(tmp_path):
    # Guards the check above against silently finding nothing.
    template = tmp_path / "templates" / "t.html"
    template.parent.mkdir()
    template.write_text(
        '{% load i18n %}{% translate "Plain" %}{% translate "Ctx" context "menu" %}'
        "{% translate 'Single' as x %}"
        "{% blocktranslate trimmed with n=a.b %}\n  Hello\n  {{ n }}\n{% endblocktranslate %}"
        "{% blocktranslate count c=k %}One{% plural %}{{ c }} many{% endblocktranslate %}",
        encoding="utf-8",
    )
    assert template_msgids(template) == {
        (None, "Plain"),
        ("menu", "Ctx"),
        (None, "Single"),
        (None, "Hello %(n)s"),
        (None, "One"),
    }
    module = tmp_path / "m.py"
    module.write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext, ngettext\n"
        "a = _('Lazy')\nb = pgettext('verb', 'Post')\nc = ngettext('%d item', '%d items', 2)\n"
        "d = _(variable)\n",
        encoding="utf-8",
    )
    assert python_msgids(module) == {(None, "Lazy"), ("verb", "Post"), (None, "%d item")}
