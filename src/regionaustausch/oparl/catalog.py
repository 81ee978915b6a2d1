"""Catalog indexers of the OParl import: ``oparl_id`` (Representatives and Municipalities, to find a
record by its OParl id) and ``mandate_end`` (Representatives, for the daily retirement). Other objects
give no value (their containers' values must not be acquired)."""

from plone.indexer import indexer
from regionaustausch.content.municipality import IMunicipality
from regionaustausch.content.representative import IRepresentative
from zope.interface import Interface


@indexer(IRepresentative)
def oparl_id_of_representative(obj):
    return obj.oparl_id or None


@indexer(IMunicipality)
def oparl_id_of_municipality(obj):
    return obj.oparl_id or None


@indexer(Interface)
def no_oparl_id(obj):
    raise AttributeError("oparl_id")


@indexer(IRepresentative)
def mandate_end_of_representative(obj):
    return obj.mandate_end or None


@indexer(Interface)
def no_mandate_end(obj):
    raise AttributeError("mandate_end")
