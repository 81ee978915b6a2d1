"""The permission matrix: role x type x action, in every workflow state that matters.

``TABLE`` is the specification (issue 4, "The intended policy"): one line per object in a state and an
action, one column per role. Every cell becomes one test (id ``<target>-<action>-<role>-<yes|no>``,
e.g. ``proposal-draft-view-anonymous-no``) that asks the real site of ``conftest.py`` twice:

- the permission: ``api.user.has_permission`` (for transitions: whether the workflow offers the
  transition to the user, i.e. its guard), and
- a real attempt as that user: restricted traversal and a catalog search (view), traversing to
  ``@@edit`` (edit), ``manage_delObjects`` (delete), ``api.content.create`` (add), ``api.content
  .transition`` (transitions), ``regionaustausch.supports`` (support), ``directory.contact
  .visible_contact`` (contact details, as the serializer and the views show them), traversing to
  ``@@sharing`` (share: every Sharing permission and "Change local roles"); ``pin`` asks the
  permissions only (editing, and Moderate for ``pinned``).

A "no" must be refused by both: Unauthorized, plone.api's InvalidParameterError (a transition that is not
offered, a type that may not be added) or the domain's refusal (supports).

Cells: ``Y`` allowed; ``.`` refused; ``p`` permitted by the permission or guard, but a rule refuses the
real attempt (the quorum is not met; a second support of the same member).

Roles (see conftest.py): ``anon`` Anonymous, ``memb`` authenticated outside the network, ``netw`` a
network member (not the author), ``ownr`` the network member who created the proposals, threads and
posts, ``edtA``/``edtB`` municipal editors of A/of B (all records of the table are in A), ``edtr``
global Editor, ``revw`` Reviewer, ``sadm`` Site Administrator, ``mngr`` Manager, ``rown`` the former
municipal editor of A who created the representative records (Owner of them, no longer in A's group).

Lines marked ``# wf`` are not stated in the policy; their cells are what the workflows define now,
kept so that a change shows up. Where the policy is stated, the table follows the policy, also where the
site does not (those cells fail until the site is fixed); ``UNDECIDED`` lists the cells where the policy
itself is ambiguous, as strict xfails.
"""

from AccessControl import Unauthorized
from Acquisition import aq_parent
from dataclasses import dataclass
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.textfield.value import RichTextValue
from plone.restapi.interfaces import ISerializeToJson
from regionaustausch import moderation
from regionaustausch import supports
from regionaustausch.directory.contact import visible_contact
from regionaustausch.domain.supports import AlreadySupported
from regionaustausch.domain.supports import LoginRequired
from regionaustausch.domain.supports import NotANetworkMember
from regionaustausch.domain.supports import NotSupported
from regionaustausch.domain.supports import SupportClosed
from regionaustausch.timeline import timeline
from zExceptions import Unauthorized as zUnauthorized
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.security.interfaces import IPermission
import contextlib
import datetime
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
NETWORK_MEMBERS = {"network_member", "owner"}

