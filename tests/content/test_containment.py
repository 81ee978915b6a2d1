"""Each type can be added where DESIGN.md allows it and is refused everywhere else; the FTIs."""

from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.event.dx.interfaces import IDXEvent
from plone.dexterity.interfaces import IDexterityFTI
from plone.folder.unordered import UnorderedOrdering
from regionaustausch.interfaces import IRegionaustauschContainer
from regionaustausch.interfaces import IRegionaustauschContent
import pytest


OUR_TYPES = (
    "Region",
    "Municipality",
    "Representative",
    "Forum",
    "Thread",
    "Post",
    "ExchangeProposal",
    "Meeting",
)

#: The places of the test tree (see conftest.Builder.whole_tree) and what may be added in each.
ALLOWED_IN = {
    "portal": {"Region"},
    "folder": {"Region"},
    "region": {"Municipality", "Forum", "ExchangeProposal"},
    "municipality": {"Representative"},
    "forum": {"Thread"},
    "thread": {"Post"},
    "proposal": {"Meeting"},
}
#: The items of the test tree: not containers at all.
ITEMS = ("representative", "post")
#: Containers of the add-on's own content only: nothing can be added to them by hand (a meeting holds
#: its registration form, which regionaustausch.forms places).
CLOSED = ("meeting",)

#: What each type needs to be created (plone.api wants an id or a title).
FIELDS = {
    "Region": {"title": "Region"},
    "Municipality": {"title": "Peine", "kind": "landkreis", "ags": "03157"},
    "Representative": {"title": "x", "first_name": "Bea", "last_name": "Muster"},
    "Forum": {"title": "Forum"},
    "Thread": {"title": "Diskussion"},
    "Post": {"title": "x"},
    "ExchangeProposal": {"title": "Vorschlag"},
    "Meeting": {"title": "Treffen"},
}

CASES = [
    pytest.param(portal_type, place, portal_type in ALLOWED_IN[place], id=f"{portal_type}-in-{place}")
    for portal_type in OUR_TYPES
    for place in ALLOWED_IN
]


def _create(container, portal_type):
    return api.content.create(container=container, type=portal_type, **FIELDS[portal_type])


class TestContainment:
    @pytest.mark.parametrize(("portal_type", "place", "allowed"), CASES)
    def test_add(self, tree_class, portal_type, place, allowed):
        container = getattr(tree_class, place)
        if allowed:
            obj = _create(container, portal_type)
            assert obj.portal_type == portal_type
            assert obj.getId() in container.objectIds()
        else:
            with pytest.raises(InvalidParameterError):
                _create(container, portal_type)

    @pytest.mark.parametrize("place", ALLOWED_IN)
    def test_allowed_content_types(self, tree_class, place):
        container = getattr(tree_class, place)
        offered = {fti.getId() for fti in container.allowedContentTypes()}
        assert offered & set(OUR_TYPES) == ALLOWED_IN[place]
        if place not in ("portal", "folder"):
            # our containers offer nothing but our types (no Documents in a Forum)
            assert offered == ALLOWED_IN[place]

    @pytest.mark.parametrize("place", ITEMS)
    def test_nothing_is_added_to_items(self, tree_class, place):
        obj = getattr(tree_class, place)
        assert not obj.isPrincipiaFolderish
        assert not IRegionaustauschContainer.providedBy(obj)
        with pytest.raises(AttributeError):
            _create(obj, "Post")

    @pytest.mark.parametrize("place", CLOSED)
    def test_nothing_is_added_by_hand_to_closed_containers(self, tree_class, place):
        obj = getattr(tree_class, place)
        assert obj.isPrincipiaFolderish
        assert obj.allowedContentTypes() == []
        for portal_type in ("Post", "Document", "EasyForm"):
            with pytest.raises(InvalidParameterError):
                api.content.create(container=obj, type=portal_type, title="x")

    def test_markers(self, tree_class):
        for place in (*ALLOWED_IN, *ITEMS, *CLOSED):
            if place in ("portal", "folder"):
                continue
            obj = getattr(tree_class, place)
            assert IRegionaustauschContent.providedBy(obj), place
            assert IRegionaustauschContainer.providedBy(obj) is (place not in (*ITEMS, *CLOSED)), place

    @pytest.mark.parametrize("place", ["region", "forum", "thread"])
    def test_large_containers_are_unordered(self, tree_class, place):
        """Region, Forum and Thread grow to thousands of items: no order list to rewrite."""
        assert isinstance(getattr(tree_class, place).getOrdering(), UnorderedOrdering)

    def test_meeting_is_an_event(self, tree_class):
        assert IDXEvent.providedBy(tree_class.meeting)


