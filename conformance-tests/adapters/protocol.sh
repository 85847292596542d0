# The command line of the adapter protocol (conformance-tests/ADAPTERS.md), shared by the adapters
# that source it from their own directory.
#   read_command CAPABILITY... -- ARG...
# answers "capabilities" with the capabilities given (and exits); for "copy" it sets multi and
# layout from the options and the array operands to SRC... DST; anything else is a usage error.

usage() {
  echo "usage: $(basename "$0") capabilities | copy [--multi] [--layout L] SRC... DST" >&2
  exit 2
}
refuse() {
  echo "$*" >&2
  exit 2
}

read_command() {
  local -a capabilities=()
  while [[ "$1" != -- ]]; do
    capabilities+=("$1")
    shift
  done
  shift
  case "${1:-}" in
    capabilities)
      printf '%s\n' "${capabilities[@]}"
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
  operands=("$@")
}

# For adapters of tools that only load and save archives (docker, containerd): the suite converts
# the oci:/dir: ends, so a copy goes from docker-archive: to docker-archive: only.
#   parse_archive_copy TOOL OPERAND...
# sets source_paths and source_selectors (REF, @N or empty, one per source), destination_path and
# tag (the destination's, or empty); refuses every other kind of copy.
parse_archive_copy() {
  local tool="$1" src rest
  shift
  [[ $# -ge 2 ]] || usage
  [[ "$layout" == docker-archive ]] || refuse "$tool writes only the docker-archive layout, not $layout"
  if ! $multi && [[ $# -ne 2 ]]; then
    refuse "several sources need --multi"
  fi
  source_paths=()
  source_selectors=()
  for src in "${@:1:$#-1}"; do
    [[ "$src" == docker-archive:* ]] ||
      refuse "$tool copies docker-archive: to docker-archive: only (the suite converts $src)"
    rest="${src#docker-archive:}"
    source_paths+=("${rest%%:*}")
    if [[ "$rest" == *:* ]]; then
      source_selectors+=("${rest#*:}")
    else
      source_selectors+=("")
    fi
  done
  [[ "${!#}" == docker-archive:* ]] ||
    refuse "$tool copies docker-archive: to docker-archive: only (the suite converts ${!#})"
  rest="${!#}"
  rest="${rest#docker-archive:}"
  destination_path="${rest%%:*}"
  tag=""
  [[ "$rest" == *:* ]] && tag="${rest#*:}"
  if $multi && [[ -n "$tag" ]]; then
    refuse "a multi-image destination takes its tags from the sources; remove \":$tag\""
  fi
  return 0
}

# Prints one member of an archive (plain or compressed as a whole), named with or without "./";
# what tar extracted counts even when the archive ends early (the loaders take such archives).
read_member() {
  local archive="$1" member="$2" out
  out="$(mktemp "${CONFORMANCE_SCRATCH:-/tmp}/member.XXXXXX")"
  tar -xOf "$archive" "$member" >"$out" 2>/dev/null || true
  [[ -s "$out" ]] || tar -xOf "$archive" "./${member#./}" >"$out" 2>/dev/null || true
  if [[ ! -s "$out" ]]; then
    rm -f "$out"
    refuse "cannot read $member from $archive"
  fi
  cat "$out"
  rm -f "$out"
}

# Prints the Config path of item N of an archive's manifest.json.
archive_config() {
  local archive="$1" n="$2" count config
  [[ "$n" =~ ^[0-9]+$ ]] || refuse "invalid image index @$n"
  count="$(read_member "$archive" manifest.json | jq 'length')" ||
    refuse "manifest.json of $archive is not a JSON array"
  [[ "$n" -lt "$count" ]] || refuse "image index @$n out of range: $archive has $count images"
  # Go's encoding/json, which both loaders use, matches keys case-insensitively (Jib's "config").
  config="$(read_member "$archive" manifest.json |
    jq -r ".[$n] | to_entries | map(select(.key | ascii_downcase == \"config\")) | .[0].value // empty")"
  [[ -n "$config" ]] || refuse "item $n of $archive names no Config"
  printf '%s\n' "$config"
}

# The sha256 digest of item N's config, as "sha256:HEX".
archive_config_digest() {
  local config
  config="$(archive_config "$1" "$2")"
  printf 'sha256:%s\n' "$(read_member "$1" "$config" | sha256sum | cut -d' ' -f1)"
}
