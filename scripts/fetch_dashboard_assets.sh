#!/usr/bin/env bash
# Fetches the dashboard's one npm asset once, for committing (issue 19): the country outlines of world-atlas
# (Natural Earth 1:110m, public domain, as TopoJSON; ISC licence) into crates/serve/src/dashboard/vendor/. The build
# never runs this: the files are committed and compiled into the binary (include_str!), so `cargo build` needs no
# npm. The page decodes the TopoJSON itself (app.js, `topoPaths`): no JavaScript library is fetched.
#
#   scripts/fetch_dashboard_assets.sh        # needs npm; rewrites the files only if the package changed
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.0.2
out=crates/serve/src/dashboard/vendor/world-atlas
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "world-atlas@$version" >/dev/null && tar xzf "world-atlas-$version.tgz")
mkdir -p "$out"
cp "$tmp/package/countries-110m.json" "$tmp/package/LICENSE" "$out/"
cat > "$out/NOTICE.md" <<NOTICE
# world-atlas $version (npm)

\`countries-110m.json\`: country outlines from Natural Earth's 1:110m Admin 0 boundaries (version 4.1.0; public
domain, naturalearthdata.com) as TopoJSON, redistributed by the world-atlas package, Copyright 2013-2019 Michael
Bostock, ISC licence (\`LICENSE\`). Fetched by \`scripts/fetch_dashboard_assets.sh\`; unchanged.
NOTICE
sha256sum "$out/countries-110m.json"
