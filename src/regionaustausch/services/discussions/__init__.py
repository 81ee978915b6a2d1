"""POST to a forum (a new Thread) or a thread (a new Post): plone.restapi's add, with a refusal that
says why (regionaustausch.discussions.writing_refusal, the same as the Classic UI's)."""
