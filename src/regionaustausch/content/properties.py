"""Attribute descriptors of the content classes that normalise a value as it is stored.

z3c.form, plone.restapi and plone.api all store a field's value with ``setattr``; a descriptor on the
class is therefore the one place where every way of writing passes. Reading returns what was stored.
"""

from plone.app.textfield.value import RichTextValue
from regionaustausch.domain.sanitiser import sanitise_html


class NormalisedAttribute:
    """Store ``normalise(value)`` under ``_<name>``; ``None`` stays ``None``."""

    def __init__(self, normalise):
        self.normalise = normalise
        self.key = None

    def __set_name__(self, owner, name):
        self.key = "_" + name

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return getattr(instance, self.key, None)

    def __set__(self, instance, value):
        setattr(instance, self.key, None if value is None else self.normalise(value))


def sanitised_rich_text(value):
    """A RichTextValue whose HTML passed :func:`regionaustausch.domain.sanitiser.sanitise_html`."""
    raw = value.raw if isinstance(value, RichTextValue) else str(value)
    return RichTextValue(sanitise_html(raw), "text/html", "text/x-html-safe")


class SanitisedRichText(NormalisedAttribute):
    """A rich text that is stored sanitised (only p, br, strong, em, ul, ol, li, a[href], blockquote),
    whatever wrote it: the form, the REST API or a script."""

    def __init__(self):
        super().__init__(sanitised_rich_text)
