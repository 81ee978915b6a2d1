"""A save-data action for collective.easyform that stores, with each row, who submitted it.

easyform's own "Save Data" stores the form's fields (and, if asked, the date, the IP address and the
browser), but not the user: a row could then be tied to a person only by what was typed into it, and
anybody can type somebody else's e-mail address. :class:`OwnedSaveData` adds the id of the logged-in
user who submitted the row, taken from the request's security context on the server, under
:data:`OWNER_KEY`. A form field cannot have that name (field names are Python identifiers; the key has
a dot), and the key is written last, so that no submitted value can set it. Anonymous submissions
store ``None``.

:func:`rows_submitted_by` reads the rows of one user through easyform's API of the action (the form's
actions model, ``getSavedFormInputItems``), never through the form's storage attribute.
"""

from collective.easyform.actions import ActionFactory
from collective.easyform.actions import SaveData
from collective.easyform.api import get_actions
from datetime import datetime
from datetime import timezone
from plone import api
from plone.supermodel.exportimport import BaseHandler
from regionaustausch import _
from zope.schema import getFieldsInOrder


#: The key of a stored row that holds the id of the user who submitted it.
OWNER_KEY = "regionaustausch.user_id"


def _submitter_id():
    return None if api.user.is_anonymous() else api.user.get_current().getId()


class OwnedSaveData(SaveData):
    """easyform's "Save Data", and the id of the user who submitted the row."""

    def addDataRow(self, value):
        """easyform's ``onSuccess`` stores each submitted row through here, in the submitter's request."""
        super().addDataRow({**value, OWNER_KEY: _submitter_id()})


OwnedSaveDataAction = ActionFactory(
    OwnedSaveData,
    _("Save data with the submitter's account"),
    "collective.easyform.AddDataSavers",
)
OwnedSaveDataHandler = BaseHandler(OwnedSaveData)


def rows_submitted_by(form, user_id):
    """``(action name, key, row)`` of every row that an :class:`OwnedSaveData` action of ``form``
    stored together with ``user_id``."""
    if not user_id:
        return
    for name, action in getFieldsInOrder(get_actions(form)):
        if not isinstance(action, OwnedSaveData):
            continue
        for key, row in action.getSavedFormInputItems():
            if row.get(OWNER_KEY) == user_id:
                yield name, key, row


def submitted_at(key, row):
    """When a row was stored: its date column if the action records one, else its key, which easyform
    makes from the time in milliseconds (``None`` for the small keys of forms from older versions)."""
    if row.get("dt"):
        return row["dt"]
    if isinstance(key, int) and key > 10**12:
        return datetime.fromtimestamp(key / 1000, timezone.utc)
    return None
