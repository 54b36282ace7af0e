# shellcheck shell=bash
# Sourced by ./nocode. Operations on a running system: bench, deadletters, rebuild-projection.

cmd_bench() {
  # Many WebSocket subscribers need many descriptors (the harness and the gateway share this shell's limit).
  ulimit -n 65536 2>/dev/null || ulimit -n 16384 2>/dev/null || true
  # --report only rewrites docs/benchmarks.md from results.json: no system needed.
  if [[ " $* " != *" --report "* ]] && ! healthy gateway; then cmd_up -d --no-build; fi
  local line
  while IFS= read -r line; do export "${line?}"; done < <(test_env)
  # The gateways the `gateway` scenario compares ours with: Hive Gateway (src/Gateway) and Grafbase.
  ensure_node_modules "$ROOT/$HIVE_GATEWAY_DIR"
  ensure_node_modules "$ROOT/src/NocodeAI.Bench/anchors"
  say "building src/NocodeAI.Bench"
  dotnet build "$ROOT/src/NocodeAI.Bench" -c Release -v quiet -nologo > "$LOGS/bench-build.log" 2>&1 \
    || { tail -n 30 "$LOGS/bench-build.log" >&2; die "bench build failed (log: $LOGS/bench-build.log)"; }
  dotnet "$(dotnet_dll src/NocodeAI.Bench)" "$@"
  say "drawing the charts (headless Chromium)"
  ensure_node_modules "$ROOT/web"
  node "$ROOT/docs/benchmarks/render-charts.mjs" || warn "charts not drawn; docs/benchmarks.md still has the numbers"
}

cmd_deadletters() {
  # The operator's view of the dead-letter stream (src/NocodeAI.Operations); NATS must be running.
  prepare 1
  healthy nats || die "nats must be running (./nocode up -d)"
  dotnet build "$ROOT/src/NocodeAI.Operations" -c "$CONFIGURATION" -v quiet -nologo > "$LOGS/operations-build.log" 2>&1 \
    || { tail -n 30 "$LOGS/operations-build.log" >&2; die "build failed (log: $LOGS/operations-build.log)"; }
  Nats__Url="$(nats_url)" dotnet "$(dotnet_dll src/NocodeAI.Operations)" "$@"
}

cmd_rebuild_projection() {
  prepare 1
  local dll line
  dll="$(dotnet_dll "${PROJECT[notices]}")"
  [[ -f "$dll" ]] || die "$dll is not built (run ./nocode up first)"
  healthy postgres && healthy nats || die "postgres and nats must be running (./nocode up -d)"
  say "rebuilding myRequests from the event streams"
  (
    while IFS= read -r line; do export "${line?}"; done < <(service_env notices)
    cd "$(dirname "$dll")" && exec dotnet "$dll" --rebuild-projection
  )
}
