"""plone.restapi endpoints of regionaustausch, one folder per endpoint (get.py, post.py, ...)."""
