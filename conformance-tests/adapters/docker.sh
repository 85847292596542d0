#!/usr/bin/env bash
# Conformance adapter for a Docker Engine (the protocol: conformance-tests/ADAPTERS.md), driven
# through the docker client against the daemon at DOCKER_HOST (--impl docker starts a private
# dockerd for the run and sets it). Only the archive ends are Docker's: the suite converts between
# its oci:/dir: ends and docker-archive: itself, so this script copies docker-archive: to
# docker-archive: only, always from an empty image store:
#   docker load -i SRC, pick the image (SRC:REF, SRC:@N, SRC:sha256:HEX for the image whose config
#   has that digest, as the suite resolves :@N, or the only one), then
#   docker save -o DST NAME...   (the tag of DST, the sources' references with --multi, else the ID)
# Docker 20.10 writes only the classic layout, so no docker-hybrid.
set -euo pipefail
shopt -s inherit_errexit # command substitutions stop at a failure too

# shellcheck source=protocol.sh
source "$(dirname "${BASH_SOURCE[0]}")/protocol.sh"

# No capabilities of its own: the suite's provider claims them for the composed implementation.
read_command '# docker-archive: to docker-archive: only (see the header of docker.sh)' -- "$@"
[[ -n "${DOCKER_HOST:-}" ]] || refuse "DOCKER_HOST must name the daemon's socket (unix://PATH)"
parse_archive_copy "docker-archive" "${operands[@]}"

: "${CONFORMANCE_SCRATCH:?CONFORMANCE_SCRATCH must name a directory for the adapter}"

# Removes every image, so that a copy never sees what an earlier one loaded. An image that is the
# parent of another (a legacy archive's v1 chain) goes only after its children: a few rounds.
clear_store() {
  local -a ids
  local round
  for round in 1 2 3 4 5; do
    mapfile -t ids < <(docker image ls --all --quiet --no-trunc | sort -u)
    [[ ${#ids[@]} -gt 0 ]] || return 0
    docker image rm --force "${ids[@]}" >/dev/null 2>&1 || true
  done
  mapfile -t ids < <(docker image ls --all --quiet --no-trunc | sort -u)
  [[ ${#ids[@]} -eq 0 ]] || refuse "docker keeps ${#ids[@]} images of an earlier copy: ${ids[*]}"
}
clear_store

# The IDs of the images in the store.
image_ids() {
  docker image ls --all --quiet --no-trunc | sort -u
}

# Loads an archive (once per copy) and prints the ID of the image a selector names.
declare -A loaded=()
select_image() {
  local archive="$1" selector="$2" alone="$3" id
  local -a ids
  if [[ -z "${loaded[$archive]:-}" ]]; then
    docker load --quiet --input "$archive" >/dev/null
    loaded[$archive]=1
  fi
  case "$selector" in
    "")
      if $alone; then
        mapfile -t ids < <(docker image ls --all --quiet --no-trunc | sort -u)
        [[ ${#ids[@]} -eq 1 ]] || refuse "docker load loaded ${#ids[@]} images from $archive;" \
          "a copy without a selector takes exactly one"
        id="${ids[0]}"
      else
        id="$(archive_config_digest "$archive" 0)"
      fi
      ;;
    @*)
      id="$(archive_config_digest "$archive" "${selector#@}")"
      ;;
    sha256:*) id="$selector" ;; # the image whose config has this digest: its ID
    *)
      id="$(docker image inspect --format '{{.Id}}' "$selector" 2>/dev/null)" ||
        refuse "no image $selector in $archive (after docker load)"
      ;;
  esac
  docker image inspect "$id" >/dev/null 2>&1 ||
    refuse "docker load did not load the image $id that ${selector:-the copy} names in $archive"
  printf '%s\n' "$id"
}

alone=true
[[ ${#source_paths[@]} -eq 1 ]] || alone=false
# Every source is resolved right after its load, before a later load can move a tag.
ids=()
for i in "${!source_paths[@]}"; do
  ids+=("$(select_image "${source_paths[$i]}" "${source_selectors[$i]}" "$alone")")
done
names=()
for i in "${!ids[@]}"; do
  selector="${source_selectors[$i]}"
  if [[ -n "$tag" ]]; then
    docker tag "${ids[$i]}" "$tag"
    names+=("$tag")
  elif $multi && [[ -n "$selector" && "$selector" != @* && "$selector" != sha256:* ]]; then
    docker tag "${ids[$i]}" "$selector" # the source's reference tags its image
    names+=("$selector")
  else
    names+=("${ids[$i]}") # saved by ID: untagged
  fi
done
# Straight to the destination: how the tool writes it (partly, when stopped) is what is judged.
docker save --output "$destination_path" "${names[@]}"
