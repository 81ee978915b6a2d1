"""Every title and description of our workflows has a German translation in Plone's domain, which is
where Plone's menus and plone.restapi look them up; and the German wins over Plone's own catalogue."""

from pathlib import Path
from zope.i18n import translate
import pytest
import re


WORKFLOWS = Path(__file__).parents[2] / "profiles" / "default" / "workflows"


def workflow_msgids():
    msgids = set()
    for definition in WORKFLOWS.glob("*/definition.xml"):
        text = definition.read_text(encoding="utf-8")
        msgids.update(re.findall(r'\n\s+title="([^"]+)"', text))
        msgids.update(re.findall(r'<description i18n:translate="">([^<]*)</description>', text))
    return sorted(msgids)


@pytest.mark.parametrize("msgid", workflow_msgids())
def test_translated(portal, msgid):
    german = translate(msgid, domain="plone", target_language="de")
    assert german != msgid


@pytest.mark.parametrize(
    ("msgid", "german"),
    [("In discussion", "In Diskussion"), ("Approve record", "Freigeben"), ("Former", "Ausgeschieden")],
)
def test_examples(portal, msgid, german):
    assert translate(msgid, domain="plone", target_language="de") == german
