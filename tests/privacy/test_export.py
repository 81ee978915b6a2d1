"""regionaustausch.privacy.export in the integration layer: what collect_user_data gathers about a user,
and that it gathers nothing of anybody else."""

from collective.easyform.api import get_actions
from plone import api
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.membership import members_group_id
from regionaustausch.privacy.export import collect_user_data


ACTIONS_MODEL = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="saved" type="regionaustausch.forms.actions.OwnedSaveData">
      <title>Gespeichert</title>
    </field>
  </schema>
</model>"""


def submit(form, user_id, **fields):
    """Store a row as easyform does when ``user_id`` sends the form (its actions' onSuccess)."""
    [(name, action)] = get_actions(form).namesAndDescriptions()
    with api.env.adopt_user(username=user_id):
        action.onSuccess(fields, form.REQUEST)
    return name


def test_collect_user_data(net):
    form = api.content.create(container=net.portal, type="EasyForm", id="kontakt", title="Kontakt")
    form.actions_model = ACTIONS_MODEL
    submit(form, net.user, replyto=net.account_email, topic="Frage", comments="Bitte um Rückruf.")
    # Bernd types her address: the row is still his.
    submit(form, "bwolf", replyto=net.account_email.upper(), topic="Andere", comments="Nicht von Anna.")

    data = collect_user_data(net.user)

    assert data["account"]["id"] == net.user
    assert data["account"]["fullname"] == "Anna Beispiel"
    assert data["account"]["email"] == net.account_email
    assert data["account"]["login"] == net.user

    [record] = data["representatives"]
    assert record["review_state"] == "former"
    assert record["municipality"]["title"] == "Stadt Braunschweig"
    assert record["region"]["title"] == "Testregion"
    fields = record["fields"]
    # Her own record, contact details included (nobody but the editors may see them otherwise).
    assert fields["email"] == net.record_email
    assert fields["phone"] == "+49 531 470-1"
    assert fields["consent_date"] == "2026-01-15"
    assert fields["oparl_id"] == "https://oparl.example.invalid/person/17"
    assert fields["committees"] == ["Wirtschaftsausschuss"]
    assert [entry["action"] for entry in record["history"]] == [None, "approve", "retire"]
    assert record["history"][1]["comments"] == "Frau Dr. Beispiel ist gewählt."
    assert not any(entry["by_me"] for entry in record["history"])
    assert "actor" not in record["history"][0]

    [thread] = data["threads"]
    assert thread["title"] == "Frage von Anna Beispiel"
    assert "Wer pendelt wohin?" in thread["text"]["data"]
    assert thread["text"]["content-type"] == "text/html"
    assert thread["forum"]["@id"] == net.forum.absolute_url()
    assert [post["@id"] for post in data["posts"]] == [net.post.absolute_url()]
    assert data["posts"][0]["thread"]["@id"] == net.thread.absolute_url()
    assert data["posts"][0]["review_state"] == "published"
    assert [item["@type"] for item in data["content"]] == ["ExchangeProposal"]
    assert data["content"][0]["fields"]["title"] == "Pendlerbusse"

    [support] = data["supports"]
    assert support["proposal"]["@id"] == net.proposal.absolute_url()
    assert support["municipality"]["title"] == "Stadt Braunschweig"  # as recorded when she supported
    assert support["date"]

    [moderated] = data["moderation"]
    assert moderated["post"]["@id"] == net.rude.absolute_url()
    assert moderated["reason"] == "Bitte freundlich bleiben."

    assert data["memberships"] == []  # former: out of the members group
    assert [(item["@id"], item["roles"]) for item in data["local_roles"]] == [
        (net.region.absolute_url(), ["Reviewer"])
    ]

    [submission] = data["form_submissions"]
    assert submission["form"]["title"] == "Kontakt"
    assert submission["action"] == "saved"
    assert submission["data"] == {
        "replyto": net.account_email,
        "topic": "Frage",
        "comments": "Bitte um Rückruf.",
    }
    assert submission["submitted"]


def test_collect_user_data_of_an_active_member(net):
    api.content.transition(obj=net.record, transition="reactivate")
    data = collect_user_data(net.user)
    assert [item["kind"] for item in data["memberships"]] == ["network"]
    assert data["memberships"][0]["id"] == members_group_id(net.region)
    assert data["memberships"][0]["context"]["@id"] == net.region.absolute_url()


def test_collect_user_data_of_the_other_user_does_not_leak(net):
    data = collect_user_data("bwolf")
    assert {post["@id"] for post in data["posts"]} == {net.reply.absolute_url(), net.rude.absolute_url()}
    hidden = {post["@id"]: post["hidden"] for post in data["posts"]}[net.rude.absolute_url()]
    assert hidden["reason"] == "Bitte freundlich bleiben."
    assert "moderator" not in hidden  # the moderator's id is the staff's data
    assert data["threads"] == []
    assert data["moderation"] == []
    assert len(data["supports"]) == 1
    assert data["supports"][0]["municipality"]["title"] == "Stadt Salzgitter"
    assert data["form_submissions"] == []
    assert net.record_email not in repr(data)


def test_rows_are_found_by_the_stored_account_only(net):
    """A row is the user's only when our action stored their id with it: easyform's own save-data action
    stores none, and the values of a row (an address, a login typed into a field) count for nothing."""
    form = api.content.create(container=net.portal, type="EasyForm", id="alt", title="Alt")
    form.actions_model = ACTIONS_MODEL.replace(
        "regionaustausch.forms.actions.OwnedSaveData", "collective.easyform.actions.SaveData"
    )
    submit(form, net.user, replyto=net.account_email, topic=net.user, comments=OWNER_KEY)
    [(_name, action)] = get_actions(form).namesAndDescriptions()
    assert action.itemsSaved() == 1
    assert collect_user_data(net.user)["form_submissions"] == []