TABLE = """
# target                      action               anon memb netw ownr edtA edtB edtr revw sadm mngr rown
site                          add-Region            .    .    .    .    .    .    .    .    Y    Y    .

region                        view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
region                        edit                  .    .    .    .    .    .    .    .    Y    Y    .
region                        delete                .    .    .    .    .    .    .    .    Y    Y    .
region                        add-Municipality      .    .    .    .    .    .    .    .    Y    Y    .
region                        add-Forum             .    .    .    .    .    .    .    .    Y    Y    .
region                        add-ExchangeProposal  .    .    Y    Y    .    .    .    .    Y    Y    .

municipality-a                view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
municipality-a                edit                  .    .    .    .    .    .    .    .    Y    Y    .
municipality-a                delete                .    .    .    .    .    .    .    .    Y    Y    .
municipality-a                add-Representative    .    .    .    .    Y    .    Y    .    Y    Y    .
municipality-b                add-Representative    .    .    .    .    .    Y    Y    .    Y    Y    .

representative-pending        view                  .    .    .    .    Y    .    Y    Y    Y    Y    Y
representative-pending        edit                  .    .    .    .    Y    .    Y    .    Y    Y    Y
representative-pending        delete                .    .    .    .    Y    .    Y    .    Y    Y    Y
representative-pending        approve               .    .    .    .    .    .    .    Y    Y    Y    .
representative-pending        link-user             .    .    .    .    Y    .    Y    .    Y    Y    Y
representative-pending        contact               .    .    .    .    Y    .    Y    Y    Y    Y    Y
representative-active         view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
representative-active         edit                  .    .    .    .    Y    .    Y    .    Y    Y    .
representative-active         delete                .    .    .    .    .    .    .    .    Y    Y    .
representative-active         link-user             .    .    .    .    .    .    .    Y    Y    Y    .
representative-active         retire                .    .    .    .    Y    .    Y    Y    Y    Y    .
representative-former         view                  .    .    .    .    Y    .    Y    Y    Y    Y    .
representative-former         edit                  .    .    .    .    Y    .    Y    .    Y    Y    .  # wf
representative-former         delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
representative-former         link-user             .    .    .    .    .    .    .    Y    Y    Y    .
representative-former         reactivate            .    .    .    .    .    .    .    Y    Y    Y    .
representative-former         contact               .    .    .    .    Y    .    Y    Y    Y    Y    .
contact-public                contact               Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
contact-network               contact               .    .    Y    Y    Y    .    Y    .    Y    Y    .
contact-hidden                contact               .    .    .    .    Y    .    Y    .    Y    Y    .

forum-internal                view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
forum-internal                edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
forum-internal                delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
forum-internal                publish               .    .    .    .    .    .    Y    .    Y    Y    .
forum-internal                close                 .    .    .    .    .    .    Y    .    Y    Y    .
forum-internal                add-Thread            .    .    Y    Y    .    .    .    .    Y    Y    .
forum-public                  view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
forum-public                  edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
forum-public                  delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
forum-public                  make_internal         .    .    .    .    .    .    Y    .    Y    Y    .
forum-public                  close                 .    .    .    .    .    .    Y    .    Y    Y    .
forum-public                  add-Thread            .    .    Y    Y    .    .    .    .    Y    Y    .
forum-closed                  view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
forum-closed                  edit                  .    .    .    .    .    .    .    .    Y    Y    .  # wf
forum-closed                  delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
forum-closed                  reopen                .    .    .    .    .    .    Y    .    Y    Y    .
forum-closed                  add-Thread            .    .    .    .    .    .    .    .    .    .    .

thread-internal               view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
thread-internal               edit                  .    .    .    Y    .    .    .    .    Y    Y    .
thread-internal               delete                .    .    .    .    .    .    .    .    Y    Y    .
thread-internal               lock                  .    .    .    .    .    .    .    Y    Y    Y    .
thread-internal               add-Post              .    .    Y    Y    .    .    .    Y    Y    Y    .
thread-internal               hide                  .    .    .    .    .    .    .    Y    Y    Y    .
thread-internal               pin                   .    .    .    .    .    .    .    .    Y    Y    .
thread-pending                view                  .    .    .    Y    .    .    .    Y    Y    Y    .
thread-pending                edit                  .    .    .    Y    .    .    .    .    Y    Y    .
thread-pending                delete                .    .    .    .    .    .    .    .    Y    Y    .
thread-pending                publish               .    .    .    .    .    .    .    Y    Y    Y    .
thread-pending                hide                  .    .    .    .    .    .    .    Y    Y    Y    .
thread-pending                add-Post              .    .    .    .    .    .    .    .    .    .    .
thread-hidden                 view                  .    .    .    Y    .    .    .    Y    Y    Y    .
thread-hidden                 reason                .    .    .    Y    .    .    .    Y    Y    Y    .
thread-hidden                 edit                  .    .    .    .    .    .    .    .    Y    Y    .
thread-hidden                 restore               .    .    .    .    .    .    .    Y    Y    Y    .
thread-hidden                 add-Post              .    .    .    .    .    .    .    .    .    .    .
thread-internal-locked        view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
thread-internal-locked        edit                  .    .    .    .    .    .    .    .    Y    Y    .
thread-internal-locked        delete                .    .    .    .    .    .    .    .    Y    Y    .
thread-internal-locked        unlock                .    .    .    .    .    .    .    Y    Y    Y    .
thread-internal-locked        add-Post              .    .    .    .    .    .    .    .    .    .    .
thread-public                 view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
thread-public                 add-Post              .    .    Y    Y    .    .    .    Y    Y    Y    .
thread-public-locked          view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
thread-public-locked          add-Post              .    .    .    .    .    .    .    .    .    .    .
thread-closed                 view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
thread-closed                 add-Post              .    .    .    .    .    .    .    .    .    .    .

post-internal                 view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
post-internal                 edit                  .    .    .    Y    .    .    .    .    Y    Y    .
post-internal                 delete                .    .    .    .    .    .    .    .    Y    Y    .
post-internal                 hide                  .    .    .    .    .    .    .    Y    Y    Y    .
post-pending                  view                  .    .    .    Y    .    .    .    Y    Y    Y    .
post-pending                  edit                  .    .    .    Y    .    .    .    .    Y    Y    .  # wf
post-pending                  delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
post-pending                  publish               .    .    .    .    .    .    .    Y    Y    Y    .
post-pending                  hide                  .    .    .    .    .    .    .    Y    Y    Y    .
post-internal-hidden          view                  .    .    .    Y    .    .    .    Y    Y    Y    .
post-internal-hidden          reason                .    .    .    Y    .    .    .    Y    Y    Y    .
post-internal-hidden          edit                  .    .    .    .    .    .    .    .    Y    Y    .  # wf
post-internal-hidden          delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
post-internal-hidden          restore               .    .    .    .    .    .    .    Y    Y    Y    .
post-internal-other           view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .
post-internal-other           edit                  .    .    Y    .    .    .    .    .    Y    Y    .
post-internal-other           delete                .    .    .    .    .    .    .    .    Y    Y    .
post-internal-other-hidden    view                  .    .    Y    .    .    .    .    Y    Y    Y    .
post-internal-other-hidden    reason                .    .    Y    .    .    .    .    Y    Y    Y    .
post-internal-other-hidden    edit                  .    .    .    .    .    .    .    .    Y    Y    .  # wf
post-pending-other            view                  .    .    Y    .    .    .    .    Y    Y    Y    .
post-pending-other            edit                  .    .    Y    .    .    .    .    .    Y    Y    .  # wf
post-pending-other            publish               .    .    .    .    .    .    .    Y    Y    Y    .
post-public                   view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
post-public                   edit                  .    .    .    Y    .    .    .    .    Y    Y    .
post-public                   hide                  .    .    .    .    .    .    .    Y    Y    Y    .
post-public-hidden            view                  .    .    .    Y    .    .    .    Y    Y    Y    .
post-public-hidden            reason                .    .    .    Y    .    .    .    Y    Y    Y    .
post-closed                   view                  .    .    Y    Y    .    .    Y    Y    Y    Y    .

proposal-draft                view                  .    .    .    Y    .    .    Y    .    Y    Y    .
proposal-draft                edit                  .    .    .    Y    .    .    Y    .    Y    Y    .  # wf
proposal-draft                delete                .    .    .    Y    .    .    Y    .    Y    Y    .  # wf
proposal-draft                submit                .    .    .    Y    .    .    .    .    Y    Y    .
proposal-draft                withdraw              .    .    .    Y    .    .    .    .    .    .    .
proposal-draft                support               .    .    .    .    .    .    .    .    .    .    .
proposal-submitted            view                  .    .    .    Y    .    .    Y    Y    Y    Y    .
proposal-submitted            edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
proposal-submitted            delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
proposal-submitted            open_discussion       .    .    .    .    .    .    Y    Y    Y    Y    .
proposal-submitted            reject                .    .    .    .    .    .    Y    Y    Y    Y    .
proposal-submitted            withdraw              .    .    .    Y    .    .    .    .    .    .    .
proposal-submitted            support               .    .    .    .    .    .    .    .    .    .    .
proposal-discussion           view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-discussion           edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
proposal-discussion           delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
proposal-discussion           support               .    .    Y    Y    .    .    .    .    .    .    .
proposal-discussion           support-again         .    .    p    p    .    .    .    .    .    .    .
proposal-discussion           withdraw-support      .    .    Y    Y    .    .    .    .    .    .    .
proposal-discussion           accept                .    .    .    .    .    .    p    p    p    p    .
proposal-discussion           reject                .    .    .    .    .    .    Y    Y    Y    Y    .
proposal-discussion           withdraw              .    .    .    Y    .    .    .    .    .    .    .
proposal-discussion           add-Meeting           .    .    .    .    .    .    .    .    .    .    .  # wf
proposal-discussion-quorum    accept                .    .    .    .    .    .    Y    Y    Y    Y    .
proposal-accepted             view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-accepted             edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
proposal-accepted             delete                .    .    .    .    .    .    .    .    .    Y    .  # wf
proposal-accepted             realise               .    .    .    .    .    .    Y    Y    Y    Y    .  # wf
proposal-accepted             withdraw              .    .    .    .    .    .    .    .    .    .    .
proposal-accepted             support               .    .    .    .    .    .    .    .    .    .    .
proposal-accepted             add-Meeting           .    .    .    .    .    .    Y    .    Y    Y    .
proposal-realised             view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-realised             edit                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
proposal-realised             delete                .    .    .    .    .    .    .    .    .    Y    .  # wf
proposal-realised             add-Meeting           .    .    .    .    .    .    Y    .    Y    Y    .
proposal-accepted             realise_anyway        .    .    .    .    .    .    .    .    .    .    .
proposal-accepted-open        realise               .    .    .    .    .    .    p    p    p    p    .
proposal-accepted-open        realise_anyway        .    .    .    .    .    .    Y    Y    Y    Y    .

# Decisions and the path of a proposal (issue 11): whoever may view the proposal reads them
proposal-draft                decision              .    .    .    Y    .    .    Y    .    Y    Y    .
proposal-draft                timeline              .    .    .    Y    .    .    Y    .    Y    Y    .
proposal-submitted            decision              .    .    .    Y    .    .    Y    Y    Y    Y    .
proposal-submitted            timeline              .    .    .    Y    .    .    Y    Y    Y    Y    .
proposal-discussion           decision              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-discussion           timeline              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-accepted             decision              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-accepted             timeline              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-accepted-open        decision              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-accepted-open        timeline              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-realised             decision              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-realised             timeline              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-rejected             decision              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-rejected             timeline              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
proposal-withdrawn            decision              .    .    .    Y    .    .    Y    Y    Y    Y    .
proposal-withdrawn            timeline              .    .    .    Y    .    .    Y    Y    Y    Y    .

meeting-planned               view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
meeting-planned               edit                  .    .    .    .    .    .    Y    .    Y    Y    .
meeting-planned               delete                .    .    .    .    .    .    Y    .    Y    Y    .  # wf
meeting-planned               hold                  .    .    .    .    .    .    Y    .    Y    Y    .  # wf
meeting-planned               cancel                .    .    .    .    .    .    Y    .    Y    Y    .  # wf
meeting-held                  view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
meeting-held                  edit                  .    .    .    .    .    .    Y    .    Y    Y    .
meeting-held                  delete                .    .    .    .    .    .    .    .    Y    Y    .  # wf
meeting-cancelled             view                  Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
meeting-cancelled             edit                  .    .    .    .    .    .    Y    .    Y    Y    .
meeting-cancelled             delete                .    .    .    .    .    .    Y    .    Y    Y    .  # wf
meeting-cancelled             replan                .    .    .    .    .    .    Y    .    Y    Y    .  # wf

# Sharing (issue 9): delegating roles and blocking inheritance, for every type in every state (the
# site root is the host's: it keeps Plone's defaults, see test_setup)
region                        share                 .    .    .    .    .    .    .    .    Y    Y    .
municipality-a                share                 .    .    .    .    .    .    .    .    Y    Y    .
representative-pending        share                 .    .    .    .    .    .    .    .    Y    Y    .
representative-active         share                 .    .    .    .    .    .    .    .    Y    Y    .
representative-former         share                 .    .    .    .    .    .    .    .    Y    Y    .
forum-internal                share                 .    .    .    .    .    .    .    .    Y    Y    .
forum-public                  share                 .    .    .    .    .    .    .    .    Y    Y    .
forum-closed                  share                 .    .    .    .    .    .    .    .    Y    Y    .
thread-internal               share                 .    .    .    .    .    .    .    .    Y    Y    .
thread-internal-locked        share                 .    .    .    .    .    .    .    .    Y    Y    .
thread-pending                share                 .    .    .    .    .    .    .    .    Y    Y    .
thread-hidden                 share                 .    .    .    .    .    .    .    .    Y    Y    .
post-internal                 share                 .    .    .    .    .    .    .    .    Y    Y    .
post-pending                  share                 .    .    .    .    .    .    .    .    Y    Y    .
post-internal-hidden          share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-draft                share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-submitted            share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-discussion           share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-accepted             share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-realised             share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-rejected             share                 .    .    .    .    .    .    .    .    Y    Y    .
proposal-withdrawn            share                 .    .    .    .    .    .    .    .    Y    Y    .
meeting-planned               share                 .    .    .    .    .    .    .    .    Y    Y    .
meeting-held                  share                 .    .    .    .    .    .    .    .    Y    Y    .
meeting-cancelled             share                 .    .    .    .    .    .    .    .    Y    Y    .
"""

