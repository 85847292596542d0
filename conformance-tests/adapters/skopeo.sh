#!/usr/bin/env bash
# Conformance adapter for skopeo (the protocol: conformance-tests/ADAPTERS.md).
#   read:  skopeo copy docker-archive:PATH[:REF|:@N] oci:DIR[:REF] | dir:DIR
#   write: skopeo copy oci:DIR[:REF] docker-archive:PATH[:TAG]
# skopeo writes one image per archive (several only through podman save -m), so no write-multi,
# and only the layout of containers/image, so no write-hybrid.
set -euo pipefail

# shellcheck source=protocol.sh
source "$(dirname "${BASH_SOURCE[0]}")/protocol.sh"

read_command read read-to-dir write reference-based -- "$@"
set -- "${operands[@]}"
$multi && refuse "skopeo cannot write several images into one archive (it has no --multi)"
[[ "$layout" == docker-archive ]] || refuse "skopeo writes only the docker-archive layout, not $layout"
[[ $# -eq 2 ]] || usage

# Temporary files (skopeo spools into the big-files directory) stay in the adapter's own directory.
tmp="${CONFORMANCE_SCRATCH:?CONFORMANCE_SCRATCH must name a directory for the adapter}/skopeo-tmp"
mkdir -p "$tmp"
export TMPDIR="$tmp"
exec skopeo --insecure-policy --tmpdir "$tmp" copy --quiet "$1" "$2"
