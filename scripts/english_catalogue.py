"""Bring the English catalogues in line with the German ones (`make i18n` runs it).

The msgids are English, so an English entry is its msgid unless ``locales/en`` already gives another
text: the script adds what the German catalogue has and the English one lacks (as the msgid), keeps
every English text that is there, and drops entries that the German catalogue no longer has.

Usage: python scripts/english_catalogue.py [<locales folder>]
"""

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.messages.pofile import write_po
from datetime import datetime
from datetime import timezone
from pathlib import Path
import sys


LOCALES = Path(__file__).resolve().parent.parent / "src" / "regionaustausch" / "locales"
DOMAINS = ("regionaustausch", "plone")
HEADER = (
    "# English texts of regionaustausch's messages (domain {domain}); scripts/english_catalogue.py keeps\n"
)
HEADER += "# them in line with the German catalogue. A msgid is English: its entry repeats it unless the\n"
HEADER += "# English text reads better otherwise."


def read(path):
    with path.open("rb") as source:
        return read_po(source)


def english(domain, german, existing):
    """The English catalogue: every message of ``german``, with the text of ``existing`` where it has one.

    Its dates stay those of ``existing``, so that a run that changes no message changes no line.
    """
    created = existing.creation_date if existing is not None else datetime.now(timezone.utc)
    catalogue = Catalog(
        locale="en",
        domain=domain,
        project="regionaustausch",
        version="1.0",
        last_translator="regionaustausch",
        language_team="English",
        header_comment=HEADER.format(domain=domain),
        creation_date=created,
        revision_date=created,
        fuzzy=False,
    )
    catalogue.msgid_bugs_address = ""  # no address to report to (Babel's default is a placeholder)
    for message in german:
        if not message.id:
            continue
        known = existing.get(message.id) if existing is not None else None
        catalogue.add(
            message.id,
            string=known.string if known is not None and known.string else message.id,
            locations=message.locations,
            user_comments=message.user_comments,
            auto_comments=message.auto_comments,
        )
    return catalogue


def main(locales=LOCALES):
    for domain in DOMAINS:
        german = read(locales / "de" / "LC_MESSAGES" / f"{domain}.po")
        target = locales / "en" / "LC_MESSAGES" / f"{domain}.po"
        existing = read(target) if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            write_po(out, english(domain, german, existing), width=0, omit_header=False)
        print(f"{target}: {len(german) - 1} messages")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else LOCALES)
