"""Mails of the forms (to the editors, confirmations, a seat that became free), sent through the
site's MailHost, after the commit (Plone's MailHost queues mails with the transaction: a request that
fails sends nothing)."""

from email.message import EmailMessage
from email.utils import formataddr
from plone import api
from regionaustausch.listing import translated
import logging


logger = logging.getLogger(__name__)


def sender():
    """The site's sender address (Site Setup → Mail), or ``None``."""
    address = api.portal.get_registry_record("plone.email_from_address", default=None)
    if not address:
        return None
    name = api.portal.get_registry_record("plone.email_from_name", default=None)
    return formataddr((name, address)) if name else address


def send_mail(recipient, subject, body, request=None):
    """Send a plain-text mail with the (translatable) ``subject`` and ``body`` to ``recipient``;
    returns whether it was handed to the MailHost. Without a sender address or a recipient nothing is
    sent, and the log says so: a form's work never fails for a mail."""
    mfrom = sender()
    if not recipient or mfrom is None:
        logger.warning("no mail to %r: %s", recipient, "no sender address" if recipient else "no recipient")
        return False
    message = EmailMessage()
    message["Subject"] = translated(subject, request)
    message["From"] = mfrom
    message["To"] = recipient
    message.set_content(translated(body, request))
    api.portal.get_tool("MailHost").send(message, immediate=False)
    return True
