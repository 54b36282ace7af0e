# shellcheck shell=bash
# Sourced by ./nocode. The commands that run the system (up, down, status, logs, start, stop, kill,
# restart, env, compose) and help.

prepare() { # no_build
  ensure_tools
  ensure_dirs
  ensure_packages
  ensure_keys
  ensure_kubectl
  local svc
  # src/Gateway (npm): composition (./nocode compose) and Hive Gateway, the tests' oracle for ours.
  ensure_node_modules "$ROOT/$HIVE_GATEWAY_DIR"
  # Banana Cake Pop, which the gateway's build copies next to it and serves at GET /graphql/.
  ensure_node_modules "$ROOT/${PROJECT[gateway]}/Explorer"
  project_exists web && ensure_node_modules "$ROOT/${PROJECT[web]}"
  [[ "$1" == "1" ]] || build_solution
}

seed_warehouse() {
  local dll
  dll="$(dotnet_dll "$WAREHOUSE_SEED_PROJECT")"
  dotnet_project_in_solution "$WAREHOUSE_SEED_PROJECT" || return 0
  [[ -f "$dll" ]] || die "warehouse seed is not built (${dll#"$ROOT"/} missing)"
  say "seeding the warehouse ($WAREHOUSE_ROWS rows; idempotent)"
  if ! (cd "$(dirname "$dll")" && env "Warehouse__ConnectionString=$(warehouse_connection)" \
      dotnet "$dll" --rows "$WAREHOUSE_ROWS") > "$LOGS/warehouse-seed.log" 2>&1; then
    tail -n 40 "$LOGS/warehouse-seed.log" >&2
    die "warehouse seeding failed (log: $LOGS/warehouse-seed.log)"
  fi
  ok "warehouse seeded"
}

start_all() {
  local svc
  for svc in postgres redis nats; do start_service "$svc"; done
  ensure_databases
  seed_warehouse
  for svc in "${SERVICES[@]}"; do
    [[ "${KIND[$svc]}" == "infra" ]] && continue
    if [[ "$svc" == "gateway" && ! -f "$SUPERGRAPH" ]] && project_exists gateway; then
      warn "gateway: schema/supergraph.graphql does not exist yet (./nocode compose); gateway skipped"
      continue
    fi
    start_service "$svc"
  done
}

print_urls() {
  local svc
  echo
  say "NocodeAI is running"
  healthy gateway && printf '  %-10s %s\n' gateway "$(browser_url gateway)/graphql  (explorer in a browser; WebSocket and SSE on the same URL)"
  project_exists web && healthy web && printf '  %-10s %s\n' web "$(browser_url web)"
  for svc in "${SERVICES[@]}"; do
    [[ "${KIND[$svc]}" == "subgraph" ]] && project_exists "$svc" && printf '  %-10s %s\n' "$svc" "$(service_url "$svc")/graphql"
    [[ "${KIND[$svc]}" == "dotnet" ]] && project_exists "$svc" && printf '  %-10s %s\n' "$svc" "$(service_url "$svc")/health/ready"
  done
  printf '  %-10s %s\n' postgres "127.0.0.1:${PORT[postgres]}  user $PG_USER / $PG_PASSWORD"
  printf '  %-10s %s\n' redis "$(redis_address)"
  printf '  %-10s %s\n' nats "$(nats_url)  (monitoring $(nats_monitor_url))"
  echo
  echo "  Development logins: $DEV_LOGINS"
  echo "  Logs: ./nocode logs <service>    Status: ./nocode status    Stop: ./nocode down"
}

cmd_up() {
  local detach=0 no_build=0
  while (($#)); do
    case "$1" in
      -d | --detach) detach=1 ;;
      --no-build) no_build=1 ;;
      *) die "up: unknown option $1" ;;
    esac
    shift
  done
  if ((detach == 0)); then
    # Ctrl-C (or a failure) stops what this invocation started, newest first.
    trap 'trap - INT TERM EXIT; echo; say "stopping"; for s in $(reverse "${STARTED[@]}"); do stop_service "$s" || true; done; exit 130' INT TERM
    trap 'status=$?; trap - INT TERM EXIT; if ((status != 0)); then for s in $(reverse "${STARTED[@]}"); do stop_service "$s" || true; done; fi' EXIT
  fi
  prepare "$no_build"
  start_all
  print_urls
  ((detach == 1)) && return 0
  echo "  Press Ctrl-C to stop what this command started."
  local -A reported=()
  local s pid
  while true; do
    sleep 5 &
    wait $! || true
    for s in "${STARTED[@]}"; do
      [[ "${KIND[$s]}" == "infra" || -n "${reported[$s]:-}" ]] && continue
      pid="$(service_pid "$s")"
      if [[ -z "$pid" ]]; then
        reported[$s]=1
        warn "$s has stopped"
        tail_log "$s" 20
      fi
    done
  done
}

