"""``@sharing`` on our types: plone.restapi's own service, with its refusal explained.

Who may share is decided by the permission "Sharing page: Delegate roles", which the workflows of our
types give to Site Administrators and Managers only, in every state (issue 9). plone.restapi answers a
caller without it with a bare 403 and the body ``null``; here the answer says why, as every other error
of the API.
"""
