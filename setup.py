"""The regionaustausch distribution: a Plone 6.2 add-on for regional exchange of council members."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup
from setuptools.command.build_py import build_py
import re
import struct


HERE = Path(__file__).parent


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _po_unquote(text):
    """Decode one quoted PO string literal (``"..."``) into its value."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a PO string: {text!r}")
    return re.sub(r"\\(.)", lambda match: _PO_ESCAPES[match.group(1)], text[1:-1])


def parse_po(path):
    """Return ``{msgid: msgstr}`` of a PO file, leaving out fuzzy and untranslated entries.

    Understands comments, the fuzzy flag, ``msgctxt``, plural forms and continued strings; keys and values
    are built as GNU msgfmt builds them (context joined with EOT, plural forms with NUL).
    """
    messages = {}
    entry = {}
    state = {"key": None, "fuzzy": False}

    def complete():
        return any(key.startswith("msgstr") for key in entry)

    def flush():
        if complete() and not state["fuzzy"]:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid += "\0" + entry["msgid_plural"]
                forms = sorted(
                    (key for key in entry if key.startswith("msgstr[")), key=lambda k: int(k[7:-1])
                )
                msgstr = "\0".join(entry[key] for key in forms)
            else:
                msgstr = entry["msgstr"]
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            if msgstr.strip("\0") or not msgid:
                messages[msgid] = msgstr
        entry.clear()
        state["fuzzy"] = False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if complete():
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                state["fuzzy"] = True
            continue
        if line.startswith('"'):
            entry[state["key"]] += _po_unquote(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and complete():
            flush()
        state["key"] = keyword
        entry[keyword] = _po_unquote(value)
    flush()
    return messages


def write_mo(messages, path):
    """Write ``messages`` as a GNU MO file (revision 0, native byte order), the format gettext reads."""
    keys = sorted(messages)
    ids, strs, table = b"", b"", []
    for key in keys:
        encoded_id, encoded_str = key.encode("utf-8"), messages[key].encode("utf-8")
        table.append((len(encoded_id), len(ids), len(encoded_str), len(strs)))
        ids += encoded_id + b"\0"
        strs += encoded_str + b"\0"
    header_size, count = 7 * 4, len(keys)
    ids_start = header_size + 16 * count
    strs_start = ids_start + len(ids)
    out = struct.pack("Iiiiiii", 0x950412DE, 0, count, header_size, header_size + 8 * count, 0, 0)
    out += b"".join(struct.pack("ii", id_len, ids_start + id_off) for id_len, id_off, _, _ in table)
    out += b"".join(struct.pack("ii", str_len, strs_start + str_off) for _, _, str_len, str_off in table)
    path.write_bytes(out + ids + strs)


class build_py_with_catalogues(build_py):
    """Compile ``locales/*/LC_MESSAGES/*.po`` into ``.mo`` files when the package is built or installed.

    The ``.mo`` files are build products (git ignores them). In an editable install they are written next
    to their ``.po`` in the source tree, otherwise into the build directory that becomes the wheel.
    """

    def run(self):
        super().run()
        source = HERE / "src" / "regionaustausch" / "locales"
        for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(HERE / "src").with_suffix(".mo")
            target = po.with_suffix(".mo") if self.editable_mode else Path(self.build_lib) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_mo(parse_po(po), target)

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        source = HERE / "src" / "regionaustausch" / "locales"
        for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
            outputs.append(str(Path(self.build_lib) / po.relative_to(HERE / "src").with_suffix(".mo")))
        return outputs


setup(
    name="regionaustausch",
    version="1.0.0.dev0",
    description=(
        "Plone add-on for an inter-municipal exchange of council members of one economic region: "
        "municipalities, representatives, forums, exchange proposals with supports, meetings, OParl import."
    ),
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Intended Audience :: Other Audience",
        "Natural Language :: German",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ],
    keywords="Plone Kommune Region Wirtschaftsförderung OParl",
    license="GPL-2.0-only",
    # The add-on is src/regionaustausch; its GenericSetup profiles live at the top (profiles/) and are
    # shipped inside it as regionaustausch.profiles. Folders of data (templates, static files, the
    # profiles' folders) are listed as namespace packages so that their files are package data.
    package_dir={"": "src", "regionaustausch.profiles": "profiles"},
    packages=[
        *find_namespace_packages("src", include=["regionaustausch", "regionaustausch.*"]),
        "regionaustausch.profiles",
        *(f"regionaustausch.profiles.{name}" for name in find_namespace_packages("profiles")),
    ],
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.10",
    install_requires=[
        "Products.CMFPlone>=6.2",
        "Products.CMFCore",
        "Products.GenericSetup",
        "Products.DCWorkflow",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.registry",
        "plone.app.z3cform",
        "plone.autoform",
        "plone.base",
        "plone.dexterity",
        "plone.registry",
        "plone.supermodel",
        "plone.restapi",
        "plone.protect",
        "plone.i18n",
        "collective.easyform",
        "collective.z3cform.datagridfield",
        "plone.app.event",
        "plone.app.textfield",
        "plone.app.vocabularies",
        "plone.behavior",
        "plone.indexer",
        "plone.namedfile",
        "lxml",
        "nh3",
        "BTrees",
        "DateTime",
        "persistent",
        "pytz",
        "z3c.form",
        "zope.component",
        "zope.i18nmessageid",
        "zope.interface",
        "zope.schema",
        "setuptools",
    ],
    extras_require={
        "relstorage": [
            "RelStorage",
            "psycopg2-binary",
        ],
        "test": [
            "axe-playwright-python",
            "i18ndude",
            "Plone",
            "plone.app.testing",
            "playwright",
            "plone.restapi[test]",
            "pytest",
            "pytest-playwright",
            "pytest-plone",
            "pytest-xdist",
            "requests",
            "ruff",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone
    """,
    cmdclass={"build_py": build_py_with_catalogues},
)
