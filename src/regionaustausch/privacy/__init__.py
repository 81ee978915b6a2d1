"""Privacy rights (DSGVO): what is stored about a user, and anonymising a former representative.

- :mod:`.export`: everything the site stores about one user (``@my-data``, ``@@meine-daten``);
- :mod:`.anonymise`: anonymising a former representative (``@anonymise``, ``@@anonymise``), and
  :func:`may_anonymise`, the one check of who may;
- :mod:`.reach`: where the caller may anonymise, and what of an account lies outside it;
- :mod:`.refusals`: why an anonymisation is refused;
- :mod:`.scrubber`: what replaces the person in one object (texts, principals);
- :mod:`.traces`: renames, redirects, versions, reindexing, mentions by others;
- :mod:`.common`: catalog searches and JSON-ready references the others share.

The names below are the ones callers outside this package use.
"""

from regionaustausch.privacy.anonymise import ANONYMISED_KEY
from regionaustausch.privacy.anonymise import anonymise_representative
from regionaustausch.privacy.anonymise import is_anonymised
from regionaustausch.privacy.anonymise import may_anonymise
from regionaustausch.privacy.export import collect_user_data
from regionaustausch.privacy.export import my_data_download
from regionaustausch.privacy.refusals import AnonymisationRefused


__all__ = (
    "ANONYMISED_KEY",
    "AnonymisationRefused",
    "anonymise_representative",
    "collect_user_data",
    "is_anonymised",
    "may_anonymise",
    "my_data_download",
)
