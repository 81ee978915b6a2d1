from plone.restapi.services import Service
from regionaustausch.caching import no_store
from regionaustausch.timeline import timeline


class TimelineGet(Service):
    """GET @timeline: the path of the proposal, for whoever may view it. The meetings listed are those
    the caller may see, so no shared cache keeps the answer."""

    def reply(self):
        no_store(self.request.response)
        return timeline(self.context, self.request)
