"""Every msgid of the domain layer, for the translation catalogue.

The domain modules do not wrap their messages in a MessageFactory (they import nothing of Zope), so
extraction tools that look for ``_()`` calls do not find them. :func:`all_msgids` collects them from
the modules: every module constant named ``MSG_*``, the ``default_msgid`` of every
:class:`~regionaustausch.domain.errors.RuleViolation` subclass and the titles of the vocabularies.
"""

from regionaustausch.domain.errors import RuleViolation
import importlib


MODULES = (
    "ags",
    "quorum",
    "supports",
    "forums",
    "text",
    "sanitiser",
    "normaliser",
    "contact",
    "names",
    "resolutions",
    "topics",
    "representatives",
    "proposals",
    "joining",
    "seats",
    "decisions",
    "meetings",
)

#: The (token, title) tuples whose titles are msgids, by module.
VOCABULARIES = {
    "ags": ("KINDS",),
    "contact": ("VISIBILITIES",),
    "resolutions": ("KINDS", "STATUSES"),
    "topics": ("TOPICS",),
    "representatives": ("SALUTATIONS", "FUNCTIONS"),
    "proposals": ("FORMATS",),
    "decisions": ("ROLES",),
}


def all_msgids():
    """Return ``[(msgid, "module.NAME"), ...]`` for every msgid, each once, in module order."""
    found = {}
    for name in MODULES:
        module = importlib.import_module(f"regionaustausch.domain.{name}")
        for attribute, value in vars(module).items():
            if attribute.startswith("MSG_") and isinstance(value, str):
                found.setdefault(value, f"{name}.{attribute}")
            elif (
                isinstance(value, type)
                and issubclass(value, RuleViolation)
                and value.__module__ == module.__name__
                and value.default_msgid
            ):
                found.setdefault(value.default_msgid, f"{name}.{attribute}")
        for vocabulary in VOCABULARIES.get(name, ()):
            for _token, title in getattr(module, vocabulary):
                found.setdefault(title, f"{name}.{vocabulary}")
    return list(found.items())
