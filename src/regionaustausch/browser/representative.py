"""A representative's profile card: name, municipality, party, function, committees, topics, and the
contact details the current user may see.

Contact details come only from :func:`regionaustausch.directory.contact.visible_contact`, the function
the directory and the REST API use (the record's visibility and the caller's level, both checked); this
view never reads ``email`` or ``phone`` itself. They depend on who asks, so no cache may keep the page.
"""

from plone import api
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.browser.region import directory_url
from regionaustausch.caching import no_store
from regionaustausch.content.region import find_region
from regionaustausch.directory.contact import may_see_contact
from regionaustausch.directory.contact import visible_contact
from regionaustausch.permissions import ModifyPortalContent
from regionaustausch.permissions import ReviewPortalContent
from regionaustausch.privacy import may_anonymise
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
import re


def term_title(vocabulary_name, context, value):
    """The title of ``value`` in a named vocabulary (the value itself where the vocabulary lacks it)."""
    if not value:
        return None
    vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(context)
    try:
        return vocabulary.getTerm(value).title
    except LookupError:
        return value


def phone_href(phone):
    """A ``tel:`` link of a phone number as the record has it (digits and a leading +)."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def may_edit(obj):
    return api.user.has_permission(ModifyPortalContent, obj=obj) or api.user.has_permission(
        ReviewPortalContent, obj=obj
    )


class RepresentativeView(RegionaustauschView):
    def __call__(self):
        self.contact = visible_contact(self.context)
        no_store(self.request.response)
        return self.index()

    def municipality(self):
        municipality = self.context.municipality()
        return {"title": municipality.Title(), "url": municipality.absolute_url()}

    def function_title(self):
        return term_title("regionaustausch.functions", self.context, self.context.function)

    def topics(self):
        return [
            term_title("regionaustausch.topics", self.context, token) for token in self.context.topics or ()
        ]

    def committees(self):
        return [name for name in self.context.committees or () if name]

    def no_contact_text(self):
        """Why no contact details are shown: none are shared with the caller, or none are recorded."""
        if may_see_contact(self.context):
            return self.translate(_("No contact details are recorded."))
        return self.translate(_("No contact details are shared with you."))

    def email(self):
        return self.contact.get("email")

    def phone(self):
        return self.contact.get("phone")

    def phone_href(self):
        return phone_href(self.contact["phone"]) if self.contact.get("phone") else None

    def may_anonymise(self):
        """Editors of a former record are offered its anonymisation (regionaustausch.privacy decides
        the rest when they ask)."""
        return self.state_of() == "former" and may_anonymise(self.context)

    def show_state(self):
        """Editors see the record's state (pending, active, former); everybody else sees active ones."""
        return may_edit(self.context)

    def visibility_title(self):
        """For editors: who may see the contact details (the record's setting)."""
        if not api.user.has_permission(ModifyPortalContent, obj=self.context):
            return None
        return term_title(
            "regionaustausch.contact_visibilities", self.context, self.context.contact_visibility or "hidden"
        )

    def directory_link(self):
        """The directory filtered by this record's municipality, while the record is in it."""
        region = find_region(self.context)
        if region is None:
            return None
        municipality = self.context.municipality()
        return {
            "url": directory_url(region, municipality=municipality.UID()),
            "text": self.translate(
                _(
                    "More representatives of ${municipality} in the directory",
                    mapping={"municipality": municipality.Title()},
                )
            ),
        }
