"""The machinery of the demo profile (regionaustausch.demo): content that is created when it is missing
and left as it is when it exists, and moved forward along a fixed workflow path only while nobody has
taken it off that path. What it creates is regionaustausch.demo's business; see its docstring for the
rules this module keeps.
"""

from contextlib import contextmanager
from contextlib import nullcontext
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
import logging


logger = logging.getLogger("regionaustausch.demo")


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


@contextmanager
def acting_as(user):
    """Run the block as ``user`` (a user object), or as the caller when ``user`` is None."""
    with api.env.adopt_user(user=user) if user is not None else nullcontext():
        yield


class ContentBuilder:
    """Creates content below a container, counting what it created and found, and brings it along the
    workflow paths of :attr:`paths` (``{portal_type: ((state, transition, next state), ...)}``)."""

    paths = {}

    def __init__(self, container):
        self.container = container
        self.created = []
        self.existing = 0
        self.deferred = []
        #: ``(path, transition)`` of every transition made in this run
        self.transitions = []

    def _user(self, user_id):
        """The user ``user_id`` of the site, or None (no id, or no such user)."""
        return api.user.get(userid=user_id) if user_id else None

    def _create(self, container, portal_type, id, author=None, **fields):
        """The object ``id`` in ``container``: created with ``fields`` when it is missing, as it is
        otherwise; ``None`` when something of another type has the id, or when the container may not
        hold the type in its current workflow state (then its path is in :attr:`deferred`).

        A new object is created as ``author`` (a user id: they own it, as if they had written it) when
        that user exists and may add it there, otherwise as the one who applies the profile."""
        existing = container.get(id)
        if existing is not None:
            if existing.portal_type != portal_type:
                logger.warning(
                    "demo: %s is a %s, not a %s; its demo content is skipped",
                    path_of(existing),
                    existing.portal_type,
                    portal_type,
                )
                return None
            self.existing += 1
            return existing
        type_info = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        creator = self._user(author)
        if creator is not None:
            with acting_as(creator):
                if not type_info.isConstructionAllowed(container):
                    logger.info("demo: %s may not add %s here; the demo adds it", author, portal_type)
                    creator = None
        if creator is None and not type_info.isConstructionAllowed(container):
            # The container's workflow state does not allow it yet (a meeting is planned only in an
            # accepted proposal): not an error, but said, and listed for the caller.
            path = "/".join((*container.getPhysicalPath(), id))
            review_state = api.content.get_state(container, default=None)
            logger.info(
                "demo: %s (%s) not created: its container may not hold a %s in the state %s",
                path,
                portal_type,
                portal_type,
                review_state,
            )
            self.deferred.append(path)
            return None
        # What plone.api.content.create does with an explicit id; called directly because its
        # decorators take the keyword "function" for themselves (a Representative's field).
        with acting_as(creator):
            container.invokeFactory(portal_type, id, **fields)
        obj = container[id]
        self.created.append(obj)
        return obj

    def _advance(self, obj, target, on_arrival=None):
        """Move ``obj`` along its path (:attr:`paths`) to the state ``target``, by
        transitions; returns the transitions made.

        Nothing happens when ``obj`` is in ``target`` or past it, in a state off the path, or when its
        workflow history shows a transition off the path (an editor took it elsewhere, perhaps back).
        ``on_arrival`` maps a state to a callable, called with ``obj`` when a transition of this run
        arrives there. A refused transition is logged and ends the way there."""
        steps = self.paths[obj.portal_type]
        states = [steps[0][0], *(next_state for _state, _transition, next_state in steps)]
        state = api.content.get_state(obj, default=None)
        if state not in states or states.index(state) >= states.index(target) or self._left_path(obj, steps):
            return []
        workflow = api.portal.get_tool("portal_workflow")
        made = []
        for _state, transition, next_state in steps[states.index(state) : states.index(target)]:
            try:
                # doActionFor rather than plone.api, which turns the refusal's message into its own
                workflow.doActionFor(obj, transition)
            except WorkflowException as refusal:
                logger.warning(
                    "demo: %s stays %s; %s refused: %s",
                    path_of(obj),
                    api.content.get_state(obj),
                    transition,
                    refusal,
                )
                break
            made.append(transition)
            self.transitions.append((path_of(obj), transition))
            if on_arrival and next_state in on_arrival:
                on_arrival[next_state](obj)
        return made

    def _left_path(self, obj, steps):
        """Whether the workflow history of ``obj`` shows a transition that is not on its path."""
        on_path = {transition for _state, transition, _next in steps}
        workflow = api.portal.get_tool("portal_workflow")
        for workflow_id in workflow.getChainFor(obj):
            for entry in getattr(obj, "workflow_history", {}).get(workflow_id, ()):
                if entry.get("action") is not None and entry["action"] not in on_path:
                    return True
        return False
