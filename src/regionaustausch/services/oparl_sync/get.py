from plone.restapi.services import Service
from regionaustausch.oparl import state


class OParlSyncGet(Service):
    """GET @oparl-sync: ``{"reports": [...]}``, the last runs' reports, the newest first."""

    def reply(self):
        return {"reports": state.reports(self.context)}
