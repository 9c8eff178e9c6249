#!/usr/bin/env python3
"""Writes test/fixtures/versions/pep440-packaging.json: what the `packaging` library says about
PEP 440 versions and specifiers, for versionMatchPep440.test.ts to compare against.

Uses the copy of `packaging` that pip vendors (no install needed):
    python3 scripts/gen-pep440-fixture.py > test/fixtures/versions/pep440-packaging.json

Rows:
- "order": every version of VERSIONS with its rank in packaging's order (equal versions share a rank);
- "normalized": str(Version(v)) for each version (what `===` compares);
- "contains": [specifier set, version, contains(v), contains(v, prereleases=True)].
Only PEP 440 versions and specifiers are kept (packaging 21's LegacyVersion/LegacySpecifier
fallbacks are left out).
"""
import json
import sys

from pip._vendor import packaging
from pip._vendor.packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from pip._vendor.packaging.version import InvalidVersion, Version

VERSIONS = [
    "0.9", "1.0.dev0", "1.0.dev1", "1.0a1.dev0", "1.0a1", "1.0a2", "1.0alpha3", "1.0b1", "1.0-beta.2",
    "1.0rc1", "1.0c2", "1.0RC3", "1.0", "1.0.0", "1.0.0.0", "1.0+local", "1.0+local.7", "1.0+5", "1.0+abc.5",
    "1.0.post0.dev0", "1.0.post0", "1.0.post1", "1.0-1", "1.0.post1+local", "1.0.post2.dev1", "1.0r3",
    "1.0.1.dev0", "1.0.1a1", "1.0.1", "1.0.1+ubuntu-1", "1.1.dev0", "1.1a1", "1.1", "1.1.post1", "1.4",
    "1.4.1", "1.4.2", "1.4.2.post1", "1.4.9", "1.5.0", "1.5.0rc1", "2.0", "2.0.1", "2.31.0", "2.31.5.post1",
    "2.32.0rc1", "2.32.3", "3.0.dev1", "3.0rc1", "3.0", "v3.1", "1!0.1", "1!1.0", "1!1.0a1", "0!1.0",
    "1.0.0a1", "1.0.0.post1",
]

SPECS = [
    ">1.0", ">1.0a1", ">1.0.post0", ">1.0.post1", ">1.0.dev0", ">0.9", ">1.0.1", ">1!0.1",
    ">=1.0", ">=1.0a1", ">=1.0.dev0", ">=1.0.post1", ">=1!0",
    "<1.0", "<1.0a2", "<1.0.post1", "<1.1", "<1.1.dev0", "<3.0", "<3.0rc2", "<2",
    "<=1.0", "<=1.0a1", "<=1.0.post1",
    "==1.0", "==1.0.0", "==1.0+local", "==1.0+local.7", "==1.0a1", "==1.*", "==1.0.*", "==1.0.0.*",
    "==1.0.1.*", "==1!1.*", "==2.31.*", "==1.4.*",
    "!=1.0", "!=1.0.*", "!=1.0a1", "!=1.0+local",
    "~=1.0", "~=1.4.2", "~=1.4", "~=1.0a1", "~=1.0.post1", "~=1!1.0", "~=2.2.0",
    "===1.0", "===1.0a1", "===1.0.0", "===v3.1",
    ">=1.0,<2", ">=1.0a1,<1.1", ">1.0,<1.1", ">=1.0,!=1.0.1,<2", ">=1.4,==1.4.*", "~=1.4,!=1.4.1",
    ">=2.31,<3", ">=1.0.dev0,<1.0.post1", "<1.1,>1.0a1", ">= 1.0 , < 1.5",
]


def rank_table(versions):
    parsed = sorted(((Version(v), v) for v in versions), key=lambda p: p[0])
    ranks = {}
    rank = -1
    previous = None
    for parsed_version, text in parsed:
        if previous is None or parsed_version != previous:
            rank += 1
            previous = parsed_version
        ranks[text] = rank
    return [[v, ranks[v]] for v in versions]


def pep440_set(text):
    """A SpecifierSet of PEP 440 specifiers only (packaging 21 also falls back to legacy ones)."""
    try:
        parts = [Specifier(part) for part in text.split(",")]
    except InvalidSpecifier:
        return None
    return SpecifierSet(",".join(str(p) for p in parts)) if parts else None


def main():
    for v in VERSIONS:
        Version(v)  # every listed version must be PEP 440
    rows = []
    for spec_text in SPECS:
        spec = pep440_set(spec_text)
        if spec is None:
            sys.exit(f"not a PEP 440 specifier set: {spec_text}")
        for v in VERSIONS:
            rows.append([spec_text, v, spec.contains(v), spec.contains(v, prereleases=True)])
    compact = lambda value: json.dumps(value, separators=(",", ":"))
    out = sys.stdout
    generator = f"scripts/gen-pep440-fixture.py with packaging {packaging.__version__} (vendored by pip)"
    out.write("{\n" + f'"generator":{compact(generator)},\n')
    out.write(f'"order":{compact(rank_table(VERSIONS))},\n')
    out.write(f'"normalized":{compact({v: str(Version(v)) for v in VERSIONS})},\n')
    out.write('"contains":[\n' + ",\n".join(compact(r) for r in rows) + "\n]\n}\n")


if __name__ == "__main__":
    try:
        main()
    except InvalidVersion as e:
        sys.exit(str(e))
