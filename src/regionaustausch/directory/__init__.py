"""The directory of a Region: its active representatives, filtered, sorted by name and batched.

One module per job, so that each caller imports only what it needs:

- :mod:`.contact`: who may see a record's contact details (the serializer and the views import it
  alone);
- :mod:`.search`: the filters, the query string parameters, the search and the entries of a list;
- :mod:`.export`: the CSV download.

The REST API (``@directory``, also as CSV) and the Classic UI (``@@directory``, ``@@directory.csv``,
the municipality page and the profile card) call these functions; neither re-implements a filter,
a parameter or the visibility of contact details.
"""
