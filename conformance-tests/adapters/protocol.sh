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
