#!/usr/bin/env bash
# Conformance adapter for this project's own command-line tool (the protocol:
# conformance-tests/ADAPTERS.md). "dockerarchive copy" already speaks the protocol's copy syntax,
# so a copy is passed through unchanged.
# The tool: DOCKERARCHIVE_CLASSPATH (with DOCKERARCHIVE_JAVA and DOCKERARCHIVE_JVM_OPTS) when set,
# as the suite's provider does (java -cp ... DockerArchiveCli); else the ./dockerarchive launcher
# of the checkout this script is in (conformance-tests/adapters/ -> the repository root).
set -euo pipefail

case "${1:-}" in
  capabilities)
    printf '%s\n' read read-to-dir write write-multi write-hybrid
    exit 0
    ;;
  copy) ;;
  *)
    echo "usage: $(basename "$0") capabilities | copy [--multi] [--layout L] SRC... DST" >&2
    exit 2
    ;;
esac

if [[ -n "${DOCKERARCHIVE_CLASSPATH:-}" ]]; then
  # shellcheck disable=SC2086 # the options are words
  exec "${DOCKERARCHIVE_JAVA:-java}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Xlog:cds=off -Xlog:cds+dynamic=off ${DOCKERARCHIVE_JVM_OPTS:-} \
    -cp "$DOCKERARCHIVE_CLASSPATH" io.github.dockerarchive.testkit.cli.DockerArchiveCli "$@"
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/dockerarchive" "$@"
