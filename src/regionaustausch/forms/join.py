"""The join form ("Mitmachen") of a Region: an EasyForm with the models ``join_fields.xml`` and
``join_actions.xml`` (the record through "Create representative", then the row with the submitter's
account), made with each Region (:func:`region_added`), by the demo profile and by the upgrade to
profile 1001 for the Regions that were there before (:func:`ensure_join_form`, which leaves an existing
form as editors left it)."""

from plone.app.textfield.value import RichTextValue
from regionaustausch.forms.creation import create_form
from zope.interface import Interface


JOIN_FORM_ID = "mitmachen"
TITLE = "Mitmachen"
DESCRIPTION = (
    "Sie sind Ratsmitglied oder in der Verwaltung einer unserer Gebietskörperschaften für die Wirtschaft "
    "zuständig? Tragen Sie sich ein: Die Redaktion Ihrer Gebietskörperschaft prüft Ihre Angaben und "
    "schaltet Ihren Eintrag frei."
)
THANKS_TITLE = "Vielen Dank!"
THANKS_TEXT = (
    "<p>Ihre Angaben sind angekommen. Die Redaktion Ihrer Gebietskörperschaft prüft sie und schaltet "
    "Ihren Eintrag im Verzeichnis frei.</p>"
)


class IJoinForm(Interface):
    """Marker of a Region's join form."""


def join_form(region):
    """The Region's join form, or ``None``."""
    form = region.get(JOIN_FORM_ID) if hasattr(region, "get") else None
    return form if IJoinForm.providedBy(form) else None


def ensure_join_form(region):
    """The Region's join form, made if the Region has none (an object under the id that is not the
    join form is left alone, and no form is made); returns the form or ``None``."""
    existing = region.get(JOIN_FORM_ID)
    if existing is not None:
        return existing if IJoinForm.providedBy(existing) else None
    return create_form(
        region,
        JOIN_FORM_ID,
        TITLE,
        fields="join_fields",
        actions="join_actions",
        marker=IJoinForm,
        description=DESCRIPTION,
        thankstitle=THANKS_TITLE,
        thanksPrologue=RichTextValue(THANKS_TEXT, "text/html", "text/x-html-safe"),
        includeEmpties=False,
    )


def region_added(region, event):
    """A Region added (not moved or copied): its join form."""
    if event.object is region:
        ensure_join_form(region)
