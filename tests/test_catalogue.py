"""Every message in the code and the templates has a German and an English translation.

i18ndude extracts the msgids as `make i18n` does (``_()`` calls, ``i18n:translate`` in templates and
profiles); the domain layer's messages come from domain.messages.all_msgids(). A text added without
its German fails here, so the UI never turns half English; one without its English entry fails too
(`make i18n` adds it, see scripts/english_catalogue.py).
"""

from pathlib import Path
from regionaustausch.domain.messages import all_msgids
import pytest
import re
import shutil
import subprocess
import sys


REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "regionaustausch"
LOCALES = PACKAGE / "locales"
PO = LOCALES / "de" / "LC_MESSAGES" / "regionaustausch.po"
LANGUAGES = ("de", "en")
#: msgids whose German is the same word
SAME_IN_GERMAN = {"Forum", "Format:", "Moderation", "Regionaustausch", "Text", "Format"}


def msgids(po_text):
    found = {}
    for block in re.split(r"\n\s*\n", po_text):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            unquote = lambda text: "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', text))  # noqa: E731
            found[unquote(msgid.group(1))] = unquote(msgstr.group(1))
    return found


def catalogue(language, domain="regionaustausch"):
    return msgids((LOCALES / language / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8"))


def variables(text):
    return sorted(re.findall(r"\$\{(\w+)\}", text))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Every msgid of the domain ``regionaustausch``: extracted by i18ndude from the package and the
    profiles (type titles and descriptions, which live at the top, in profiles/), and the domain layer's."""
    i18ndude = shutil.which("i18ndude", path=str(Path(sys.executable).parent))
    assert i18ndude, "i18ndude is part of the test extra"
    pot = tmp_path_factory.mktemp("pot") / "regionaustausch.pot"
    subprocess.run(
        [i18ndude, "rebuild-pot", "--pot", str(pot), "--create", "regionaustausch", ".", "../../profiles"],
        cwd=PACKAGE,
        check=True,
        capture_output=True,
    )
    text = pot.read_text(encoding="utf-8")
    assert "#: ../../profiles/default/types/Region.xml" in text
    found = {msgid for msgid in msgids(text) if msgid}
    return found | {msgid for msgid, _where in all_msgids()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_extracted_message_is_translated(extracted, language):
    translated = catalogue(language)
    missing = sorted(msgid for msgid in extracted if not translated.get(msgid))
    assert not missing, f"{len(missing)} messages without a text in {language}: {missing[:20]}"


def test_german_is_german(extracted):
    german = catalogue("de")
    untranslated = sorted(
        msgid
        for msgid in extracted
        if german[msgid] == msgid and msgid not in SAME_IN_GERMAN and " " in msgid
    )
    assert not untranslated, untranslated


@pytest.mark.parametrize("domain", ["regionaustausch", "plone"])
def test_english_has_what_german_has(domain):
    """The workflow titles (domain plone) included; English lists nothing that German lacks."""
    german, english = catalogue("de", domain), catalogue("en", domain)
    lacking, extra = sorted(set(german) - set(english)), sorted(set(english) - set(german))
    assert (lacking, extra) == ([], []), "`make i18n` (scripts/english_catalogue.py) brings them in line"
    assert not [msgid for msgid, text in english.items() if msgid and not text]


@pytest.mark.parametrize("domain", ["regionaustausch", "plone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_variables(language, domain):
    """A text shows exactly the ``${...}`` values of its msgid (a lost one would show nothing)."""
    changed = {
        msgid: text
        for msgid, text in catalogue(language, domain).items()
        if msgid and variables(text) != variables(msgid)
    }
    assert not changed
