from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from regionaustausch.caching import no_store
from regionaustausch.network import network_overview


class NetworkGet(Service):
    """GET @network: municipalities with their counts of active representatives, proposals by state
    with their quorum progress, the most recently active threads and the upcoming meetings, as far as
    the caller may see them (drafts, internal threads), so no cache may keep the answer."""

    def reply(self):
        no_store(self.request.response)
        data = json_compatible(network_overview(self.context, self.request))
        data["@id"] = f"{self.context.absolute_url()}/@network"
        return data
