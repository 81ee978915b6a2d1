"""Every message in the code and the templates has a German translation.

i18ndude extracts the msgids as `make i18n` does (``_()`` calls, ``i18n:translate`` in templates and
profiles); the domain layer's messages come from domain.messages.all_msgids(). A text added without
its German fails here, so the UI never turns half English.
"""

from pathlib import Path
from regionaustausch.domain.messages import all_msgids
import re
import shutil
import subprocess
import sys


PACKAGE = Path(__file__).resolve().parents[1] / "src" / "regionaustausch"
PO = PACKAGE / "locales" / "de" / "LC_MESSAGES" / "regionaustausch.po"
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


def test_every_extracted_message_is_translated(tmp_path):
    i18ndude = shutil.which("i18ndude", path=str(Path(sys.executable).parent))
    assert i18ndude, "i18ndude is part of the test extra"
    pot = tmp_path / "regionaustausch.pot"
    subprocess.run(
        [i18ndude, "rebuild-pot", "--pot", str(pot), "--create", "regionaustausch", "."],
        cwd=PACKAGE,
        check=True,
        capture_output=True,
    )
    extracted = {msgid for msgid in msgids(pot.read_text(encoding="utf-8")) if msgid}
    extracted |= {msgid for msgid, _where in all_msgids()}
    german = msgids(PO.read_text(encoding="utf-8"))
    missing = sorted(msgid for msgid in extracted if not german.get(msgid))
    assert not missing, f"{len(missing)} messages without German in {PO.name}: {missing[:20]}"
    untranslated = sorted(
        msgid
        for msgid in extracted
        if german[msgid] == msgid and msgid not in SAME_IN_GERMAN and " " in msgid
    )
    assert not untranslated, untranslated
