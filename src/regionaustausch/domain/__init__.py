"""The rules of regionaustausch in plain Python, without Zope or Plone, written once for all callers.

``ags`` (municipality keys), ``quorum`` (N supports from M municipalities, the accept guard),
``supports`` (who may support), ``forums`` (who may post, initial post state), ``sanitiser`` (HTML
people write, made safe by nh3), ``normaliser`` (that HTML in the shapes of our templates), ``text``
(titles, text lengths, plain text, quoting), ``contact`` (contact details and their visibility),
``names`` (display names, sort keys, ids), ``representatives`` (salutations, functions, consent to
showing contact details), ``proposals`` (review states, formats), ``resolutions`` (required council
resolutions), ``topics`` (the topic vocabulary). Rules refuse values with ``errors.RuleViolation``,
whose English msgid is also the i18n msgid of the "regionaustausch" domain; ``messages.all_msgids()``
lists them for the catalogue.
"""
