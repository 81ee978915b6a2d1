"""plone.restapi serializers of our types: the default Dexterity serializers, extended by computed facts.

- ExchangeProposal: ``supports``, ``supporting_municipalities`` and ``quorum`` (the Region's
  thresholds, ``met``, ``missing`` and the missing conditions as translated ``messages``, as
  ``@support`` has it), counted live from the proposal's supports by regionaustausch.supports; and
  ``decision``, the latest decision (regionaustausch.decisions: transition, state, date, text, role and
  name of who decided; never their user id), or null.
- Meeting: ``proposal`` (``@id``, ``UID``, ``title`` of the proposal it comes from), ``host`` (the host
  municipality's ``@id``, ``UID`` and ``title``, or null) and ``ical`` (its iCal export).
- Thread: ``post_count`` and ``last_activity``; Thread and Post: ``hidden`` (``{"reason", "date"}`` while
  a moderator hides it, else null), the reason its writer reads, without the moderator's name
  (regionaustausch.moderation.reason_for_author).
- Representative: plone.restapi already leaves out fields whose read permission the caller lacks
  (``email`` and ``phone`` carry "regionaustausch: View contact details"; ``user_id``,
  ``contact_visibility`` and ``consent_date`` are for those who manage the record, see
  content/representative.py); this serializer removes the contact details once more unless
  regionaustausch.directory.contact.may_see_contact allows them (the same check as the directory:
  the permission and the visibility rule), so that no later change of the schema's tags, of
  plone.restapi or a stale permission setting can leak them.

Registered for the browser layer, so they apply where the add-on is installed.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.content.meeting import IMeeting
from regionaustausch.content.post import IPost
from regionaustausch.content.representative import IRepresentative
from regionaustausch.content.thread import IThread
from regionaustausch.decisions import latest_decision
from regionaustausch.directory.contact import may_see_contact
from regionaustausch.domain.contact import CONTACT_KEYS
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.moderation import reason_for_author
from regionaustausch.resolutions import municipality_refs
from regionaustausch.supports import quorum_messages
from regionaustausch.supports import quorum_state
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer


def quorum_json(state, request):
    """The ``quorum`` of a proposal's JSON: domain.quorum's ``as_dict`` and translated messages."""
    quorum = state.as_dict()
    quorum["messages"] = [translate(message, context=request) for message in quorum_messages(state)]
    return quorum


@implementer(ISerializeToJson)
@adapter(IExchangeProposal, IRegionaustauschLayer)
class SerializeProposalToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version, include_items=include_items, include_expansion=include_expansion
        )
        state = quorum_state(self.context)
        result["supports"] = state.supports
        result["supporting_municipalities"] = state.municipalities
        result["quorum"] = quorum_json(state, self.request)
        result["decision"] = latest_decision(self.context, self.request)
        return result


@implementer(ISerializeToJson)
@adapter(IMeeting, IRegionaustauschLayer)
class SerializeMeetingToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version, include_items=include_items, include_expansion=include_expansion
        )
        proposal = aq_parent(aq_inner(self.context))
        result["proposal"] = (
            {"@id": proposal.absolute_url(), "UID": proposal.UID(), "title": proposal.Title()}
            if IExchangeProposal.providedBy(proposal)
            else None
        )
        result["host"] = municipality_refs([self.context.host_municipality]).get(
            self.context.host_municipality
        )
        result["ical"] = f"{self.context.absolute_url()}/ics_view"
        return result


@implementer(ISerializeToJson)
@adapter(IThread, IRegionaustauschLayer)
class SerializeThreadToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version, include_items=include_items, include_expansion=include_expansion
        )
        result["post_count"] = self.context.post_count()
        result["last_activity"] = json_compatible(self.context.last_activity())
        result["hidden"] = reason_for_author(self.context)
        return result


@implementer(ISerializeToJson)
@adapter(IPost, IRegionaustauschLayer)
class SerializePostToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version, include_items=include_items, include_expansion=include_expansion
        )
        result["hidden"] = reason_for_author(self.context)
        return result


@implementer(ISerializeToJson)
@adapter(IRepresentative, IRegionaustauschLayer)
class SerializeRepresentativeToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version, include_items=include_items, include_expansion=include_expansion
        )
        if not may_see_contact(self.context):
            for key in CONTACT_KEYS:
                result.pop(key, None)
        return result
