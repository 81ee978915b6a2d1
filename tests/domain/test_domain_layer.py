"""Properties of the domain layer as a whole: no Zope, documented, every msgid translated."""

from pathlib import Path
from regionaustausch.domain.messages import MODULES
from regionaustausch.domain.messages import VOCABULARIES
from regionaustausch.domain.messages import all_msgids
import ast
import importlib
import inspect
import pytest
import re
import regionaustausch.domain
import sys


DOMAIN = Path(regionaustausch.domain.__file__).parent
PO = DOMAIN.parent / "locales" / "de" / "LC_MESSAGES" / "regionaustausch.po"
ALLOWED_THIRD_PARTY = {"lxml", "lxml_html_clean", "nh3"}
PLACEHOLDER = re.compile(r"\$\{([a-zA-Z_][-a-zA-Z0-9_]*)\}")
SOURCES = sorted(DOMAIN.glob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_domain_imports_nothing_of_zope_plone_or_the_package(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import in {path.name}"
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or top in ALLOWED_THIRD_PARTY
                or name == "regionaustausch.domain"
                or name.startswith("regionaustausch.domain.")
            )
            assert allowed, f"{path.name} imports {name}"


@pytest.mark.parametrize("name", ["errors", "messages", *MODULES])
def test_modules_and_public_functions_are_documented(name):
    module = importlib.import_module(f"regionaustausch.domain.{name}")
    assert (module.__doc__ or "").strip(), f"{name} has no docstring"
    for attribute, value in vars(module).items():
        if attribute.startswith("_") or getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(value) or inspect.isclass(value):
            assert (value.__doc__ or "").strip(), f"{name}.{attribute} has no docstring"


MSGIDS = all_msgids()


def test_msgids_are_collected():
    assert len(MSGIDS) > 50
    assert len({msgid for msgid, _where in MSGIDS}) == len(MSGIDS)


@pytest.mark.parametrize(("msgid", "where"), MSGIDS, ids=[where for _msgid, where in MSGIDS])
def test_msgids_are_well_formed(msgid, where):
    assert msgid == msgid.strip()
    assert "  " not in msgid
    without_placeholders = PLACEHOLDER.sub("", msgid)
    assert "$" not in without_placeholders, "use ${name}, nothing else with a dollar sign"
    vocabularies = {name for names in VOCABULARIES.values() for name in names}
    if where.split(".")[1] in vocabularies:
        assert not msgid.endswith("."), "titles are no sentences"
    else:
        assert msgid.endswith("."), "messages are complete sentences"
    assert msgid[0].isupper() or msgid[0].isdigit() or msgid.startswith("${")


def _parse_po(path):
    """``{msgid: msgstr}`` of a PO file (enough for ours: single-line and continued strings, fuzzy)."""
    messages, entry, key, fuzzy = {}, {}, None, False

    def unquote(text):
        return re.sub(
            r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text.strip()[1:-1]
        )

    def flush():
        nonlocal fuzzy
        if "msgid" in entry and "msgstr" in entry and not fuzzy:
            messages[entry["msgid"]] = entry["msgstr"]
        entry.clear()
        fuzzy = False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if "msgstr" in entry:
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            entry[key] += unquote(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword == "msgid" and "msgstr" in entry:
            flush()
        key = keyword
        entry[key] = unquote(value)
    flush()
    return messages


@pytest.fixture(scope="module")
def catalogue():
    return _parse_po(PO)


@pytest.mark.parametrize(("msgid", "where"), MSGIDS, ids=[where for _msgid, where in MSGIDS])
def test_every_msgid_has_a_german_translation(catalogue, msgid, where):
    assert msgid in catalogue, f"{where}: no German translation for {msgid!r}"
    translation = catalogue[msgid]
    assert translation.strip(), f"{where}: empty translation"
    assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(msgid))
