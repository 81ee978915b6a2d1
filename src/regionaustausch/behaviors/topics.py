"""The topics behaviour: what a representative, forum or proposal is about, from a controlled German
vocabulary (regionaustausch.topics) that a site administrator can extend in the control panel."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from regionaustausch import _
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class ITopics(model.Schema):
    """Topics of economic policy; stored on the object itself (a schema-only behaviour)."""

    directives.widget("topics", CheckBoxFieldWidget)
    topics = schema.List(
        title=_("Topics"),
        description=_("The topics of economic policy this is about."),
        value_type=schema.Choice(vocabulary="regionaustausch.topics"),
        default=[],
        missing_value=[],
        required=False,
    )
