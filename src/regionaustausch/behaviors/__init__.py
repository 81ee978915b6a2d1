"""Reusable behaviours of regionaustausch."""
