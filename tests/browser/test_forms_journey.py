"""The forms in a real browser: a site administrator adds the action "Create representative" to a
fresh form through easyform's own actions editor and finds its settings there; the join form, the
survey's results and a meeting's registration box pass axe-core."""

from playwright.sync_api import expect
from plone import api
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.survey import add_survey
from regionaustausch.forms.survey import answers
from regionaustausch.testing import add_member
import transaction


ACTION = "regionaustausch.forms.representative.CreateRepresentative"


def test_the_action_is_added_through_easyforms_actions_editor(
    page, site_url, login, add_user, functional_portal, screenshot
):
    user, password = add_user("formredaktion", roles=("Site Administrator",))
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(container=functional_portal, type="EasyForm", id="frisch", title="Frisch")
        form.actions_model = '<model xmlns="http://namespaces.plone.org/supermodel/schema"><schema /></model>'
    transaction.commit()
    login(page, user, password)

    page.goto(f"{site_url}/frisch/actions/@@add-action")
    page.locator("#form-widgets-title").fill("Eintrag anlegen")
    page.locator("#form-widgets-__name__").fill("eintrag")
    page.locator("#form-widgets-factory").select_option(label="Create representative")
    screenshot(page, "forms-add-action")
    with page.expect_navigation():
        page.locator("#form-buttons-add").click()

    transaction.begin()
    assert f'type="{ACTION}"' in functional_portal["frisch"].actions_model
    # the listing shows it; its own settings are on its edit page
    page.goto(f"{site_url}/frisch/actions")
    expect(page.locator("#content")).to_contain_text("Eintrag anlegen")
    page.goto(f"{site_url}/frisch/actions/eintrag")
    expect(page.locator("#form-widgets-municipality_field")).to_have_value("municipality")
    page.locator("#form-widgets-municipality_field").fill("gemeinde")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    transaction.begin()
    assert "<municipality_field>gemeinde</municipality_field>" in functional_portal["frisch"].actions_model


def test_the_forms_pass_axe(page, site_url, login, functional_portal, assert_no_new_violations, screenshot):
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=functional_portal, type="Region", id="region", title="Region")
        municipality = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
        )
        add_member(municipality, "anna", "Anna", "Beispiel", password="Geheim-Formulare-1")
        survey = add_survey(region)
        survey_url = survey.absolute_url().split("/plone", 1)[1]
    transaction.commit()

    page.goto(f"{site_url}/region/mitmachen")
    expect(page.locator("#form-widgets-first_name")).to_be_visible()
    expect(page.locator("#form-widgets-website")).not_to_be_in_viewport()  # the honeypot
    screenshot(page, "forms-join")
    assert_no_new_violations(page, baseline="anonymous")

    login(page, "anna", "Geheim-Formulare-1", came_from=survey_url)
    page.locator("#form-widgets-need-1").check()
    page.locator("#form-widgets-chances-0").check()
    page.locator("#form-widgets-participation-0").check()
    page.locator("#form-widgets-format-2").check()
    with page.expect_navigation():
        page.locator("#form-buttons-submit").click()
    expect(page.locator("#content")).to_contain_text("Vielen Dank")
    transaction.begin()
    assert [row[OWNER_KEY] for row in answers(functional_portal["region"][survey.getId()])] == ["anna"]
    page.goto(f"{site_url}{survey_url}/@@survey-results")
    expect(page.locator("#ra-results-need")).to_contain_text("100 %")
    screenshot(page, "forms-survey-results")
    assert_no_new_violations(page)
