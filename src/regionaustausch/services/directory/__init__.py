"""``@directory`` on a Region: its active representatives, filtered, sorted by name and batched, as
JSON or (``Accept: text/csv``) as a CSV download (regionaustausch.directory)."""
