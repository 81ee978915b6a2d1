"""A municipality: its facts (kind, AGS, Land, population, council, website, logo), the resolutions its
council still has to take for proposals (from the catalog), and its active
representatives, as the directory finds them (:func:`regionaustausch.directory.search.search_representatives`
with this municipality as the filter), with a link to the directory filtered by it."""

from plone import api
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.browser.region import count_label
from regionaustausch.browser.region import directory_url
from regionaustausch.browser.representative import term_title
from regionaustausch.content.region import find_region
from regionaustausch.directory.search import InvalidFilter
from regionaustausch.directory.search import representative_entries
from regionaustausch.directory.search import search_representatives
from regionaustausch.permissions import ADD_REPRESENTATIVE
from zope.i18n.locales import locales


LOGO_SCALE = "thumb"
#: The states of proposals whose open resolutions the page lists (not drafts, nor rejected or withdrawn
#: proposals: their resolutions are no longer needed).
RESOLUTION_STATES = ("submitted", "discussion", "accepted", "realised")


class MunicipalityView(RegionaustauschView):
    def __call__(self):
        self.region = find_region(self.context)
        self.representatives = []
        if self.region is not None:
            try:
                search = search_representatives(self.region, municipality=self.context.UID())
            except InvalidFilter:  # not (yet) in the Region's catalog: nobody to list
                search = None
            if search is not None:
                # every active record of the municipality (the list shows no contact details, so
                # no record is woken)
                self.representatives = representative_entries(
                    search.results, self.request, with_contact=False, context=self.context
                )
        return self.index()

    def kind_title(self):
        return term_title("regionaustausch.municipality_kinds", self.context, self.context.kind)

    def population(self):
        population = self.context.population
        if population is None:
            return None
        language = (api.portal.get_current_language() or "de").split("-")[0]
        try:
            locale = locales.getLocale(language)
        except Exception:  # an unknown language: the number as it is
            return str(population)
        return locale.numbers.getFormatter("decimal").format(population)

    def logo(self):
        """``{"url", "width", "height"}`` of the logo's thumbnail, or ``None``."""
        if not getattr(self.context, "logo", None):
            return None
        scale = self.context.restrictedTraverse("@@images").scale("logo", scale=LOGO_SCALE)
        if scale is None:
            return None
        return {"url": scale.url, "width": scale.width, "height": scale.height}

    def logo_alt(self):
        return self.translate(
            _("Logo or coat of arms of ${municipality}", mapping={"municipality": self.context.Title()})
        )

    def directory_url(self):
        return (
            directory_url(self.region, municipality=self.context.UID()) if self.region is not None else None
        )

    def directory_text(self):
        return self.translate(
            _(
                "Representatives of ${municipality} in the directory",
                mapping={"municipality": self.context.Title()},
            )
        )

    def count_text(self):
        return self.translate(
            count_label(
                len(self.representatives), "${count} active representative", "${count} active representatives"
            )
        )

    def can_add_representative(self):
        return api.user.has_permission(ADD_REPRESENTATIVE, obj=self.context)

    def entries(self):
        return [
            {
                **entry,
                "url": entry["@id"],
                "function_title": entry["function"]["title"] if entry["function"] else None,
            }
            for entry in self.representatives
        ]

    def open_resolutions(self):
        """The resolutions this municipality's council still has to take, across the proposals the
        caller may see (catalog: the index ``open_resolution_municipalities`` and the metadata
        ``open_resolutions``; no proposal is woken)."""
        uid = self.context.UID()
        brains = api.content.find(
            portal_type="ExchangeProposal",
            open_resolution_municipalities=uid,
            review_state=RESOLUTION_STATES,
            sort_on="sortable_title",
        )
        entries = []
        for brain in brains:
            for row in brain.open_resolutions or ():
                if row.get("municipality") != uid:
                    continue
                entries.append(
                    {
                        "proposal": brain.Title,
                        "proposal_url": brain.getURL(),
                        "body": row.get("body"),
                        "kind": term_title("regionaustausch.resolution_kinds", self.context, row.get("kind")),
                        "status": term_title(
                            "regionaustausch.resolution_statuses", self.context, row.get("status")
                        ),
                        "status_token": row.get("status"),
                        "reference": row.get("reference"),
                        "url": row.get("url") or None,
                    }
                )
        return entries
