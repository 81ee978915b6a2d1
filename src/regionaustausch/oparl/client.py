"""An HTTP client for OParl 1.0 and 1.1 servers, built on requests.

- Every request has a timeout; 5xx answers and connection errors are retried a bounded number of times
  with exponential back-off (urllib3's ``Retry`` mounted on the session).
- Lists are followed through ``links.next``; a ``next`` already visited, a page that repeats only objects
  already seen (servers that answer every ``?page=n`` with the same page), or a run of empty pages
  ends the list.
- Parsing is tolerant: control characters inside JSON strings, a 404 error object or ``[]`` instead
  of an empty list, a single object where a list is due, entries given by their URL only.

Errors are :class:`OParlError` (a domain ``RuleViolation`` naming the field ``url``), so that the REST
service answers 400 with the reason and the sync's report can name it.
"""

from regionaustausch import _
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.oparl.tolerant import as_list
from regionaustausch.oparl.tolerant import text
from regionaustausch.oparl.tolerant import type_name
from requests.adapters import HTTPAdapter
from urllib.parse import quote
from urllib.parse import urlsplit
from urllib3.util.retry import Retry
import json
import requests


MSG_NOT_HTTP = _("The OParl address must begin with http:// or https:// and name a host.")
MSG_NO_ANSWER = _("The OParl server does not answer at ${url}: ${reason}")
MSG_NOT_A_SYSTEM = _("The address ${url} does not lead to an OParl system: ${reason}")
MSG_NOT_JSON = _("The OParl server sent no JSON at ${url}.")

#: (connect, read) seconds
TIMEOUT = (10, 60)
RETRIES = 3
BACKOFF = 0.5
RETRY_STATUSES = (429, 500, 502, 503, 504)
#: Empty pages in a row after which a list ends (a filtered list may have some; a server that pages on
#: forever without entries must not keep the import going).
EMPTY_PAGES = 5
USER_AGENT = "regionaustausch-oparl-import"


class OParlError(RuleViolation):
    """The OParl server cannot be used: not http(s), no answer, not JSON, not an OParl System."""

    def __init__(self, msgid, url, **mapping):
        super().__init__(msgid, field="url", url=url, **mapping)


def check_url(url):
    """Return ``url`` stripped, or raise :class:`OParlError` when it is not an http(s) address."""
    url = (url or "").strip() if isinstance(url, str) else ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise OParlError(MSG_NOT_HTTP, url=url)
    return url


def with_since(url, since):
    """``url`` with ``modified_since=<since>`` added to its query; ``:`` stays unencoded, as servers
    that reject encoded query parameters expect (``since`` is in UTC with ``Z``, so needs no ``+``)."""
    if not since:
        return url
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}modified_since={quote(since, safe=':')}"


def origin(url):
    """``https://host:port`` of ``url`` (lower case)."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower()


class Client:
    """Fetches OParl objects and lists; counts requests, pages and objects for the report."""

    def __init__(self, timeout=TIMEOUT, retries=RETRIES, backoff=BACKOFF, on_page=None):
        self.timeout = timeout
        self.on_page = on_page
        self.session = requests.Session()
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            backoff_factor=backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        self.pages = 0
        self.objects = 0

    def close(self):
        self.session.close()

    def get(self, url):
        """The parsed JSON at ``url``, or ``None`` for a 404; raises :class:`OParlError` otherwise."""
        url = check_url(url)
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as error:
            raise OParlError(MSG_NO_ANSWER, url=url, reason=_reason(error)) from error
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise OParlError(MSG_NO_ANSWER, url=url, reason=f"HTTP {response.status_code}")
        return parse_json(response.content, url)

    def object(self, url):
        """The object at ``url`` (a dict), or ``None`` when the server has none (404, an error object)."""
        found = self.get(url)
        if not isinstance(found, dict) or type_name(found) == "Error":
            return None
        return found

    def system(self, url):
        """The OParl System at ``url``; :class:`OParlError` when the address does not lead to one."""
        url = check_url(url)
        found = self.get(url)
        if found is None:
            raise OParlError(MSG_NOT_A_SYSTEM, url=url, reason="HTTP 404")
        if not isinstance(found, dict):
            raise OParlError(MSG_NOT_A_SYSTEM, url=url, reason="no object")
        if type_name(found) != "System" and not ("oparlVersion" in found and "body" in found):
            kind = type_name(found) or "no type"
            raise OParlError(MSG_NOT_A_SYSTEM, url=url, reason=kind)
        if not found.get("body"):
            raise OParlError(MSG_NOT_A_SYSTEM, url=url, reason="no body")
        return found

    def items(self, value, since=None):
        """The objects of a list given by its URL (paged, followed through ``links.next``) or embedded
        (a list, or a single object); entries given only by their URL are fetched."""
        if isinstance(value, str):
            yield from self._paged(value, since)
            return
        for item in as_list(value):
            found = self.object(item) if isinstance(item, str) else item
            if isinstance(found, dict):
                self.objects += 1
                yield found

    def _paged(self, url, since):
        seen_pages, seen_ids, empty_pages = set(), set(), 0
        next_url = with_since(check_url(url), since)
        while next_url and next_url not in seen_pages:
            seen_pages.add(next_url)
            page = self.get(next_url)
            self.pages += 1
            if self.on_page is not None:
                self.on_page(next_url)
            if isinstance(page, list):
                entries, links = page, {}
            elif isinstance(page, dict) and type_name(page) != "Error":
                entries, links = page.get("data"), page.get("links")
            else:
                return  # a 404 or an error object: the list is empty
            entries = as_list(entries)
            empty_pages = 0 if entries else empty_pages + 1
            if empty_pages > EMPTY_PAGES:
                return  # a server that pages on and on without entries
            fresh = []
            for entry in entries:
                key = entry if isinstance(entry, str) else text(entry, "id")
                if key is None or key not in seen_ids:
                    seen_ids.add(key)
                    fresh.append(entry)
            if entries and not fresh:
                return  # the same page again: the server ignores the page number
            yield from self.items(fresh)
            next_url = text(links, "next")


def parse_json(content, url):
    """JSON from ``content`` (bytes), tolerating a BOM and control characters inside strings."""
    body = content.decode("utf-8", errors="replace").lstrip("\ufeff")
    try:
        return json.loads(body, strict=False)
    except ValueError as error:
        raise OParlError(MSG_NOT_JSON, url=url) from error


def _reason(error):
    """A short reason for a failed request (no stack, no repeated URL)."""
    if isinstance(error, requests.Timeout):
        return "timeout"
    if isinstance(error, requests.exceptions.RetryError):
        return "too many errors"
    if isinstance(error, requests.ConnectionError):
        return "connection failed"
    return type(error).__name__
