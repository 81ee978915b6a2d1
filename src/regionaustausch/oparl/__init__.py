"""Import from OParl council information systems: the HTTP client, the mapping, the sync."""
