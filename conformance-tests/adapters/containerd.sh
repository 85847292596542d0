#!/usr/bin/env bash
# Conformance adapter for containerd (the protocol: conformance-tests/ADAPTERS.md), driven through
# ctr against the daemon at CONTAINERD_ADDRESS (--impl containerd starts a private containerd for
# the run and sets it). Only the archive ends are containerd's: the suite converts between its
# oci:/dir: ends and docker-archive: itself, so this script copies docker-archive: to
# docker-archive: only, always from an empty image store:
#   ctr images import --no-unpack --digests [--all-platforms] SRC, pick the image (SRC:REF, SRC:@N,
#   SRC:sha256:HEX for the image whose config has that digest, as the suite resolves :@N, or the
#   only one), then ctr images export --platform linux/amd64 DST NAME...
#   (the tag of DST, the source's references with --multi, else the image's digest name)
# containerd writes the OCI layout plus manifest.json; no Docker 25+ hybrid (LayerSources).
set -euo pipefail
shopt -s inherit_errexit # command substitutions stop at a failure too

# shellcheck source=protocol.sh
source "$(dirname "${BASH_SOURCE[0]}")/protocol.sh"

# No capabilities of its own: the suite's provider claims them for the composed implementation.
read_command '# docker-archive: to docker-archive: only (see the header of containerd.sh)' -- "$@"
[[ -n "${CONTAINERD_ADDRESS:-}" ]] || refuse "CONTAINERD_ADDRESS must name containerd's socket"
parse_archive_copy "containerd" "${operands[@]}"

: "${CONFORMANCE_SCRATCH:?CONFORMANCE_SCRATCH must name a directory for the adapter}"
platform=linux/amd64

# Removes every image (and, with --sync, the content only they held), so that a copy never sees
# what an earlier one imported.
clear_store() {
  local -a names
  mapfile -t names < <(ctr images ls --quiet)
  if [[ ${#names[@]} -gt 0 ]]; then
    ctr images rm --sync "${names[@]}" >/dev/null
  fi
}
clear_store

# A reference as containerd names it: docker.io/library/ for short names, :latest when untagged.
qualified() {
  local ref="$1" first=""
  [[ "$ref" == */* ]] && first="${ref%%/*}"
  if [[ "$first" == index.docker.io ]]; then
    ref="docker.io/${ref#*/}"
    first=docker.io
  fi
  if [[ -z "$first" || ("$first" != *.* && "$first" != *:* && "$first" != localhost) ]]; then
    if [[ "$ref" == */* ]]; then ref="docker.io/$ref"; else ref="docker.io/library/$ref"; fi
  fi
  if [[ "${ref##*/}" != *:* && "$ref" != *@* ]]; then
    ref="$ref:latest"
  fi
  printf '%s\n' "$ref"
}

# Image name and target digest, one pair a line.
images() {
  ctr images ls | awk 'NR > 1 { print $1, $3 }'
}

# The config digest of a target: a manifest's, or for an index its linux/amd64 manifest's.
target_config() {
  local json manifest
  json="$(ctr content get "$1")"
  if jq -e '.manifests' >/dev/null 2>&1 <<<"$json"; then
    manifest="$(jq -r '[.manifests[] | select(.platform.os == "linux"
      and .platform.architecture == "amd64")][0].digest // empty' <<<"$json")"
    [[ -n "$manifest" ]] || return 0
    json="$(ctr content get "$manifest")"
  fi
  jq -r '.config.digest // empty' <<<"$json"
}

# The name --digests gave the image of a target digest (NAME@DIGEST), which no later import moves.
digest_name() {
  local name
  name="$(images | awk -v d="$1" '$2 == d && index($1, "@" d) { print $1; exit }')"
  [[ -n "$name" ]] || refuse "ctr images import named no image after $1"
  printf '%s\n' "$name"
}

# Imports an archive (once per copy) and prints the name of the image a selector names.
declare -A imported=()
select_image() {
  local archive="$1" selector="$2" alone="$3" name digest config want
  local -a targets
  if [[ -z "${imported[$archive]:-}" ]]; then
    # The host's platform first (an archive may list platforms whose blobs it lacks, as Docker's
    # containerd store writes them); an image of another platform only with --all-platforms.
    local errors="$CONFORMANCE_SCRATCH/import.err"
    if ! ctr images import --no-unpack --digests "$archive" >/dev/null 2>"$errors"; then
      if ! grep -q 'filtered out' "$errors"; then
        cat "$errors" >&2
        exit 1
      fi
      ctr images import --no-unpack --digests --all-platforms "$archive" >/dev/null
    fi
    imported[$archive]=1
  fi
  case "$selector" in
    "")
      if $alone; then
        mapfile -t targets < <(images | awk '{ print $2 }' | sort -u)
        [[ ${#targets[@]} -eq 1 ]] || refuse "ctr images import imported ${#targets[@]} images" \
          "from $archive; a copy without a selector takes exactly one"
        digest_name "${targets[0]}"
        return
      fi
      want="$(archive_config_digest "$archive" 0)"
      ;;
    @*) want="$(archive_config_digest "$archive" "${selector#@}")" ;;
    sha256:*) want="$selector" ;; # the image whose config has this digest
    *)
      name="$(qualified "$selector")"
      digest="$(images | awk -v n="$name" '$1 == n { print $2; exit }')"
      [[ -n "$digest" ]] || refuse "no image $selector in $archive (after ctr images import)"
      digest_name "$digest"
      return
      ;;
  esac
  while read -r name digest; do
    config="$(target_config "$digest")"
    if [[ "$config" == "$want" ]]; then
      digest_name "$digest"
      return
    fi
  done < <(images)
  refuse "ctr images import did not import the image with config $want that" \
    "${selector:-the copy} names in $archive"
}

alone=true
[[ ${#source_paths[@]} -eq 1 ]] || alone=false
# Every source is resolved right after its import, before a later import can move a name.
handles=()
for i in "${!source_paths[@]}"; do
  handles+=("$(select_image "${source_paths[$i]}" "${source_selectors[$i]}" "$alone")")
done
names=()
for i in "${!handles[@]}"; do
  selector="${source_selectors[$i]}"
  name="${handles[$i]}" # exported by its digest name: no tag
  if [[ -n "$tag" ]]; then
    name="$(qualified "$tag")"
  elif $multi && [[ -n "$selector" && "$selector" != @* && "$selector" != sha256:* ]]; then
    name="$(qualified "$selector")" # the source's reference tags its image
  fi
  if [[ "$name" != "${handles[$i]}" ]]; then
    ctr images tag --force "${handles[$i]}" "$name" >/dev/null
  fi
  # A name given twice would be exported twice, into RepoTags too: each name once.
  [[ " ${names[*]} " == *" $name "* ]] || names+=("$name")
done
# Straight to the destination: how the tool writes it (partly, when stopped) is what is judged.
ctr images export --platform "$platform" "$destination_path" "${names[@]}"
