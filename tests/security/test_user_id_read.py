"""Who reads what a representative's record keeps about the person: the user account it names, the
visibility of the contact details and the date of consent, and the contact details themselves.

The same specification style and the same people as the permission matrix (test_permission_matrix.py,
roles in conftest.py): one line per record and field, one column per role, every cell one test that
asks the permission and reads the record the way the REST API does (plone.restapi's serializer, ours
on top, as that user after a restricted traversal). Contact details are read the way every view and
the directory read them (regionaustausch.directory.contact.visible_contact), and the serializer must
agree with it.

- ``user-id``: "regionaustausch: Manage membership" (and View): the record's editors while it waits
  for approval, afterwards only those who approve (an account name is with e-mail login the person's
  e-mail address).
- ``consent``: ``contact_visibility`` and ``consent_date``, for those who edit the record ("Modify
  portal content").
- ``contact``: e-mail and phone as the record's visibility allows the caller.

Cells: ``Y`` reads it; ``.`` does not (the field is missing from the JSON, or the record cannot be
reached at all).
"""

from AccessControl import Unauthorized
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from regionaustausch.directory.contact import visible_contact
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.user_tokens import user_token
from zExceptions import Unauthorized as zUnauthorized
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.interface import alsoProvides
import pytest


ROLES = (
    "anonymous",
    "member",
    "network_member",
    "owner",
    "editor_a",
    "editor_b",
    "editor",
    "reviewer",
    "site_admin",
    "manager",
    "rep_owner",
)

TABLE = """
# target                      field      anon memb netw ownr edtA edtB edtr revw sadm mngr rown
representative-pending        user-id     .    .    .    .    Y    .    Y    .    Y    Y    Y
representative-active         user-id     .    .    .    .    .    .    .    Y    Y    Y    .
representative-former         user-id     .    .    .    .    .    .    .    Y    Y    Y    .
member-record                 user-id     .    .    .    .    .    .    .    Y    Y    Y    .
representative-pending        consent     .    .    .    .    Y    .    Y    .    Y    Y    Y
representative-active         consent     .    .    .    .    Y    .    Y    .    Y    Y    .
representative-former         consent     .    .    .    .    Y    .    Y    .    Y    Y    .
member-record                 consent     .    .    .    .    Y    .    Y    .    Y    Y    .
representative-pending        contact     .    .    .    .    Y    .    Y    Y    Y    Y    Y
representative-former         contact     .    .    .    .    Y    .    Y    Y    Y    Y    .
contact-public                contact     Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
contact-network               contact     .    .    Y    Y    Y    .    Y    .    Y    Y    .
contact-hidden                contact     .    .    .    .    Y    .    Y    .    Y    Y    .
"""

TARGETS = {
    "representative-pending": "region1/a/rep-pending",
    "representative-active": "region1/a/rep-active",
    "representative-former": "region1/a/rep-former",
    "member-record": "region1/a/nm-record",  # names the user network_member
    "contact-public": "region1/a/rep-public",
    "contact-network": "region1/a/rep-network",
    "contact-hidden": "region1/a/rep-hidden",
}

FIELDS = {
    "user-id": ("user_id",),
    "consent": ("contact_visibility", "consent_date"),
    "contact": ("email", "phone"),
}
PERMISSIONS = {
    "user-id": "regionaustausch: Manage membership",
    "consent": "Modify portal content",
    "contact": "regionaustausch: View contact details",
}


def parse(table):
    cells = []
    for line in table.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target, field, *marks = line.split()
        assert len(marks) == len(ROLES), f"{target} {field}: {len(marks)} cells for {len(ROLES)} roles"
        assert target in TARGETS
        assert field in FIELDS
        cells += [(target, field, role, mark == "Y") for role, mark in zip(ROLES, marks, strict=True)]
    return cells


CELLS = parse(TABLE)


def has_permission(permission, obj, role):
    if role == "anonymous":
        return api.user.has_permission(permission, obj=obj)
    return api.user.has_permission(permission, username=role, obj=obj)


def serialized(portal, path):
    """The record's JSON as the current user gets it from the REST API, or ``None`` when they cannot
    reach the record."""
    try:
        record = portal.restrictedTraverse(path)
    except (Unauthorized, zUnauthorized, KeyError, AttributeError):
        return None
    request = getRequest()
    alsoProvides(request, IRegionaustauschLayer)
    return getMultiAdapter((record, request), ISerializeToJson)()


def reads(data, field, record):
    """Whether the JSON carries the field(s) with the record's values."""
    if data is None:
        return False
    names = FIELDS[field]
    present = [name in data for name in names]
    assert all(present) or not any(present), f"{names}: some but not all in the JSON"
    if not all(present):
        return False
    if field == "user-id":
        assert data["user_id"] == record.user_id
    if field == "consent":
        assert data["contact_visibility"]["token"] == record.contact_visibility
    if field == "contact":
        assert data["email"] == record.email
    return True


class TestWhoReadsWhatARecordKeepsAboutThePerson:
    @pytest.mark.parametrize(
        ("target", "field", "role", "allowed"),
        [
            pytest.param(*cell, id=f"{cell[0]}-{cell[1]}-{cell[2]}-{'yes' if cell[3] else 'no'}")
            for cell in CELLS
        ],
    )
    def test_cell(self, network, act_as, target, field, role, allowed):
        path = TARGETS[target]
        record = network.unrestrictedTraverse(path)
        with act_as(None if role == "anonymous" else role):
            results = {
                "permission": has_permission("View", record, role)
                and has_permission(PERMISSIONS[field], record, role),
                "serializer": reads(serialized(network, path), field, record),
            }
            if field == "contact":
                results["visible_contact"] = visible_contact(record).get("email") == record.email
        assert results == dict.fromkeys(results, allowed), f"{role} {field} of {path}: {results}"

    @pytest.mark.parametrize("role", ROLES)
    def test_nobody_finds_a_record_by_its_account_name(self, network, act_as, role):
        with act_as(None if role == "anonymous" else role):
            for name in ("network_member", "owner", "member_r2"):
                assert len(api.content.find(representative_user_id=name)) == 0, name
        [brain] = api.content.find(representative_user_id=user_token("network_member"), unrestricted=True)
        assert brain.getPath().endswith("/region1/a/nm-record")


def test_table_covers_every_field_and_role():
    assert {field for _target, field, _role, _allowed in CELLS} == set(FIELDS)
    assert len(CELLS) == len(TABLE.strip().splitlines()[1:]) * len(ROLES)