#: Where each target of the table is in the site of conftest.py (relative to the portal).
TARGETS = {
    "site": "",
    "region": "region1",
    "municipality-a": "region1/a",
    "municipality-b": "region1/b",
    "representative-pending": "region1/a/rep-pending",
    "representative-active": "region1/a/rep-active",
    "representative-former": "region1/a/rep-former",
    "contact-public": "region1/a/rep-public",
    "contact-network": "region1/a/rep-network",
    "contact-hidden": "region1/a/rep-hidden",
    "forum-internal": "region1/forum-internal",
    "forum-public": "region1/forum-public",
    "forum-closed": "region1/forum-closed",
    "thread-internal": "region1/forum-internal/thread",
    "thread-internal-locked": "region1/forum-internal/thread-locked",
    "thread-public": "region1/forum-public/thread",
    "thread-public-locked": "region1/forum-public/thread-locked",
    "thread-closed": "region1/forum-closed/thread",
    "thread-pending": "region1/forum-premod/thread-pending",
    "thread-hidden": "region1/forum-internal/thread-hidden",
    "post-internal": "region1/forum-internal/thread/post",
    "post-pending": "region1/forum-premod/thread/post",
    "post-internal-hidden": "region1/forum-internal/thread/post-hidden",
    "post-internal-other": "region1/forum-internal/thread/post-other",
    "post-internal-other-hidden": "region1/forum-internal/thread/post-other-hidden",
    "post-pending-other": "region1/forum-premod/thread/post-other",
    "post-public": "region1/forum-public/thread/post",
    "post-public-hidden": "region1/forum-public/thread/post-hidden",
    "post-closed": "region1/forum-closed/thread/post",
    "proposal-draft": "region1/proposal-draft",
    "proposal-submitted": "region1/proposal-submitted",
    "proposal-discussion": "region1/proposal-discussion",
    "proposal-discussion-quorum": "region1/proposal-ready",
    "proposal-accepted": "region1/proposal-accepted",
    "proposal-accepted-open": "region1/proposal-accepted-open",
    "proposal-realised": "region1/proposal-realised",
    "proposal-rejected": "region1/proposal-rejected",
    "proposal-withdrawn": "region1/proposal-withdrawn",
    "meeting-planned": "region1/proposal-accepted/meeting-planned",
    "meeting-held": "region1/proposal-accepted/meeting-held",
    "meeting-cancelled": "region1/proposal-accepted/meeting-cancelled",
}

