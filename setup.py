"""The regionaustausch distribution: a Plone 6.2 add-on for regional exchange of council members."""

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup
from setuptools.command.build_py import build_py


HERE = Path(__file__).parent
SOURCE = HERE / "src"
LOCALES = SOURCE / "regionaustausch" / "locales"


def catalogues():
    """The message catalogues, ``locales/<language>/LC_MESSAGES/<domain>.po``."""
    return sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po, mo):
    """Compile ``po`` into the GNU MO file ``mo`` with Babel, leaving out fuzzy entries."""
    with po.open("rb") as source:
        catalogue = read_po(source, locale=po.parent.parent.name, domain=po.stem)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as target:
        write_mo(target, catalogue, use_fuzzy=False)


class build_py_with_catalogues(build_py):
    """Compile the ``.po`` catalogues into ``.mo`` files whenever the package is built or installed.

    The ``.mo`` files are build products (git ignores them, the sdist leaves them out). In an editable
    install they are written next to their ``.po`` in the source tree, otherwise into the build directory
    that becomes the wheel, so a site gets its translations without compiling anything at start-up.
    Babel is a build requirement (pyproject.toml ``[build-system]``).
    """

    def run(self):
        super().run()
        for po in catalogues():
            compile_catalogue(po, self._target(po))

    def _target(self, po):
        if self.editable_mode:
            return po.with_suffix(".mo")
        return Path(self.build_lib) / po.relative_to(SOURCE).with_suffix(".mo")

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        return outputs + [
            str(Path(self.build_lib) / po.relative_to(SOURCE).with_suffix(".mo")) for po in catalogues()
        ]


setup(
    name="regionaustausch",
    version="1.0.0.dev0",
    description=(
        "Plone add-on for an inter-municipal exchange of council members of one economic region: "
        "municipalities, representatives, forums, exchange proposals with supports, meetings, OParl import."
    ),
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Intended Audience :: Other Audience",
        "Natural Language :: German",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ],
    keywords="Plone Kommune Region Wirtschaftsförderung OParl",
    license="GPL-2.0-only",
    # The add-on is src/regionaustausch; its GenericSetup profiles live at the top (profiles/) and are
    # shipped inside it as regionaustausch.profiles. Folders of data (templates, static files, the
    # profiles' folders) are listed as namespace packages so that their files are package data.
    package_dir={"": "src", "regionaustausch.profiles": "profiles"},
    packages=[
        *find_namespace_packages("src", include=["regionaustausch", "regionaustausch.*"]),
        "regionaustausch.profiles",
        *(f"regionaustausch.profiles.{name}" for name in find_namespace_packages("profiles")),
    ],
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.10",
    install_requires=[
        "Products.CMFPlone>=6.2",
        "Products.CMFCore",
        "Products.GenericSetup",
        "Products.DCWorkflow",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.registry",
        "plone.app.z3cform",
        "plone.autoform",
        "plone.base",
        "plone.dexterity",
        "plone.registry",
        "plone.supermodel",
        "plone.restapi",
        "plone.protect",
        "plone.i18n",
        "collective.easyform",
        "collective.z3cform.datagridfield",
        "plone.app.event",
        "plone.app.textfield",
        "plone.app.vocabularies",
        "plone.behavior",
        "plone.indexer",
        "plone.namedfile",
        "itsdangerous",
        "lxml",
        "nh3",
        "openpyxl",
        "BTrees",
        "DateTime",
        "persistent",
        "pytz",
        "requests",
        "tqdm",
        "urllib3",
        "z3c.form",
        "zope.component",
        "zope.i18nmessageid",
        "zope.interface",
        "zope.schema",
        "setuptools",
    ],
    extras_require={
        "relstorage": [
            "RelStorage",
            "psycopg2-binary",
        ],
        "test": [
            "axe-playwright-python",
            "build",
            "i18ndude",
            "Plone",
            "plone.app.testing",
            "playwright",
            "plone.restapi[test]",
            "pytest",
            "pytest-playwright",
            "pytest-plone",
            "pytest-xdist",
            "requests",
            "ruff",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone

    [console_scripts]
    regionaustausch-oparl-sync = regionaustausch.oparl.script:main
    """,
    cmdclass={"build_py": build_py_with_catalogues},
)
