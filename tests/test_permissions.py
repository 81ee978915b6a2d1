"""permissions.py is the one source of the add-on's permission names: permissions.zcml defines exactly
its ids and titles, the rolemap names only those, and no module spells a permission of ours itself."""

from pathlib import Path
from regionaustausch import permissions
from xml.etree import ElementTree
import re
import regionaustausch


PACKAGE = Path(regionaustausch.__file__).parent
ZCML_NS = "{http://namespaces.zope.org/zope}"


def zcml_permissions():
    tree = ElementTree.parse(PACKAGE / "permissions.zcml")
    return {node.get("title"): node.get("id") for node in tree.iter(f"{ZCML_NS}permission")}


def test_zcml_defines_exactly_the_python_names():
    assert zcml_permissions() == permissions.IDS


def test_every_title_is_namespaced_and_every_id_unique():
    assert all(title.startswith("regionaustausch: ") for title in permissions.IDS)
    assert len(set(permissions.IDS.values())) == len(permissions.IDS)


def test_zcml_files_use_only_defined_permission_ids():
    ours = set(permissions.IDS.values())
    used = set()
    for path in PACKAGE.rglob("*.zcml"):
        used |= set(re.findall(r'permission="(regionaustausch\.[A-Za-z]+)"', path.read_text()))
    assert used, "no ZCML names a permission of ours"
    assert used <= ours, used - ours


def test_python_modules_take_our_permission_titles_from_permissions_py():
    """Only permissions.py spells "regionaustausch: <Permission>" in code (docstrings may name them)."""
    spelled = re.compile(r'^[^#]*=\s*"regionaustausch: [A-Z]|has_permission\(\s*"regionaustausch: ')
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "permissions.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if spelled.search(line)
    ]
    assert offenders == []
