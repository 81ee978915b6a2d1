"""How the add-on makes its forms: an EasyForm from a model shipped in ``forms/models/`` (easyform's XML
model, so editors adapt it through the web afterwards), marked :class:`IRegionaustauschForm`.

A marked form has no workflow of its own (:func:`workflow_chain`, Plone's workflow by adaptation): it
takes every permission from its container, so the join form is as visible as its Region and a
registration form as its meeting, and who may edit the container edits the form. The add-on places
its forms itself (a meeting takes no other content), so the container's allowed types are not asked.
"""

from pathlib import Path
from plone.base.interfaces import IWorkflowChain
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from Products.CMFCore.interfaces import IWorkflowTool
from zope.component import adapter
from zope.interface import Interface
from zope.interface import alsoProvides
from zope.interface import implementer


MODELS = Path(__file__).parent / "models"


class IRegionaustauschForm(Interface):
    """A form that regionaustausch made (join form, registration form, survey)."""


@adapter(IRegionaustauschForm, IWorkflowTool)
@implementer(IWorkflowChain)
def workflow_chain(form, workflow_tool):
    """No workflow: the form acquires its permissions from its container."""
    return ()


def model(name):
    """The text of the shipped model ``forms/models/<name>.xml``."""
    return (MODELS / f"{name}.xml").read_text(encoding="utf-8")


def create_form(container, form_id, title, fields, actions, marker=None, **attributes):
    """A new EasyForm ``form_id`` in ``container`` with the shipped models ``fields`` and ``actions``
    (names in ``forms/models/``), marked as the add-on's (and with ``marker``), whatever the caller's
    rights: the add-on decides where its forms go. ``attributes`` are further fields of the form."""
    form = createContent(
        "EasyForm",
        id=form_id,
        title=title,
        fields_model=model(fields),
        actions_model=model(actions),
        submitLabel="Absenden",
        unload_protection=False,
        **attributes,
    )
    alsoProvides(form, IRegionaustauschForm)
    if marker is not None:
        alsoProvides(form, marker)
    return addContentToContainer(container, form, checkConstraints=False)
