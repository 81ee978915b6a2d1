"""The edit form of posts and threads refuses changes once the forum is closed or the thread locked
(the workflows cannot say it: the writer's right to edit comes from the post's own state)."""

from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout
from regionaustausch import _
from regionaustausch.discussions import editing_refusal
from zExceptions import Forbidden
from zope.i18n import translate


class DiscussionEditForm(DefaultEditForm):
    def update(self):
        refusal = editing_refusal(self.context)
        if refusal is not None:
            raise Forbidden(translate(_(refusal.msgid, mapping=refusal.mapping), context=self.request))
        super().update()


DiscussionEditView = layout.wrap_form(DiscussionEditForm)