FTIS = {
    # portal_type: (title msgid, class, add permission, global_allow, behaviours)
    "Region": (
        "Economic region",
        "regionaustausch.content.region.Region",
        "regionaustausch.AddRegion",
        True,
        ["plone.basic", "plone.shortname", "plone.excludefromnavigation", "plone.locking"],
    ),
    "Municipality": (
        "Municipality",
        "regionaustausch.content.municipality.Municipality",
        "regionaustausch.AddMunicipality",
        False,
        ["plone.basic", "plone.shortname", "plone.locking"],
    ),
    "Representative": (
        "Representative",
        "regionaustausch.content.representative.Representative",
        "regionaustausch.AddRepresentative",
        False,
        ["regionaustausch.topics", "plone.locking"],
    ),
    "Forum": (
        "Forum",
        "regionaustausch.content.forum.Forum",
        "regionaustausch.AddForum",
        False,
        ["plone.basic", "regionaustausch.topics", "plone.shortname", "plone.locking"],
    ),
    "Thread": (
        "Thread",
        "regionaustausch.content.thread.Thread",
        "regionaustausch.AddThread",
        False,
        ["plone.basic", "plone.locking"],
    ),
    "Post": (
        "Post",
        "regionaustausch.content.post.Post",
        "regionaustausch.AddPost",
        False,
        [],
    ),
    "ExchangeProposal": (
        "Exchange proposal",
        "regionaustausch.content.exchange_proposal.ExchangeProposal",
        "regionaustausch.AddExchangeProposal",
        False,
        ["plone.basic", "regionaustausch.topics", "plone.shortname", "plone.locking"],
    ),
    "Meeting": (
        "Exchange meeting",
        "regionaustausch.content.meeting.Meeting",
        "regionaustausch.AddMeeting",
        False,
        [
            "plone.basic",
            "plone.eventbasic",
            "plone.eventlocation",
            "plone.eventcontact",
            "plone.shortname",
            "plone.locking",
        ],
    ),
}


class TestFTIs:
    @pytest.mark.parametrize("portal_type", OUR_TYPES)
    def test_fti(self, portal, get_fti, portal_type):
        title, klass, add_permission, global_allow, behaviors = FTIS[portal_type]
        fti = get_fti(portal_type)
        assert IDexterityFTI.providedBy(fti)
        assert fti.title == title
        assert fti.i18n_domain == "regionaustausch"
        assert fti.klass == klass
        assert fti.add_permission == add_permission
        assert fti.global_allow is global_allow
        assert fti.filter_content_types is True
        assert list(fti.behaviors) == behaviors
        assert fti.lookupSchema().__module__ == klass.rsplit(".", 1)[0]

    @pytest.mark.parametrize("portal_type", OUR_TYPES)
    def test_add_permission_is_registered(self, portal, get_fti, portal_type):
        from zope.component import queryUtility
        from zope.security.interfaces import IPermission

        permission = queryUtility(IPermission, name=get_fti(portal_type).add_permission)
        assert permission is not None
        assert permission.title == f"regionaustausch: Add {portal_type}"

    def test_site_offers_only_region(self, portal):
        """Of our types only the Region may be added in the site root (global_allow)."""
        types = api.portal.get_tool("portal_types")
        allowed_globally = {name for name in OUR_TYPES if types.getTypeInfo(name).globalAllow()}
        assert allowed_globally == {"Region"}
