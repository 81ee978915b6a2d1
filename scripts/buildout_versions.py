#!/usr/bin/env python3
"""Generate buildout's ``versions.cfg`` from pip's ``constraints.txt``.

``constraints.txt`` is the single source of pins of this repository. zc.buildout cannot read a pip
constraints file, so this script turns every ``name==version`` line into ``name = version`` under
``[versions]`` (``buildout.cfg`` extends the result). Blank lines and comments are skipped; anything
else (``>=``, ``~=``, ``===``, markers, extras, ``-r``/``-c`` includes, URLs) is refused with an error
that names the line, because buildout's ``allow-picked-versions = false`` needs exact pins.
The add-on itself is listed as ``regionaustausch =`` (no pin: buildout uses the develop egg).

Usage (from anywhere; paths default to the repository root):

    python3 scripts/buildout_versions.py [constraints.txt [versions.cfg]]

Plain standard library, no third-party imports; exit status 1 on any error, leaving versions.cfg as it was.
"""

from pathlib import Path
import os
import re
import sys
import tempfile


ROOT = Path(__file__).resolve().parent.parent
PROJECT = "regionaustausch"

# A distribution name as PEP 508 allows it, and a version without wildcards, spaces or operators.
NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+!_-]*$")


class ConstraintError(Exception):
    """A line of the constraints file that cannot become a buildout pin."""


def canonical(name):
    """PEP 503 normalisation, as pip and zc.buildout compare names."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_constraints(path):
    """Return ``[(name, version), ...]`` in file order; raise ConstraintError on any unusable line."""
    pins, seen, errors = [], {}, []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        # A comment starts at a '#' that begins the line or follows whitespace (pip's rule).
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        where = f"{path.name}:{number}: {raw.strip()!r}"
        if line.endswith("\\"):
            errors.append(f"{where}: line continuations are not supported")
            continue
        if line.startswith("-") or "://" in line or line.startswith((".", "/")):
            errors.append(f"{where}: options, includes, URLs and paths are not supported, only name==version")
            continue
        if ";" in line:
            errors.append(f"{where}: environment markers are not supported, only name==version")
            continue
        if "[" in line:
            errors.append(f"{where}: extras are not supported, only name==version")
            continue
        if "===" in line or line.count("==") != 1:
            errors.append(f"{where}: only exact pins 'name==version' are supported")
            continue
        name, _, version = (part.strip() for part in line.partition("=="))
        if not NAME_RE.match(name):
            errors.append(f"{where}: {name!r} is not a valid distribution name")
            continue
        if not VERSION_RE.match(version) or "*" in version or "," in version:
            errors.append(f"{where}: {version!r} is not an exact version (only 'name==version' is supported)")
            continue
        key = canonical(name)
        if key == PROJECT:
            errors.append(f"{where}: the add-on itself must not be pinned (buildout uses the develop egg)")
            continue
        if key in seen:
            errors.append(f"{where}: {name} is pinned twice (first on line {seen[key]})")
            continue
        seen[key] = number
        pins.append((name, version))
    if errors:
        raise ConstraintError("\n".join(errors))
    if not pins:
        raise ConstraintError(f"{path}: no 'name==version' pins found")
    return pins


def render(pins, source_name):
    width = max(len(name) for name, _ in pins)
    lines = [
        f"# GENERATED from {source_name} by scripts/buildout_versions.py -- do not edit, git ignores it.",
        f"# Change pins in {source_name} and run `make versions.cfg` (or the script) again.",
        "[versions]",
        "# The add-on is a develop egg (buildout.cfg: develop = .), so it stays unpinned.",
        f"{PROJECT} =",
    ]
    for name, version in sorted(pins, key=lambda pin: canonical(pin[0])):
        lines.append(f"{name.ljust(width)} = {version}")
    return "\n".join(lines) + "\n"


def write_atomically(path, text):
    """Write via a temporary file in the same directory, so a failed run never leaves half a file."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv):
    if len(argv) > 2 or any(arg in ("-h", "--help") for arg in argv):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    constraints = Path(argv[0]) if argv else ROOT / "constraints.txt"
    output = Path(argv[1]) if len(argv) > 1 else ROOT / "versions.cfg"
    try:
        pins = parse_constraints(constraints)
    except OSError as error:
        print(f"buildout_versions: cannot read {constraints}: {error.strerror}", file=sys.stderr)
        return 1
    except ConstraintError as error:
        print(f"buildout_versions: {constraints} cannot be turned into buildout [versions]:", file=sys.stderr)
        print(error, file=sys.stderr)
        return 1
    write_atomically(output, render(pins, constraints.name))
    print(f"buildout_versions: wrote {len(pins)} pins from {constraints} to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
