"""The console script's parts on the test site (opening an instance's zope.conf is what ``zconsole
run`` does, tested with the instance in tests/test_instance.py): arguments, finding the region, the
sync with its report and exit status, and the daily retirement."""

from plone import api
from regionaustausch.oparl import script
import datetime
import json
import transaction


def test_arguments():
    options = script.arguments(["--region", "/Plone/r", "--full", "--zope-conf", "/x/zope.conf"])
    assert (options.region, options.full, options.url, options.retire_expired) == (
        "/Plone/r",
        True,
        None,
        False,
    )
    assert options.zope_conf == "/x/zope.conf"
    assert options.batch_size == 100


def test_the_region_is_found_by_its_path(region):
    app = region.aq_parent.aq_parent
    assert script.find_region(app, "/plone/region") == region
    assert script.find_region(app, "/plone/region/braunschweig") is None
    assert script.find_region(app, "/plone/nothing") is None


def test_a_sync_prints_its_report_and_exits_0(region, oparl, capsys):
    options = script.arguments(["--region", "/plone/region", "--quiet"])
    assert script.sync(region, options) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "ok"
    assert report["counts"]["created"] == 5


def test_an_unusable_address_exits_2_and_a_failed_run_1(region, oparl, capsys):
    options = script.arguments(["--region", "/plone/region", "--quiet", "--url", "ftp://example.org"])
    assert script.sync(region, options) == 2
    assert "must begin with http://" in capsys.readouterr().err
    oparl.down.add("/oparl/body/1/persons")
    options = script.arguments(["--region", "/plone/region", "--quiet"])
    assert script.sync(region, options) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "failed"


def test_retire_expired(region, capsys):
    record = region["braunschweig"]["dieter-alt"]
    record.mandate_end = datetime.date.today() - datetime.timedelta(days=1)
    record.reindexObject()
    transaction.commit()
    assert script.retire(region) == 0
    assert json.loads(capsys.readouterr().out) == {"retired": 1}
    assert api.content.get_state(record) == "former"
