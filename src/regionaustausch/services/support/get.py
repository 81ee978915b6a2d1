from plone.restapi.services import Service
from regionaustausch.caching import no_store
from regionaustausch.supports import support_summary
from zope.i18n import translate


def support_json(proposal, request):
    """The JSON of ``@support``: regionaustausch.supports.support_summary, translated. It says what
    the caller supports and may see (the supporters), so no cache may keep it."""
    no_store(request.response)
    summary = support_summary(proposal)
    summary["quorum"]["messages"] = [
        translate(message, context=request) for message in summary.pop("missing_messages")
    ]
    for supporter in summary.get("supporters", ()):
        supporter["name"] = translate(supporter["name"], context=request)
    summary["@id"] = f"{proposal.absolute_url()}/@support"
    return summary


class SupportGet(Service):
    """GET @support: counts, distinct municipalities, the quorum and what is missing; the supporters
    for network members and editors."""

    def reply(self):
        return support_json(self.context, self.request)
