#!/usr/bin/env bash
# speclint's pre-commit hook (language: script). pre-commit's node hooks run `npm install` with every
# development dependency of the repository (over 100 MB) just to build speclint; this builds the
# self-contained bundle once in pre-commit's clone, from the runtime dependencies and esbuild alone,
# then runs it. Needs Node.js 20.19 or later (and npm) on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$root/dist/bundle/speclint.js"
if [ ! -f "$bundle" ]; then
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "speclint: the pre-commit hook needs Node.js 20.19 or later and npm on PATH" >&2
    exit 2
  fi
  echo "speclint: building speclint for this hook (once)" >&2
  tools="$root/.hook-tools"
  esbuild_version=$(node -p "require(process.argv[1]).packages['node_modules/esbuild'].version" "$root/package-lock.json")
  (cd "$root" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "esbuild@$esbuild_version" >&2
  # The launcher (speclint.js) is written last, so a build cut short is redone on the next run.
  (cd "$root" && node scripts/build.mjs --bundle-only "$tools/node_modules/esbuild/lib/main.js") >&2
fi
exec node "$bundle" "$@"
