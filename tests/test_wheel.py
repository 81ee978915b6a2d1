"""The wheel, end to end: built from this checkout, installed into a fresh venv without the source tree,
and taken by a new classic Plone site.

``python -m build`` makes the sdist and, from it, the wheel (setup.py compiles the catalogues into it
with Babel); a new venv gets the wheel with the packages that the README names for a site
(``Products.CMFPlone`` and ``plone.classicui``, the classic distribution), pinned by constraints.txt;
``zconsole run`` on a zope.conf of its own (FileStorage in a temporary directory, Zope's standard
site.zcml) creates the site, installs the add-on as *Site Setup → Add-ons* does and prints what the
site has: our types and workflows, the translations, the static resources and the profile version.
About two minutes, most of it pip (its cache helps).
"""

from pathlib import Path
from xml.etree import ElementTree
import hashlib
import json
import os
import pytest
import subprocess
import sys
import tarfile
import zipfile


pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parent.parent
PROFILE = REPO / "profiles" / "default"
STATIC = REPO / "src" / "regionaustausch" / "browser" / "static"
#: what a site needs besides the add-on (README, "Install it into your own Plone site")
SITE_PACKAGES = ("Products.CMFPlone", "plone.classicui")

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:meta="http://namespaces.zope.org/meta"
    xmlns:five="http://namespaces.zope.org/five">
  <include package="Products.Five" />
  <meta:redefinePermission from="zope2.Public" to="zope.Public" />
  <five:loadProducts file="meta.zcml" />
  <five:loadProducts />
  <five:loadProductsOverrides />
  <securityPolicy component="AccessControl.security.SecurityPolicy" />
</configure>
"""

ZOPE_CONF = """\
%define INSTANCE {home}
instancehome $INSTANCE
clienthome $INSTANCE/var
<zodb_db main>
  <filestorage>
    path $INSTANCE/var/Data.fs
    blob-dir $INSTANCE/var/blobs
  </filestorage>
  mount-point /
</zodb_db>
"""

# Runs inside the new venv (zconsole binds ``app``); prints one line of JSON.
FACTS = """\
from AccessControl.SecurityManagement import newSecurityManager
from plone.base.utils import get_installer
from Products.CMFPlone.factory import addPloneSite
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain
import hashlib
import json
import regionaustausch
import transaction

app.acl_users._doAddUser("admin", "wheel-secret", ["Manager"], [])
newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
site = addPloneSite(
    app, "Plone", distribution_name="classic", setup_content=False, default_language="de"
)
setSite(site)
installer = get_installer(site, site.REQUEST)
installed = installer.install_product("regionaustausch")
transaction.commit()

domain = getUtility(ITranslationDomain, "regionaustausch")
static = {}
for name in ("regionaustausch.css", "support.js"):
    resource = site.restrictedTraverse("++plone++regionaustausch/" + name)
    with open(resource.path, "rb") as data:
        static[name] = {"path": resource.path, "sha256": hashlib.sha256(data.read()).hexdigest()}
record = "plone.bundles/regionaustausch.csscompilation"
print(json.dumps({
    "package": regionaustausch.__file__,
    "installed": bool(installed) and installer.is_product_installed("regionaustausch"),
    "types": sorted(site.portal_types.objectIds()),
    "workflows": sorted(site.portal_workflow.objectIds()),
    "chains": {
        type_id: list(site.portal_workflow.getChainForPortalType(type_id))
        for type_id in site.portal_types.objectIds()
    },
    "catalogues": sorted(
        catalogue._path_to_file
        for language in ("de", "en")
        for catalogue in (domain._data[name] for name in domain._catalogs.get(language, ()))
        if hasattr(catalogue, "_path_to_file")
    ),
    "translations": {
        "de": translate("Default quorum: supports", domain="regionaustausch", target_language="de"),
        "en": translate("Land", domain="regionaustausch", target_language="en"),
        "workflow_de": translate("Regionaustausch: directory", domain="plone", target_language="de"),
    },
    "static": static,
    "bundle_css": site.portal_registry[record],
    "version": list(site.portal_setup.getLastVersionForProfile("regionaustausch:default")),
    "profiles": sorted(
        info["id"]
        for info in site.portal_setup.listProfileInfo()
        if info["id"].startswith("regionaustausch:")
    ),
}))
"""


def run(command, cwd, env=None, timeout=600):
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{command[:4]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result.stdout


def clean_environment():
    """The environment without what would let the new venv see this checkout or compile catalogues."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "zope_i18n_compile_mo_files", "INSTANCE_HOME")
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel, built as `make dist` builds them."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, REPO], cwd=REPO, env=clean_environment())
    (wheel,) = out.glob("regionaustausch-*.whl")
    (sdist,) = out.glob("regionaustausch-*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory):
    """A fresh venv with the wheel and a site's packages, pinned by constraints.txt."""
    home = tmp_path_factory.mktemp("venv")
    env = clean_environment()
    run([sys.executable, "-m", "venv", home / "venv"], cwd=home, env=env)
    python = home / "venv" / "bin" / "python"
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "-c",
            REPO / "constraints.txt",
            *SITE_PACKAGES,
            dist[0],
        ],
        cwd=home,
        env=env,
    )
    return home / "venv"


