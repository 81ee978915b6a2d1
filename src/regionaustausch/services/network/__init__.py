"""``@network`` on a Region: the overview a dashboard needs, in one call (regionaustausch.network)."""
