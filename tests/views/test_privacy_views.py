"""Privacy in the Classic UI: "Meine Daten" downloads the member's data; editors anonymise a former
representative through a confirmation form (CSRF-checked)."""

from plone import api
import transaction


def test_member_downloads_their_data(site, browse):
    response = browse("anna").get(f"{site['portal'].absolute_url()}/@@meine-daten")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="meine-daten.json"'
    data = response.json()
    assert data["account"]["id"] == "anna"
    assert [record["fields"]["first_name"] for record in data["representatives"]] == ["Anna"]


def test_the_view_and_the_rest_api_send_the_same_download(site, browse):
    """``@@meine-daten`` and ``@my-data`` are one download: the same data, the same headers, kept by no
    cache (the answer is the caller's alone)."""
    http = browse("anna")
    portal_url = site["portal"].absolute_url()
    view = http.get(f"{portal_url}/@@meine-daten")
    rest = http.get(f"{portal_url}/@my-data", headers={"Accept": "application/json"})
    for response in (view, rest):
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"
        assert response.headers["Content-Disposition"] == 'attachment; filename="meine-daten.json"'
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    mine, theirs = view.json(), rest.json()
    assert mine.pop("@id") == f"{portal_url}/@@meine-daten"
    assert theirs.pop("@id") == f"{portal_url}/@my-data"
    del mine["generated"], theirs["generated"]
    assert mine == theirs
    assert mine["account"]["id"] == "anna"


def test_anonymous_must_log_in(site, browse):
    response = browse().get(f"{site['portal'].absolute_url()}/@@meine-daten", allow_redirects=False)
    assert response.status_code in (302, 401)


def test_personal_menu_offers_the_download(site, browse):
    page = browse("anna").get(site["portal"].absolute_url()).text
    assert "@@meine-daten" in page


def former_record(site):
    with api.env.adopt_roles(["Manager"]):
        record = site["region"]["bs"]["anna-beispiel"]
        api.content.transition(obj=record, transition="retire")
    transaction.commit()
    return record


def test_site_administrator_anonymises_a_former_record(site, browse):
    api.user.create(email="sa@example.invalid", username="siteadmin", password="secret-views-1")
    api.user.grant_roles(username="siteadmin", roles=["Site Administrator"])
    record = former_record(site)
    url = record.absolute_url()
    admin = browse("siteadmin")
    form = admin.get(f"{url}/@@anonymise")
    assert form.status_code == 200
    response = admin.post(f"{url}/@@anonymise", data={"_authenticator": admin.token(f"{url}/@@anonymise")})
    assert response.status_code == 200
    assert "anna-beispiel" not in response.url
    assert "Anna" not in response.text.split('id="content"', 1)[-1].split("</main>")[0]


def test_anonymise_without_csrf_token_is_refused(site, browse):
    api.user.create(email="sa@example.invalid", username="siteadmin", password="secret-views-1")
    api.user.grant_roles(username="siteadmin", roles=["Site Administrator"])
    record = former_record(site)
    response = browse("siteadmin").post(f"{record.absolute_url()}/@@anonymise")
    assert response.status_code == 403
    transaction.begin()
    assert "anna-beispiel" in site["portal"]["region"]["bs"].objectIds()


def test_members_cannot_anonymise(site, browse):
    record = former_record(site)
    response = browse("jonas").get(f"{record.absolute_url()}/@@anonymise", allow_redirects=False)
    assert response.status_code in (302, 401, 403)


def test_the_record_offers_anonymising_to_who_may(site, browse):
    """The record's page asks privacy.may_anonymise, as the REST service's permission does: the
    municipality's editors and site administrators see the button on a former record, members do not."""
    api.user.create(email="sa@example.invalid", username="siteadmin", password="secret-views-1")
    api.user.grant_roles(username="siteadmin", roles=["Site Administrator"])
    api.user.create(email="ebs@example.invalid", username="editor-bs", password="secret-views-1")
    api.user.grant_roles(username="editor-bs", roles=["Editor"], obj=site["region"]["bs"])
    api.user.create(email="epe@example.invalid", username="editor-pe", password="secret-views-1")
    api.user.grant_roles(username="editor-pe", roles=["Editor"], obj=site["region"]["pe"])
    record = former_record(site)
    button = f"{record.absolute_url()}/@@anonymise"
    for user, offered in (("siteadmin", True), ("editor-bs", True), ("editor-pe", False), ("jonas", False)):
        page = browse(user).get(record.absolute_url())
        assert (button in page.text) is offered, user