#: Cells where the policy and the workflows disagree and the lead decides which one is right.
#: Decided: a locked thread is frozen for its author too (the workflow's "locked" state).
UNDECIDED = {}

COMMENT = "Begründung für das Protokoll"
HIDDEN_REASON = "Beleidigend"  # conftest.py hides the posts with this reason
REFUSED = (Unauthorized, zUnauthorized, InvalidParameterError)


@dataclass(frozen=True)
class Cell:
    target: str
    action: str
    role: str
    expected: str  # "Y", "." or "p"

    @property
    def key(self):
        return f"{self.target}-{self.action}-{self.role}"

    @property
    def id(self):
        return f"{self.key}-{'yes' if self.expected == 'Y' else 'no'}"

    @property
    def user_id(self):
        return None if self.role == "anonymous" else self.role


def parse(table):
    rows = []
    for line in table.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target, action, *marks = line.split()
        assert len(marks) == len(ROLES), f"{target} {action}: {len(marks)} cells for {len(ROLES)} roles"
        assert set(marks) <= {"Y", ".", "p"}, f"{target} {action}: unknown mark in {marks}"
        assert target in TARGETS, f"unknown target {target}"
        rows.append((target, action, dict(zip(ROLES, marks, strict=True))))
    keys = [(target, action) for target, action, _marks in rows]
    assert len(keys) == len(set(keys)), "a line of the table is there twice"
    return rows


