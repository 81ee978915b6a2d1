"""HTTP caching of answers that belong to one caller: the one place that says how they are sent."""


def no_store(response):
    """Mark ``response`` as one caller's own answer: no shared cache (proxy, CDN) may keep it, and the
    browser may not store it either.

    ``no-store`` forbids every cache to keep the answer, so no ``Vary`` is needed (a cache that keeps
    nothing does not choose between variants); ``private`` tells caches that ignore ``no-store`` that
    the answer is the caller's alone."""
    response.setHeader("Cache-Control", "private, no-store")
