"""Ids of new content: from the title with German transliteration (``Großraum`` -> ``grossraum``),
whatever the language of the request; posts get ids of their own.

Plone's name chooser normalises an INameFromTitle with the request's language (``ä`` becomes ``a`` for
an English browser); handing it an id that is already ASCII makes the result the same for everyone.

The ids are :func:`regionaustausch.domain.names.make_id`'s, the same the domain gives topics. Plone's own
German normaliser (``IURLNormalizer`` with locale ``de``; ``IIDNormalizer`` has no German variant and
makes ``wolfenbuttel``) agrees for most titles but not for gender forms (``vertreter-innen`` for
"Vertreter*innen", ``vertreter_innen``), ``€`` (``euro``, ours ``eur``), decomposed umlauts
(``wolfenbuttel``) and other scripts (``dong-jing`` for "東京", ours nothing), so it is not used.
"""

from datetime import datetime
from datetime import timezone

# plone.app.content's INameFromTitle (a subclass of plone.base's) is what plone.restapi looks up; providing it
# serves the Classic UI name chooser too.
from plone.app.content.interfaces import INameFromTitle
from plone.app.content.namechooser import NormalizingNameChooser
from regionaustausch.content.post import IPost
from regionaustausch.content.representative import IRepresentative
from regionaustausch.domain.names import make_id
from regionaustausch.interfaces import IRegionaustauschContainer
from regionaustausch.interfaces import IRegionaustauschContent
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer
import secrets


@implementer(INameFromTitle)
@adapter(IRegionaustauschContent)
class GermanNameFromTitle:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return make_id(self.context.Title()) or None


@implementer(INameFromTitle)
@adapter(IPost)
class PostName:
    """``beitrag-20261125-134501-3f9a1c``: unique without counting the thread's posts (a thread holds
    thousands; Plone's "-1, -2, ..." search for a free title-based id would grow with it)."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        return f"beitrag-{stamp}-{secrets.token_hex(3)}"


@implementer(INameChooser)
@adapter(IRegionaustauschContainer)
class GermanNameChooser(NormalizingNameChooser):
    """Inside our containers every id is made the German way, also when a script (plone.api) passes the
    title as the name; Plone's chooser keeps making it unique."""

    def chooseName(self, name, obj):
        if not name or IPost.providedBy(obj) or IRepresentative.providedBy(obj):
            # Posts and representatives have no title of their own to type (a post's id is made
            # for it, a representative's title is computed from the name parts): the name a script
            # passes (plone.api passes its ``title`` argument) is not theirs.
            from_title = INameFromTitle(obj, None)
            name = from_title.title if from_title is not None else None
        if name and not IPost.providedBy(obj):
            name = make_id(name) or name
        return super().chooseName(name, obj)
