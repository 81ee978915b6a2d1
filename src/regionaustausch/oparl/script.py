"""``regionaustausch-oparl-sync``: the OParl import from the command line, for cron.

It opens the instance's database through its ``zope.conf`` as ``zconsole run`` does (``--zope-conf``,
default ``$INSTANCE_HOME/zope.conf``), runs as Zope's system user and shows its progress (pages,
objects; created, updated, retired) with a progress bar::

    regionaustausch-oparl-sync --region /Plone/grossraum-braunschweig            # the configured systems
    regionaustausch-oparl-sync --region /Plone/grossraum-braunschweig --url URL  # one system
    regionaustausch-oparl-sync --region /Plone/grossraum-braunschweig --full     # all, not only changes
    regionaustausch-oparl-sync --region /Plone/grossraum-braunschweig --retire-expired   # daily, no OParl

The exit status is 0 for a run that succeeded, 1 for one that failed half way (its report says why),
2 for a system that cannot be used or a region that does not exist.
"""

from regionaustausch.oparl.client import OParlError
import argparse
import json
import os
import sys


def arguments(argv=None):
    parser = argparse.ArgumentParser(
        prog="regionaustausch-oparl-sync",
        description="Import councils, members and resolutions of a region from OParl.",
    )
    parser.add_argument(
        "--region", required=True, help="path of the Region, e.g. /Plone/grossraum-braunschweig"
    )
    parser.add_argument("--url", help="the OParl system to sync (default: those the region names)")
    parser.add_argument("--full", action="store_true", help="fetch everything, not only what changed")
    parser.add_argument(
        "--retire-expired",
        action="store_true",
        help="only retire the records whose mandate has ended (no OParl request)",
    )
    parser.add_argument(
        "--zope-conf",
        default=os.path.join(os.environ.get("INSTANCE_HOME", "instance"), "zope.conf"),
        help="the instance's zope.conf (default: $INSTANCE_HOME/zope.conf)",
    )
    parser.add_argument("--batch-size", type=int, default=100, help="persons per committed batch")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, only the report")
    return parser.parse_args(argv)


def open_app(zope_conf):
    """The Zope application of the instance, with a request, as the system user (as zconsole does)."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app
    import Zope2

    make_wsgi_app({}, zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    return app


def find_region(app, path):
    """The Region at ``path`` with its site set, or ``None``."""
    from plone.base.interfaces import IPloneSiteRoot
    from regionaustausch.content.region import IRegion
    from zope.component.hooks import setSite

    region = app.unrestrictedTraverse(path.strip("/"), None)
    if region is None or not IRegion.providedBy(region):
        return None
    for parent in region.aq_chain:
        if IPloneSiteRoot.providedBy(parent):
            setSite(parent)
            break
    return region


class Progress:
    """A tqdm bar of the persons handled, with the counts of the run so far."""

    def __init__(self, quiet):
        from tqdm import tqdm

        self.bar = tqdm(unit=" persons", disable=quiet, file=sys.stderr)
        self.done = 0

    def __call__(self, report):
        counts = report["counts"]
        handled = sum(counts[key] for key in ("created", "updated", "unchanged", "retired", "skipped"))
        self.bar.update(handled - self.done)
        self.done = handled
        self.bar.set_postfix(
            pages=counts["pages"],
            objects=counts["objects"],
            created=counts["created"],
            updated=counts["updated"],
            retired=counts["retired"],
        )

    def close(self):
        self.bar.close()


def main(argv=None):
    options = arguments(argv)
    app = open_app(options.zope_conf)
    try:
        region = find_region(app, options.region)
        if region is None:
            print(f"regionaustausch-oparl-sync: no region at {options.region}", file=sys.stderr)
            return 2
        if options.retire_expired:
            return retire(region)
        return sync(region, options)
    finally:
        app._p_jar.db().close()


def retire(region):
    from plone import api
    from regionaustausch.oparl.records import retire_expired
    import transaction

    with api.env.adopt_roles(["Manager"]):
        retired = retire_expired(region)
    transaction.commit()
    print(json.dumps({"retired": retired}))
    return 0


def sync(region, options):
    from regionaustausch.oparl.sync import sync_region

    progress = Progress(options.quiet)
    try:
        report = sync_region(
            region, url=options.url, full=options.full, batch_size=options.batch_size, progress=progress
        )
    except OParlError as error:
        print(f"regionaustausch-oparl-sync: {error}", file=sys.stderr)
        return 2
    finally:
        progress.close()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