ROWS = parse(TABLE)
CELLS = [Cell(target, action, role, marks[role]) for target, action, marks in ROWS for role in ROLES]


def _param(cell):
    marks = []
    if cell.key in UNDECIDED:
        marks.append(pytest.mark.xfail(reason=UNDECIDED[cell.key], strict=True))
    return pytest.param(cell, id=cell.id, marks=marks)


# --- what each action asks and tries -------------------------------------------------------------------


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def new_content(portal_type):
    """The fields a new object of ``portal_type`` needs."""
    start = datetime.datetime(2031, 3, 1, 10, 0)
    return {
        "Region": {"title": "Neue Region"},
        "Municipality": {"title": "Neue Gemeinde", "kind": "gemeinde", "ags": "03154001"},
        "Representative": {"first_name": "Neu", "last_name": "Vertreterin"},
        "Forum": {"title": "Neues Forum"},
        "Thread": {"title": "Neues Thema", "text": html("Neu")},
        "Post": {"text": html("Eine Antwort")},
        "ExchangeProposal": {"title": "Neuer Vorschlag"},
        "Meeting": {"title": "Neues Treffen", "start": start, "end": start + datetime.timedelta(hours=2)},
    }[portal_type]


def attempt(function, refusals=REFUSED):
    """``True`` when ``function`` runs through, ``False`` when it is refused with one of ``refusals``
    (any other exception is an error of the test)."""
    try:
        function()
    except refusals:
        return False
    return True


