# shellcheck shell=bash
# Sourced by ./nocode. Output: colours and the say/ok/warn/die helpers every other module uses.

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_DIM='' C_OFF=''
fi
say()  { printf '%s\n' "${C_BOLD}nocode:${C_OFF} $*"; }
ok()   { printf '%s\n' "${C_GREEN}  ✓${C_OFF} $*"; }
warn() { printf '%s\n' "${C_YELLOW}  !${C_OFF} $*" >&2; }
die()  { printf '%s\n' "${C_RED}nocode: error:${C_OFF} $*" >&2; exit 1; }
