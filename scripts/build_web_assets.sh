#!/usr/bin/env bash
# Build the web page's vendored JavaScript (run by hand when web_src/ changes; no Node at run time).
#   - docgen/service/web/static/vendor/editor.min.js  CodeMirror 6 + YAML mode + lint + schema completion,
#     bundled and minified by esbuild from web_src/editor.js
#   - docgen/service/web/static/vendor/htmx.min.js    HTMX, copied from the npm package
# and the licence texts of everything bundled, next to the files.  Needs node + npm and the npm registry.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docgen/service/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$root/web_src/package.json" "$root/web_src/editor.js" "$tmp/"
[ -f "$root/web_src/package-lock.json" ] && cp "$root/web_src/package-lock.json" "$tmp/"
cd "$tmp"
if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi
[ -f "$root/web_src/package-lock.json" ] || cp package-lock.json "$root/web_src/"
mkdir -p "$out"
npx esbuild editor.js --bundle --minify --format=iife --target=es2020 --legal-comments=none \
  --metafile=meta.json --outfile="$out/editor.min.js" --log-level=warning
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$out/htmx.LICENSE"
# One licence file for the bundle: every package esbuild pulled in, with its version.
node -e '
const fs = require("fs"), path = require("path");
const meta = JSON.parse(fs.readFileSync("meta.json", "utf8"));
const pkgs = new Set();
for (const f of Object.keys(meta.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
  if (m) pkgs.add(m[1]);
}
let text = "Licences of the packages bundled into editor.min.js (built by scripts/build_web_assets.sh)\n";
for (const name of [...pkgs].sort()) {
  const dir = path.join("node_modules", name);
  const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const lic = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  text += "\n==== " + name + " " + pj.version + " (" + pj.license + ") ====\n";
  text += lic ? fs.readFileSync(path.join(dir, lic), "utf8") : "(no licence file in the package; package.json says " + pj.license + ")\n";
}
fs.writeFileSync(process.argv[1], text);
' "$out/editor.LICENSES.txt"
ls -l "$out"