def has_permission(permission, obj, cell):
    if cell.user_id is None:
        return api.user.has_permission(permission, obj=obj)
    return api.user.has_permission(permission, username=cell.user_id, obj=obj)


def traverse(portal, path):
    return portal.restrictedTraverse(path) if path else portal


def check_view(portal, obj, path, cell):
    def view():
        traverse(portal, path).restrictedTraverse("@@view")

    return {
        "permission": has_permission("View", obj, cell),
        "traversal": attempt(view),
        "catalog": len(api.content.find(UID=api.content.get_uuid(obj))) == 1,
    }


def check_edit(portal, obj, path, cell):
    return {
        "permission": has_permission("Modify portal content", obj, cell),
        "edit form": attempt(lambda: traverse(portal, path).restrictedTraverse("@@edit")),
    }


def check_link_user(portal, obj, path, cell):
    """Who may set the user account a record names (it decides network membership): the record's
    editors while it waits for approval, afterwards only those who approve."""
    return {"permission": has_permission("regionaustausch: Manage membership", obj, cell)}


def check_delete(portal, obj, path, cell):
    def delete():
        aq_parent(obj).manage_delObjects([obj.getId()])
        assert obj.getId() not in aq_parent(obj).objectIds()

    return {"permission": has_permission("Delete objects", obj, cell), "manage_delObjects": attempt(delete)}


def check_add(portal_type):
    def check(portal, obj, path, cell):
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)

        def add():
            created = api.content.create(
                container=obj, type=portal_type, id="matrix-new", **new_content(portal_type)
            )
            assert created.portal_type == portal_type

        return {
            "permission": has_permission(_permission_title(fti.add_permission), obj, cell),
            "api.content.create": attempt(add),
        }

    return check


def _permission_title(permission_id):
    return getUtility(IPermission, name=permission_id).title


def check_transition(name):
    def check(portal, obj, path, cell):
        workflow = api.portal.get_tool("portal_workflow")
        offered = name in [info["id"] for info in workflow.getTransitionsFor(obj)]
        before = api.content.get_state(obj)

        def run():
            api.content.transition(obj=obj, transition=name, comment=COMMENT)
            assert api.content.get_state(obj) != before

        return {"offered": offered, "api.content.transition": attempt(run)}

    return check