cmd_down() {
  local svc
  ensure_dirs
  find_pg_bin
  for svc in $(reverse "${SERVICES[@]}"); do stop_service "$svc"; done
  say "everything is stopped (data kept in .nocode/)"
}

cmd_status() {
  local svc pid health port why
  find_pg_bin
  printf '%-11s %-9s %-8s %-6s %s\n' SERVICE KIND PID PORT HEALTH
  for svc in "${SERVICES[@]}"; do
    port="${PORT[$svc]}"
    if ! project_exists "$svc"; then
      why="${PROJECT[$svc]} missing"
      [[ -e "$ROOT/${PROJECT[$svc]}" ]] && is_dotnet "$svc" && why="${PROJECT[$svc]} not in NocodeAI.sln"
      printf '%-11s %-9s %-8s %-6s %s\n' "$svc" "${KIND[$svc]}" - "$port" "absent ($why)"
      continue
    fi
    pid="$(service_pid "$svc")"
    if healthy "$svc"; then health="${C_GREEN}healthy${C_OFF}"
    elif [[ -n "$pid" ]]; then health="${C_YELLOW}unhealthy${C_OFF}"
    else health="${C_DIM}stopped${C_OFF}"; fi
    printf '%-11s %-9s %-8s %-6s %s\n' "$svc" "${KIND[$svc]}" "${pid:--}" "$port" "$health"
  done
}

cmd_logs() {
  local svc="${1:-}" lines="" follow="" file
  [[ -n "$svc" ]] || die "usage: ./nocode logs <service> [-n lines] [-f]"
  shift
  require_service "$svc"
  while (($#)); do
    case "$1" in
      -n) lines="${2:?-n needs a number}"; shift ;;
      -n*) lines="${1#-n}" ;;
      -f | --follow) follow=1 ;;
      *) die "logs: unknown option $1" ;;
    esac
    shift
  done
  file="$(log_file "$svc")"
  [[ -f "$file" ]] || die "no log for $svc yet ($file)"
  # Without -n it follows (like tail -f); with -n it prints and returns, unless -f is given too.
  if [[ -n "$follow" || -z "$lines" ]]; then exec tail -n "${lines:-100}" -F "$file"; else tail -n "$lines" "$file"; fi
}

