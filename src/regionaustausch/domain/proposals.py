"""Exchange proposals (Austauschvorschläge): their review states and formats.

The workflow is draft -> submitted -> discussion -> accepted -> realised, with rejected and withdrawn
on the way. Who may support is in :mod:`regionaustausch.domain.supports`, when one may be accepted in
:mod:`regionaustausch.domain.quorum`.
"""

DRAFT = "draft"
SUBMITTED = "submitted"
DISCUSSION = "discussion"
ACCEPTED = "accepted"
REALISED = "realised"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
#: The review states in the order of the workflow.
STATES = (DRAFT, SUBMITTED, DISCUSSION, ACCEPTED, REALISED, REJECTED, WITHDRAWN)

#: (token, English msgid) in display order: the forms an exchange can take.
FORMATS = (
    ("austauschtreffen", "Exchange meeting"),
    ("arbeitskreis", "Working group"),
    ("regionalkonferenz", "Regional conference"),
    ("exkursion", "Site visit"),
    ("online", "Online meeting"),
    ("hospitation", "Job shadowing"),
    ("initiative", "Joint initiative"),
)
FORMAT_TOKENS = tuple(token for token, _title in FORMATS)