def _expected_refusal(cell, state):
    if cell.user_id is None:
        return LoginRequired
    if cell.role not in NETWORK_MEMBERS:
        return NotANetworkMember
    if state != "discussion":
        return SupportClosed
    return AlreadySupported


def check_support(portal, obj, path, cell):
    refusal = _expected_refusal(cell, api.content.get_state(obj))
    return {
        "permission": has_permission("regionaustausch: Support proposal", obj, cell),
        "add_support": attempt(lambda: supports.add_support(obj), refusal),
    }


def check_support_again(portal, obj, path, cell):
    def support_twice():
        with contextlib.suppress(NotANetworkMember, LoginRequired):
            supports.add_support(obj)
        supports.add_support(obj)

    return {
        "permission": has_permission("regionaustausch: Support proposal", obj, cell),
        "add_support twice": attempt(support_twice, _expected_refusal(cell, "discussion")),
    }


def check_withdraw_support(portal, obj, path, cell):
    def support_and_withdraw():
        with contextlib.suppress(NotANetworkMember, LoginRequired):
            supports.add_support(obj)
        supports.withdraw_support(obj)
        assert supports.storage(obj).get(cell.user_id) is None

    return {"withdraw_support": attempt(support_and_withdraw, (NotSupported, LoginRequired))}


#: What the Sharing page needs: delegating roles at all, each of Plone's delegatable roles, and Zope's
#: "Change local roles" (``manage_setLocalRoles``).
SHARING_PERMISSIONS = (
    "Sharing page: Delegate roles",
    "Sharing page: Delegate Reader role",
    "Sharing page: Delegate Editor role",
    "Sharing page: Delegate Contributor role",
    "Sharing page: Delegate Reviewer role",
    "Change local roles",
)


def check_share(portal, obj, path, cell):
    """Who may delegate roles or block the inheritance of local roles (``@@sharing``, ``@sharing``)."""
    held = [has_permission(permission, obj, cell) for permission in SHARING_PERMISSIONS]
    return {
        "permission": all(held),
        "any delegation": any(held),
        "@@sharing": attempt(lambda: traverse(portal, path).restrictedTraverse("@@sharing")),
    }


def check_contact(portal, obj, path, cell):
    def read_contact():
        details = visible_contact(traverse(portal, path))
        if not details:
            raise Unauthorized("no contact details for this caller")
        assert details["email"].endswith("@example.org")

    return {
        "permission": has_permission("View", obj, cell)
        and has_permission("regionaustausch: View contact details", obj, cell),
        "visible_contact": attempt(read_contact),
    }


def check_pin(portal, obj, path, cell):
    """Pinning a thread: editing it, and the write permission of its ``pinned`` field (Moderate)."""
    return {
        "permission": has_permission("Modify portal content", obj, cell)
        and has_permission("regionaustausch: Moderate", obj, cell)
    }


def check_reason(portal, obj, path, cell):
    def read_reason():
        post = traverse(portal, path)
        assert moderation.hidden_reason(post)["reason"] == HIDDEN_REASON

    return {"permission": has_permission("View", obj, cell), "hidden_reason": attempt(read_reason)}


#: The decision each proposal of the matrix has taken last (conftest.py gives every transition COMMENT).
LATEST_DECISION = {
    "proposal-accepted": "accept",
    "proposal-accepted-open": "accept",
    "proposal-realised": "accept",
    "proposal-rejected": "reject",
    "proposal-withdrawn": "withdraw",
}


def _expected_decision(cell):
    transition = LATEST_DECISION.get(cell.target)
    return None if transition is None else (transition, f"<p>{COMMENT}</p>")


def check_decision(portal, obj, path, cell):
    """The proposal's ``decision`` as its REST serialization shows it, read by traversing to it."""

    def read_decision():
        proposal = traverse(portal, path)
        data = getMultiAdapter((proposal, getRequest()), ISerializeToJson)()
        decision = data["decision"]
        found = None if decision is None else (decision["transition"], decision["text"])
        assert found == _expected_decision(cell)

    return {"permission": has_permission("View", obj, cell), "decision": attempt(read_decision)}