cmd_start() {
  local svc
  (($#)) || die "usage: ./nocode start <service>..."
  ensure_dirs
  find_pg_bin
  for svc in "$@"; do
    require_service "$svc"
    project_exists "$svc" || die "$svc: ${PROJECT[$svc]} does not exist"
    start_service "$svc"
  done
}

cmd_stop() {
  local svc
  (($#)) || die "usage: ./nocode stop <service>..."
  ensure_dirs
  find_pg_bin
  for svc in "$@"; do require_service "$svc"; stop_service "$svc"; done
}

cmd_kill() {
  local svc
  (($#)) || die "usage: ./nocode kill <service>..."
  ensure_dirs
  for svc in "$@"; do require_service "$svc"; stop_service "$svc" KILL; done
}

cmd_restart() {
  local svc
  (($#)) || die "usage: ./nocode restart <service>..."
  ensure_dirs
  find_pg_bin
  for svc in "$@"; do require_service "$svc"; stop_service "$svc"; start_service "$svc"; done
}

cmd_env() {
  local svc="${1:-}"
  if [[ -z "$svc" ]]; then test_env; return 0; fi
  require_service "$svc"
  case "${KIND[$svc]}" in
    subgraph | dotnet) service_env "$svc" ;;
    gateway) gateway_env ;;
    web) web_env ;;
    infra) die "$svc is infrastructure; it has no service environment" ;;
  esac
}

cmd_compose() {
  local no_build=0 svc dll exported=0
  [[ "${1:-}" == "--no-build" ]] && no_build=1
  ensure_tools
  ensure_dirs
  ensure_node_modules "$ROOT/$HIVE_GATEWAY_DIR"
  ((no_build == 1)) || build_solution
  for svc in "${SERVICES[@]}"; do
    if [[ "${KIND[$svc]}" != "subgraph" ]] || ! project_exists "$svc"; then continue; fi
    dll="$(dotnet_dll "${PROJECT[$svc]}")"
    [[ -f "$dll" ]] || die "$svc is not built (${dll#"$ROOT"/} missing)"
    if ! (cd "$(dirname "$dll")" && service_env "$svc" | { mapfile -t e; env "${e[@]}" dotnet "$dll" --export-schema "$ROOT/schema/$svc.graphql"; }) \
        > "$LOGS/export-$svc.log" 2>&1; then
      tail -n 40 "$LOGS/export-$svc.log" >&2
      die "$svc: --export-schema failed"
    fi
    [[ -s "$ROOT/schema/$svc.graphql" ]] || die "$svc: --export-schema wrote nothing to schema/$svc.graphql"
    ok "exported schema/$svc.graphql"
    exported=$((exported + 1))
  done
  ((exported > 0)) || warn "no subgraph project exists yet; composing the SDL files already in schema/"
  node "$ROOT/$HIVE_GATEWAY_DIR/compose.mjs"
}

cmd_help() {
  cat <<EOF
Usage: ./nocode <command> [arguments]

  up [--no-build]        install what is missing, build, start infrastructure and every service
                         that exists, wait until healthy, print URLs; Ctrl-C stops what it started
  up -d [--no-build]     the same, but return once everything is healthy (fails naming the
                         unhealthy service, with the tail of its log, after ${START_TIMEOUT}s)
  down                   stop every service and the infrastructure (data stays in .nocode/)
  status                 table of services: pid, port, health
  logs <svc> [-n N] [-f] follow a service's log; with -n N print the last N lines and return
  start <svc>...         start one service or infrastructure piece and wait until it is healthy
  stop <svc>...          stop it gracefully (SIGTERM; PostgreSQL: fast shutdown)
  kill <svc>...          stop it abruptly (SIGKILL), e.g. to crash a worker mid-job
  restart <svc>...       stop, then start
  compose [--no-build]   export every subgraph's SDL to schema/<name>.graphql and compose
                         schema/supergraph.graphql (src/Gateway/compose.mjs)
  test [--faults | --with-faults] [--soak [minutes]] [--no-build] [--no-up] [-- <dotnet test args>]
                         up -d, then dotnet test NocodeAI.sln -c Release (neither Faults nor Soak;
                         --faults: only Category=Faults; --with-faults: the others, then the
                         faults; --soak: the chaos soak, last, 1 minute unless given), then web
                         tests; prints a summary line, non-zero on failure
  env [<svc>]            print a service's environment, or (no argument) the tests' environment
  bench [--quick] [--only query|gateway|mutation|pipeline|saga|fanout|automl|scaling] [--report]
                         load the running system (src/NocodeAI.Bench): query and mutation throughput,
                         saga latency, WebSocket fan-out, training and extraction time against rows;
                         writes docs/benchmarks.md and its charts (--only keeps the other results;
                         --report measures nothing and rewrites the report from results.json)
  rebuild-projection     rebuild the myRequests read model (notices) from the start of the event
                         streams, in one transaction; the live service keeps answering meanwhile
  deadletters list | show <seq> | replay <seq>
                         the messages consumers gave up on: list them, show one with its error,
                         or publish one again to its subject (its owner has already been told)
  help                   this text

Services: ${SERVICES[*]}
Ports are overridable: NOCODE_<SERVICE>_PORT (e.g. NOCODE_GATEWAY_PORT=4001), NOCODE_NATS_MONITOR_PORT,
or all together with NOCODE_PORT_OFFSET=N (a second checkout beside the first).
Other settings: NOCODE_WAREHOUSE_ROWS (100000), NOCODE_START_TIMEOUT (${START_TIMEOUT}s), NOCODE_STOP_TIMEOUT (${STOP_TIMEOUT}s),
NOCODE_PG_SHARED_BUFFERS (PostgreSQL shared_buffers, ${PG_SHARED_BUFFERS}).
Development logins: $DEV_LOGINS
EOF
}
