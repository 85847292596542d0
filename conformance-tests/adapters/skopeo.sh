#!/usr/bin/env bash
# Conformance adapter for skopeo (the protocol: conformance-tests/ADAPTERS.md).
#   read:  skopeo copy docker-archive:PATH[:REF|:@N] oci:DIR[:REF] | dir:DIR
#   write: skopeo copy oci:DIR[:REF] docker-archive:PATH[:TAG]
# skopeo writes one image per archive (several only through podman save -m), so no write-multi,
# and only the layout of containers/image, so no write-hybrid.
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") capabilities | copy [--multi] [--layout L] SRC... DST" >&2
  exit 2
}

case "${1:-}" in
  capabilities)
    printf '%s\n' read read-to-dir write reference-based
    exit 0
    ;;
  copy) shift ;;
  *) usage ;;
esac

multi=false
layout=docker-archive
while [[ $# -gt 0 ]]; do
  case "$1" in
    --multi) multi=true; shift ;;
    --layout) [[ $# -ge 2 ]] || usage; layout="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
if $multi; then
  echo "skopeo cannot write several images into one archive (it has no --multi)" >&2
  exit 2
fi
if [[ "$layout" != docker-archive ]]; then
  echo "skopeo writes only the docker-archive layout, not $layout" >&2
  exit 2
fi
[[ $# -eq 2 ]] || usage

# Temporary files (skopeo spools into the big-files directory) stay in the adapter's own directory.
tmp="${CONFORMANCE_SCRATCH:?CONFORMANCE_SCRATCH must name a directory for the adapter}/skopeo-tmp"
mkdir -p "$tmp"
export TMPDIR="$tmp"
exec skopeo --insecure-policy --tmpdir "$tmp" copy --quiet "$1" "$2"
