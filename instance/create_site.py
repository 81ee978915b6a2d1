"""Create the Plone site of the instance, with regionaustausch installed, unless it exists already.

Run through Zope's console script, which binds ``app`` to the Zope root:

    INSTANCE_HOME=$PWD/instance .venv/bin/zconsole run instance/zope.conf instance/create_site.py

`make start` does that before it serves. Settings come from the environment:

- ``SITE_ID`` (default ``Plone``), ``SITE_TITLE``;
- ``ADMIN_PASSWORD``: the password of the Zope user ``admin`` (Manager), used when the user is
  created (default ``admin``; change it). Given explicitly, it also resets an existing admin's password;
- ``DEMO`` (default ``1``): also apply the demo region (profile ``regionaustausch:demo``) to a new site,
  when the add-on has that profile; ``DEMO_PASSWORD`` sets the password of its example users;
- ``ZOPE_HOST`` / ``ZOPE_PORT``: only used to print the site's URL.

A second run with the same settings changes nothing and commits no transaction.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.base.utils import get_installer
from Products.CMFPlone.factory import addPloneSite
from Products.GenericSetup.tool import SetupTool
from zope.component.hooks import setSite
import os
import transaction


ADMIN_USER = "admin"
ADDON = "regionaustausch"
DEMO_PROFILE = "regionaustausch:demo"
DEMO_REGION = "grossraum-braunschweig"


def ensure_admin(app, password, password_given):
    """Create the Zope admin (Manager) if missing; reset its password only when one was given explicitly."""
    users = app.acl_users
    if users.getUserById(ADMIN_USER) is None:
        users._doAddUser(ADMIN_USER, password, ["Manager"], [])
        return f"created the Zope user {ADMIN_USER!r}"
    if password_given and users.authenticate(ADMIN_USER, password, app.REQUEST) is None:
        users._doChangeUser(ADMIN_USER, password, ["Manager"], [])
        return f"changed the password of {ADMIN_USER!r}"
    return None


def has_profile(site, profile_id):
    setup: SetupTool = site.portal_setup
    return any(info["id"] == profile_id for info in setup.listProfileInfo())


def create_site(app, site_id, title, with_demo):
    site = addPloneSite(
        app,
        site_id,
        title=title,
        distribution_name="classic",
        setup_content=False,
        default_language="de",
        portal_timezone="Europe/Berlin",
    )
    setSite(site)
    installer = get_installer(site, site.REQUEST)
    installer.install_product(ADDON)
    if with_demo and has_profile(site, DEMO_PROFILE):
        site.portal_setup.runAllImportStepsFromProfile(f"profile-{DEMO_PROFILE}")
    return site


def main(app):
    site_id = os.environ.get("SITE_ID", "Plone")
    title = os.environ.get("SITE_TITLE", "Regionaustausch")
    password_given = "ADMIN_PASSWORD" in os.environ
    password = os.environ.get("ADMIN_PASSWORD", "admin")
    with_demo = os.environ.get("DEMO", "1").lower() not in ("0", "false", "no", "off", "")
    host = os.environ.get("ZOPE_HOST", "localhost")
    if host in ("127.0.0.1", "0.0.0.0", "::"):
        # Plone serves 127.0.0.1 without its theme (plone.app.theming's "host names without theme").
        host = "localhost"
    port = os.environ.get("ZOPE_PORT", "8080")

    changes = []
    admin_change = ensure_admin(app, password, password_given)
    if admin_change:
        changes.append(admin_change)
    newSecurityManager(None, app.acl_users.getUserById(ADMIN_USER).__of__(app.acl_users))

    if site_id in app.objectIds():
        site = app[site_id]
    else:
        site = create_site(app, site_id, title, with_demo)
        changes.append(f"created the Plone site {site_id!r} with {ADDON}")

    if changes:
        transaction.get().note("create_site.py: " + "; ".join(changes))
        transaction.commit()
        for change in changes:
            print(f"create_site: {change}")
    else:
        transaction.abort()
        print(f"create_site: the site {site_id!r} exists; nothing to do")

    print(f"create_site: Plone site at http://{host}:{port}/{site.getId()}")
    if DEMO_REGION in site.objectIds():
        from regionaustausch.demo import DEFAULT_PASSWORD
        from regionaustausch.demo import DEMO_LOGINS

        source = "DEMO_PASSWORD" if "DEMO_PASSWORD" in os.environ else repr(DEFAULT_PASSWORD)
        print(f"create_site: demo users {', '.join(DEMO_LOGINS)}; password: {source}")
    if password_given:
        print(f"create_site: log in as {ADMIN_USER!r} with the password from ADMIN_PASSWORD")
    else:
        print(f"create_site: log in as {ADMIN_USER!r} with the password 'admin' (set ADMIN_PASSWORD)")


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821 - zconsole binds `app`
    finally:
        # Close the database so that FileStorage writes its index (the next start is faster).
        app._p_jar.db().close()  # noqa: F821
