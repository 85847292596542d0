#!/usr/bin/env bash
# Conformance adapter for podman (the protocol: conformance-tests/ADAPTERS.md).
# Every copy starts from an empty image store of its own (vfs driver, --root/--runroot under
# CONFORMANCE_SCRATCH), so copies are independent and the machine's images are never touched.
#   read:  podman load -i PATH            (no selector; podman loads every image of the archive)
#          podman pull docker-archive:PATH:REF|:@N
#          then podman push ID oci:DIR[:REF] | dir:DIR
#   write: podman pull oci:DIR[:REF] | dir:DIR, then podman untag (the pull names the image after
#          its directory), podman tag TAG, podman save --format docker-archive [-m] -o OUT NAME...
#          (an untagged image is saved by its ID)
# podman has no Docker 25+ layout, so no write-hybrid.
set -euo pipefail
shopt -s inherit_errexit # command substitutions stop at a failure too

# shellcheck source=protocol.sh
source "$(dirname "${BASH_SOURCE[0]}")/protocol.sh"

read_command read read-to-dir write write-multi reference-based -- "$@"
set -- "${operands[@]}"
[[ $# -ge 2 ]] || usage
[[ "$layout" == docker-archive ]] || refuse "podman writes only the docker-archive layout, not $layout"
# Paths become absolute: podman runs in its store (see pm below).
absolute() {
  local transport="${1%%:*}" rest="${1#*:}"
  if [[ "$1" == *:* && "$rest" != /* ]]; then
    printf '%s:%s/%s' "$transport" "$PWD" "$rest"
  else
    printf '%s' "$1"
  fi
}
sources=()
for arg in "${@:1:$#-1}"; do
  sources+=("$(absolute "$arg")")
done
destination="$(absolute "${!#}")"
if ! $multi && [[ ${#sources[@]} -ne 1 ]]; then
  refuse "several sources need --multi"
fi

state="${CONFORMANCE_SCRATCH:?CONFORMANCE_SCRATCH must name a directory for the adapter}"
store="$state/podman"
reset() {
  rm -rf "$store"
  if [[ -f "$state/podman-stage" ]]; then
    xargs -r -d '\n' rm -rf <"$state/podman-stage"
    rm -f "$state/podman-stage"
  fi
}
reset
trap reset EXIT
mkdir -p "$store/tmp"
# podman spools image copies into TMPDIR (else /var/tmp).
export TMPDIR="$store/tmp"

# podman refuses a --runroot longer than 50 characters, so it is given relative to the store.
pm() {
  (
    cd "$store"
    podman --storage-driver vfs --root "$store/root" --runroot run \
      --tmpdir "$store/libpod" --events-backend none --cgroup-manager cgroupfs "$@"
  )
}

# Loads an archive with podman load and prints the ID of the one image it holds.
load_one() {
  local archive="$1" out name id
  local -a ids=()
  # podman load tries every format and lists each failure; the docker-archive one goes first, as
  # the reason (a reader of the message sees its start).
  if ! out="$(pm load -q -i "$archive" 2>"$store/load.err")"; then
    sed -n 's/^[[:space:]]*\* docker-archive: /podman load (as docker-archive): /p' \
      "$store/load.err" >&2
    cat "$store/load.err" >&2
    exit 125
  fi
  # "Loaded image: NAME" (a tag, or sha256:ID when untagged), one line per image.
  while IFS= read -r name; do
    [[ -n "$name" ]] || continue
    id="$(pm image inspect --format '{{.Id}}' "$name")"
    ids+=("$id")
  done <<<"$(sed -n -e 's/^Loaded image[^:]*: *//p' <<<"$out" | tr ',' '\n')"
  mapfile -t ids < <(printf '%s\n' "${ids[@]}" | sort -u)
  if [[ ${#ids[@]} -ne 1 ]]; then
    refuse "podman load loaded ${#ids[@]} images from $archive (it loads every image of an" \
      "archive); a copy without a selector takes exactly one"
  fi
  printf '%s\n' "${ids[0]}"
}

# podman pull names an image from oci:DIR or dir:DIR after the directory's path, and fails when
# that path is no valid repository name (upper case, "_x" components, long); so such a source is
# first linked (or copied) into a short lower-case directory, in the store when its own path is
# fit, else in a temporary directory removed at exit. The layout itself is not changed.
# (Runs in a command substitution: nothing it sets survives it, hence the unique names.)
staged() {
  local src="$1" transport="${1%%:*}" rest="${1#*:}" path ref="" root target
  path="${rest%%:*}"
  [[ "$rest" == *:* ]] && ref=":${rest#*:}"
  if [[ "$path" =~ ^(/[a-z0-9]+([._-][a-z0-9]+)*)+$ && ${#path} -lt 200 ]]; then
    printf '%s' "$src"
    return
  fi
  if [[ "$store" =~ ^(/[a-z0-9]+([._-][a-z0-9]+)*)+$ && ${#store} -lt 150 ]]; then
    root="$store/in"
  else
    root="/tmp/podman-conformance-$$"
    printf '%s\n' "$root" >>"$state/podman-stage"
  fi
  mkdir -p "$root"
  target="$root/s$BASHPID-$RANDOM"
  cp -rl "$path" "$target" 2>/dev/null || { rm -rf "$target"; cp -r "$path" "$target"; }
  printf '%s:%s%s' "$transport" "$target" "$ref"
}

# Imports a source into the store and prints its image ID.
import() {
  local src="$1" rest id
  case "$src" in
    docker-archive:*)
      rest="${src#docker-archive:}"
      if [[ "$rest" == *:* ]]; then
        id="$(pm pull -q "$src" | tail -n 1)"
      else
        id="$(load_one "$rest")"
      fi
      ;;
    oci:* | dir:*) id="$(pm pull -q "$(staged "$src")" | tail -n 1)" ;;
    *) refuse "unsupported source $src (expected docker-archive:, oci: or dir:)" ;;
  esac
  printf '%s\n' "$id"
}

# Removes the names an import gave (a pull of oci:DIR names the image after the directory).
untag() {
  local id
  for id in "$@"; do
    pm untag "$id" >/dev/null
  done
}

# The tag an image of a multi-image archive gets from its source (none for :@N or no name).
source_tag() {
  local src="$1" rest ref=""
  case "$src" in
    docker-archive:*)
      rest="${src#docker-archive:}"
      [[ "$rest" == *:* ]] && ref="${rest#*:}"
      [[ "$ref" == @* ]] && ref=""
      ;;
    oci:*)
      rest="${src#oci:}"
      [[ "$rest" == *:* ]] && ref="${rest#*:}"
      ;;
  esac
  printf '%s' "$ref"
}

case "$destination" in
  docker-archive:*)
    rest="${destination#docker-archive:}"
    out="${rest%%:*}"
    tag=""
    [[ "$rest" == *:* ]] && tag="${rest#*:}"
    names=()
    if $multi; then
      [[ -z "$tag" ]] || refuse "a multi-image destination takes its tags from the sources;" \
        "remove \":$tag\" from $destination"
      ids=()
      for src in "${sources[@]}"; do
        id="$(import "$src")"
        ids+=("$id")
      done
      untag "${ids[@]}"
      for i in "${!sources[@]}"; do
        ref="$(source_tag "${sources[$i]}")"
        # Only a valid Docker reference becomes a tag; podman normalises short names (localhost/).
        if [[ -n "$ref" ]] && pm tag "${ids[$i]}" "$ref" 2>/dev/null; then
          names+=("$ref")
        else
          names+=("${ids[$i]}")
        fi
      done
      pm save -q --format docker-archive -m -o "$out" "${names[@]}"
    else
      id="$(import "${sources[0]}")"
      untag "$id"
      if [[ -n "$tag" ]]; then
        pm tag "$id" "$tag"
        names+=("$tag")
      else
        names+=("$id")
      fi
      pm save -q --format docker-archive -o "$out" "${names[@]}"
    fi
    ;;
  oci:* | dir:*)
    $multi && refuse "--multi needs a docker-archive: destination, got $destination"
    id="$(import "${sources[0]}")"
    pm push -q "$id" "$destination"
    ;;
  *) refuse "unsupported destination $destination (expected docker-archive:, oci: or dir:)" ;;
esac
