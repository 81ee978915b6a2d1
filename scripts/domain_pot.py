"""Write the msgids of the domain layer (regionaustausch.domain.messages.all_msgids) as a .pot file.

The domain modules import nothing of Zope, so their messages are no ``_()`` calls that i18ndude finds;
`make i18n` merges this file into the extracted one so that ``i18ndude sync`` keeps their translations.
Usage: python scripts/domain_pot.py <output.pot>
"""

from regionaustausch.domain.messages import all_msgids
import sys


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(path):
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=utf-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Domain: regionaustausch\\n"',
        "",
    ]
    for msgid, where in all_msgids():
        lines += [f"#: domain/{where}", f"msgid {quote(msgid)}", 'msgstr ""', ""]
    with open(path, "w", encoding="utf-8") as pot:
        pot.write("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1])
