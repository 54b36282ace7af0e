# shellcheck shell=bash
# Sourced by ./nocode. Building NocodeAI.sln.

dotnet_services() { local svc; for svc in "${SERVICES[@]}"; do is_dotnet "$svc" && project_exists "$svc" && echo "$svc"; done; return 0; }

solution_has_projects() { [[ -f "$SOLUTION" ]] && grep -q '^Project(' "$SOLUTION"; }

# Building rewrites the assemblies of services that are running; those whose output changed
# are restarted afterwards, so no process runs on half-replaced files or stale code.
build_solution() {
  solution_has_projects || { warn "NocodeAI.sln has no projects yet; nothing to build"; return 0; }
  local -A before=()
  local svc dll
  for svc in $(dotnet_services); do
    dll="$(dotnet_dll "${PROJECT[$svc]}")"
    before[$svc]="$(stat -c %Y "$dll" 2>/dev/null || echo none)"
  done
  say "building NocodeAI.sln ($CONFIGURATION)"
  if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -v quiet -nodeReuse:false > "$LOGS/build.log" 2>&1; then
    grep -E ': (error|warning) ' "$LOGS/build.log" | sort -u | head -n 60 >&2 || tail -n 60 "$LOGS/build.log" >&2
    die "build failed (full log: ${LOGS#"$ROOT"/}/build.log)"
  fi
  ok "build succeeded"
  for svc in $(dotnet_services); do
    dll="$(dotnet_dll "${PROJECT[$svc]}")"
    if [[ "${before[$svc]}" != "none" && "${before[$svc]}" != "$(stat -c %Y "$dll" 2>/dev/null || echo none)" ]] \
      && [[ -n "$(service_pid "$svc")" ]]; then
      say "$svc was rebuilt while running: restarting it"
      stop_service "$svc"
      start_service "$svc"
    fi
  done
}
