#!/usr/bin/env bash
# The whole book as one PDF: a single-page HTML build (its own output folder,
# the HTML build's execution cache) printed by Debian's Chromium, offline.
#   tools/build_pdf.sh [VENV]     (make book runs it after the HTML build)
# Writes _build/html/book.pdf (linked from the intro's "How to cite" block).
# Without Chromium it says so in one line and exits 0: the HTML book stands.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
out=_build/html/book.pdf
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium ]]; then
  echo "PDF: skipped, Chromium not found (apt-get install chromium); the HTML book is built without $out"
  exit 0
fi
started=$(date +%s)
# ailead.book: AILEAD_PDF prints each chart as its static SVG; the cache
# variable points at the HTML build's notebook outputs, so nothing re-executes.
AILEAD_PDF=1 AILEAD_EXECUTION_CACHE="$PWD/_build/.jupyter_cache" \
  "$venv/bin/jupyter-book" build . --builder singlehtml --path-output _build/pdf \
  --warningiserror --nitpick --keep-going -q
# The root document (index.html only redirects to it).
page="$PWD/_build/pdf/_build/singlehtml/$(sed -n "s/^root: *//p" _toc.yml).html"
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.pdf"
rm -f "$tmp"
# No network: the page and its scripts, fonts and images are local files.
# The virtual-time budget lets MathJax finish typesetting before printing.
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-extensions --no-pdf-header-footer --run-all-compositor-stages-before-draw \
  --virtual-time-budget=30000 --print-to-pdf="$tmp" "file://$page" 2>/dev/null
if [[ ! -s $tmp ]]; then
  echo "PDF: Chromium wrote no PDF from $page" >&2
  exit 1
fi
mv "$tmp" "$out"
echo "PDF: $out ($(du -k "$out" | cut -f1) kB) in $(( $(date +%s) - started )) s"