@pytest.fixture(scope="module")
def facts(venv, tmp_path_factory):
    home = tmp_path_factory.mktemp("instance")
    (home / "etc").mkdir()
    (home / "var").mkdir()
    (home / "etc" / "site.zcml").write_text(SITE_ZCML, encoding="utf-8")
    (home / "zope.conf").write_text(ZOPE_CONF.format(home=home), encoding="utf-8")
    (home / "facts.py").write_text(FACTS, encoding="utf-8")
    output = run(
        [venv / "bin" / "zconsole", "run", home / "zope.conf", home / "facts.py"],
        cwd=home,
        env=clean_environment(),
        timeout=300,
    )
    return json.loads(output.strip().splitlines()[-1])


def profile_types():
    return sorted(
        element.get("name") for element in ElementTree.parse(PROFILE / "types.xml").findall("object")
    )


def profile_chains():
    """{type: [workflow]} as profiles/default/workflows.xml binds them."""
    bindings = ElementTree.parse(PROFILE / "workflows.xml").find("bindings")
    return {
        element.get("type_id"): [bound.get("workflow_id") for bound in element.findall("bound-workflow")]
        for element in bindings.findall("type")
    }


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sdist_carries_the_sources_and_no_build_products(dist):
    with tarfile.open(dist[1]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {
        "setup.py",
        "pyproject.toml",
        "constraints.txt",
        "profiles/default/metadata.xml",
        "profiles/default/types/Region.xml",
        "src/regionaustausch/locales/de/LC_MESSAGES/regionaustausch.po",
        "src/regionaustausch/locales/en/LC_MESSAGES/regionaustausch.po",
        "src/regionaustausch/browser/static/regionaustausch.css",
        "src/regionaustausch/browser/templates/region.pt",
    } <= names
    assert not [name for name in names if name.endswith((".mo", ".pyc"))]


def test_wheel_carries_compiled_catalogues_profiles_and_static_files(dist):
    with zipfile.ZipFile(dist[0]) as wheel:
        names = set(wheel.namelist())
    catalogues = {
        f"regionaustausch/locales/{language}/LC_MESSAGES/{domain}.mo"
        for language in ("de", "en")
        for domain in ("regionaustausch", "plone")
    }
    assert catalogues <= names
    assert {
        "regionaustausch/profiles/configure.zcml",
        "regionaustausch/profiles/default/metadata.xml",
        "regionaustausch/profiles/default/workflows/regionaustausch_proposal_workflow/definition.xml",
        "regionaustausch/profiles/uninstall/types.xml",
        "regionaustausch/browser/static/support.js",
        "regionaustausch/browser/templates/region.pt",
    } <= names
    assert not [name for name in names if name.startswith(("tests/", "src/"))]


def test_site_uses_the_installed_wheel(facts, venv):
    assert Path(facts["package"]).is_relative_to(venv / "lib")
    assert facts["installed"] is True
    assert facts["profiles"] == [
        "regionaustausch:default",
        "regionaustausch:demo",
        "regionaustausch:uninstall",
    ]


def test_types_of_the_profile(facts):
    ours = profile_types()
    assert len(ours) == 8
    assert set(ours) <= set(facts["types"])


def test_workflows_bound(facts):
    chains = profile_chains()
    ours = {workflow for chain in chains.values() for workflow in chain}
    assert len(ours) == 7
    assert all(workflow.startswith("regionaustausch_") for workflow in ours)
    assert ours <= set(facts["workflows"])
    assert {type_id: facts["chains"][type_id] for type_id in chains} == chains


def test_translations_from_the_wheels_catalogues(facts, venv):
    assert facts["translations"] == {
        "de": "Standard-Quorum: Unterstützungen",
        "en": "State",
        "workflow_de": "Regionaustausch: Verzeichnis",
    }
    package = Path(facts["package"]).parent
    assert facts["catalogues"] == sorted(
        str(package / "locales" / language / "LC_MESSAGES" / "regionaustausch.mo")
        for language in ("de", "en")
    )


def test_static_resources_resolve_to_the_installed_files(facts):
    package = Path(facts["package"]).parent
    assert facts["bundle_css"] == "++plone++regionaustausch/regionaustausch.css"
    for name, found in facts["static"].items():
        assert Path(found["path"]) == package / "browser" / "static" / name
        assert found["sha256"] == sha256(STATIC / name)


def test_profile_version_is_the_current_one(facts):
    version = ElementTree.parse(PROFILE / "metadata.xml").findtext("version")
    assert facts["version"] == [version]
