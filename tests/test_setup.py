"""The add-on installs and uninstalls cleanly, and its profile has the version of metadata.xml."""

from plone import api
from plone.browserlayer.utils import registered_layers
from regionaustausch.controlpanel import IRegionaustauschSettings
from regionaustausch.controlpanel import get_settings
from regionaustausch.interfaces import IRegionaustauschLayer
from zope.component import getMultiAdapter
from zope.i18n import translate
import pytest


PROFILE = "regionaustausch:default"


class TestInstalled:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer(self, browser_layers):
        assert IRegionaustauschLayer in browser_layers

    def test_profile_version(self, profile_last_version):
        assert profile_last_version(PROFILE) == "1001"

    def test_dependencies_installed(self, installer):
        assert installer.is_product_installed("plone.restapi")
        assert installer.is_product_installed("collective.easyform")

    def test_registry_records_with_defaults(self, portal):
        assert api.portal.get_registry_record("regionaustausch.default_quorum_supports") == 5
        assert api.portal.get_registry_record("regionaustausch.default_quorum_municipalities") == 3
        settings = get_settings()
        assert settings.extra_topics == []
        settings.default_quorum_supports = 7
        assert api.portal.get_registry_record("regionaustausch.default_quorum_supports") == 7

    def test_my_data_in_personal_menu(self, portal):
        assert "regionaustausch-my-data" in portal.portal_actions.user.objectIds()

    def test_controlpanel_configlet(self, controlpanel_actions):
        assert "regionaustausch" in controlpanel_actions

    def test_controlpanel_view(self, portal, http_request):
        from zope.interface import alsoProvides

        alsoProvides(http_request, IRegionaustauschLayer)
        view = getMultiAdapter((portal, http_request), name="regionaustausch-controlpanel")
        html = view()
        assert "form.widgets.default_quorum_supports" in html

    def test_host_content_keeps_the_sites_sharing_policy(self, portal):
        """Only our types' workflows take the Sharing permissions from owners (issue 9); the host site's
        own pages keep Plone's defaults, under which their owners may share them."""
        api.user.create(email="olga@example.invalid", username="olga", password="secret-12345")
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(container=portal, type="Document", id="page", title="Seite")
        page.manage_setLocalRoles("olga", ["Owner"])
        for permission in ("Sharing page: Delegate roles", "Sharing page: Delegate Editor role"):
            assert api.user.has_permission(permission, username="olga", obj=page)

    def test_uninstall_profile_hidden(self, portal):
        from plone.base.interfaces import INonInstallable
        from zope.component import getAllUtilitiesRegisteredFor

        hidden = {
            profile
            for utility in getAllUtilitiesRegisteredFor(INonInstallable)
            for profile in utility.getNonInstallableProfiles()
        }
        assert "regionaustausch:uninstall" in hidden


class TestTranslations:
    def test_german_catalogue(self, portal):
        assert (
            translate("Additional topics", domain="regionaustausch", target_language="de") == "Weitere Themen"
        )

    def test_controlpanel_in_german(self, portal):
        field = IRegionaustauschSettings["default_quorum_supports"]
        assert translate(field.title, target_language="de") == "Standard-Quorum: Unterstützungen"


class TestUninstalled:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, installer, package_name):
        installer.uninstall_product(package_name)

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, portal):
        assert IRegionaustauschLayer not in registered_layers()

    def test_registry_records_removed(self, portal):
        registry = portal.portal_registry
        assert not [key for key in registry.records.keys() if key.startswith("regionaustausch.")]  # noqa: SIM118

    def test_my_data_action_removed(self, portal):
        assert "regionaustausch-my-data" not in portal.portal_actions.user.objectIds()

    def test_controlpanel_removed(self, controlpanel_actions):
        assert "regionaustausch" not in controlpanel_actions

    def test_reinstall(self, installer, package_name, browser_layers):
        installer.install_product(package_name)
        assert installer.is_product_installed(package_name) is True
        assert IRegionaustauschLayer in registered_layers()


class TestExtraTopics:
    def test_valid_lines(self, portal):
        """Accepted and stored; the topics follow the built-in ones with their tokens."""
        from regionaustausch.controlpanel import check_extra_topics
        from regionaustausch.domain.topics import TOPICS

        lines = ["Wasserstoff", "kreislauf|Kreislaufwirtschaft"]
        field = IRegionaustauschSettings["extra_topics"]
        field.validate(lines)
        assert check_extra_topics(lines) == (
            *TOPICS,
            ("wasserstoff", "Wasserstoff"),
            ("kreislauf", "Kreislaufwirtschaft"),
        )
        get_settings().extra_topics = lines
        assert api.portal.get_registry_record("regionaustausch.extra_topics") == lines

    @pytest.mark.parametrize("lines", [["Fachkräfte"], ["a|Eins", "a|Zwei"], ["Eins", "eins"]])
    def test_duplicates_refused_in_german(self, portal, lines):
        from zope.schema import ValidationError

        field = IRegionaustauschSettings["extra_topics"]
        with pytest.raises(ValidationError) as refused:
            field.validate(lines)
        message = translate(refused.value.doc(), target_language="de")
        assert "Zeile" in message
