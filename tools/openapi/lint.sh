#!/usr/bin/env bash
# Lints Colloquy's OpenAPI document with two linters, installed from npm at the versions pinned in
# package-lock.json: Redocly CLI (its recommended ruleset) and Spectral (its OpenAPI ruleset).
# Passes only with zero errors and zero warnings from both; every rule turned off is justified in
# redocly.yaml or .spectral.yaml. Then proves each linter can fail: a copy of the document whose
# operations lost their operationId must be refused by both.
set -euo pipefail
cd "$(dirname "$0")"
doc=../../app/src/main/resources/dev/colloquy/app/openapi.json
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ ! -x node_modules/.bin/redocly ] || [ ! -x node_modules/.bin/spectral ]; then
  echo "== installing the OpenAPI linters (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

redocly_lint() {
  node_modules/.bin/redocly lint --config redocly.yaml --format=json "$1" 2>/dev/null | python3 -c '
import json, sys
report = json.load(sys.stdin)
for p in report["problems"]:
    where = p["location"][0]["pointer"] if p.get("location") else ""
    print("  redocly %s %s: %s %s" % (p["severity"], p["ruleId"], where, p["message"]))
totals = report["totals"]
print("  redocly: %d errors, %d warnings" % (totals["errors"], totals["warnings"]))
sys.exit(1 if totals["errors"] or totals["warnings"] else 0)'
}
spectral_lint() { node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=hint "$1"; }

echo "== Redocly CLI $(node_modules/.bin/redocly --version 2>/dev/null | tail -1): $doc"
redocly_lint "$doc"
echo "== Spectral $(node_modules/.bin/spectral --version): $doc"
spectral_lint "$doc"

python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
for item in doc["paths"].values():
    for operation in item.values():
        operation.pop("operationId", None)
json.dump(doc, open(sys.argv[2], "w"))' "$doc" "$scratch/broken.json"
if redocly_lint "$scratch/broken.json" >/dev/null 2>&1; then echo "lint.sh: Redocly accepted a broken document" >&2; exit 1; fi
if spectral_lint "$scratch/broken.json" >/dev/null 2>&1; then echo "lint.sh: Spectral accepted a broken document" >&2; exit 1; fi
echo "== the OpenAPI document is clean; both linters refuse a broken copy"
