"""regionaustausch: an inter-municipal exchange of council members of one economic region, for Plone."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("regionaustausch")