def check_timeline(portal, obj, path, cell):
    """``@timeline`` (regionaustausch.timeline) of a proposal reached by traversal: its states, and a
    decision's text with the decisions only (the other transitions' comments are the editors' own)."""

    def read_timeline():
        proposal = traverse(portal, path)
        states = [item for item in timeline(proposal, getRequest())["items"] if item["type"] == "state"]
        assert states[-1]["state"] == api.content.get_state(proposal)
        with_text = [(item["transition"], item["decision"]["text"]) for item in states if item["decision"]]
        expected = _expected_decision(cell)
        assert with_text[-1:] == ([expected] if expected else [])
        assert all(transition in ("accept", "reject", "withdraw") for transition, _text in with_text)

    return {"permission": has_permission("View", obj, cell), "timeline": attempt(read_timeline)}


ACTIONS = {
    "view": check_view,
    "edit": check_edit,
    "delete": check_delete,
    "link-user": check_link_user,
    "support": check_support,
    "support-again": check_support_again,
    "withdraw-support": check_withdraw_support,
    "contact": check_contact,
    "share": check_share,
    "pin": check_pin,
    "reason": check_reason,
    "decision": check_decision,
    "timeline": check_timeline,
}


def checker(action):
    if action in ACTIONS:
        return ACTIONS[action]
    if action.startswith("add-"):
        return check_add(action[len("add-") :])
    return check_transition(action)


def expectation(cell, results):
    """What each check must say: ``p`` means the permission (or guard) is there but the attempt fails."""
    allowed = cell.expected == "Y"
    permitted = cell.expected in ("Y", "p")
    return {check: permitted if check in ("permission", "offered") else allowed for check in results}


class TestPermissionMatrix:
    @pytest.mark.parametrize("cell", [_param(cell) for cell in CELLS])
    def test_cell(self, network, act_as, cell):
        path = TARGETS[cell.target]
        obj = network.unrestrictedTraverse(path) if path else network
        with act_as(cell.user_id):
            results = checker(cell.action)(network, obj, path, cell)
        expected = expectation(cell, results)
        assert results == expected, (
            f"{cell.role} {cell.action} on {path or 'site'}: {results}, expected {expected}"
        )


def test_table_covers_every_role_and_type():
    """Every role has a column, every type of ours a line, every transition of every state a line."""
    types = {api_type for target in TARGETS for api_type in _type_of(target)}
    assert types == {
        "Region",
        "Municipality",
        "Representative",
        "Forum",
        "Thread",
        "Post",
        "ExchangeProposal",
        "Meeting",
        "Site",
    }
    assert len(CELLS) == len(ROWS) * len(ROLES)
    actions = {action for _target, action, _marks in ROWS}
    for required in (
        "view",
        "edit",
        "delete",
        "support",
        "contact",
        "hide",
        "restore",
        "add-Post",
        "share",
        "decision",
        "timeline",
    ):
        assert required in actions


class TestSharingRows:
    def test_every_state_of_every_type_has_a_sharing_row(self, network):
        """The Sharing rows name every state of every workflow of ours (issue 9: "in every state")."""
        workflow_tool = api.portal.get_tool("portal_workflow")
        shared = {TARGETS[target] for target, action, _marks in ROWS if action == "share"}
        covered = set()
        for path in shared:
            obj = network.unrestrictedTraverse(path) if path else network
            for workflow in workflow_tool.getWorkflowsFor(obj) if path else ():
                covered.add((workflow.getId(), api.content.get_state(obj)))
        expected = {
            (workflow_id, state)
            for workflow_id in workflow_tool.objectIds()
            if workflow_id.startswith("regionaustausch_")
            for state in workflow_tool[workflow_id].states.objectIds()
        }
        assert covered == expected


def _type_of(target):
    prefixes = {
        "site": "Site",
        "region": "Region",
        "municipality": "Municipality",
        "representative": "Representative",
        "contact": "Representative",
        "forum": "Forum",
        "thread": "Thread",
        "post": "Post",
        "proposal": "ExchangeProposal",
        "meeting": "Meeting",
    }
    return [prefixes[target.split("-")[0]]]
