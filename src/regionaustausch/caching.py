"""HTTP caching of answers that differ per caller.

An answer that shows what only this caller may see (contact details, their own supports, their own
data) must never be kept by a shared cache (a proxy, a CDN) and served to someone else, nor kept by
the browser after the session: ``Cache-Control: private, no-store``. ``no-store`` already tells every
cache to keep nothing, so a ``Vary`` header would add nothing here; whatever ``Vary`` the framework
sets (plone.rest varies on ``Accept``) is left alone.
"""


def no_store(response):
    """Mark ``response`` (a Zope ``HTTPResponse``) as one no cache may keep."""
    response.setHeader("Cache-Control", "private, no-store")
