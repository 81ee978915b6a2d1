"""Upgrade steps of the ``regionaustausch:default`` profile, one module per profile version.

Profile version 1000 is the first release; the steps from it onwards are registered in
``configure.zcml`` next to this file.
"""
