# shellcheck shell=bash
# Sourced by ./nocode. Processes: where a service logs, whether it is healthy, its pid, and starting
# and stopping one service.

log_file() {
  if [[ "$1" == "postgres" ]]; then echo "$PG_BASE/postgres.log"; else echo "$LOGS/$1.log"; fi
}

health_url() {
  case "${KIND[$1]}" in
    subgraph | dotnet | gateway) echo "$(service_url "$1")/health/ready" ;;
    web) echo "$(service_url "$1")/" ;;
    infra) [[ "$1" == "nats" ]] && echo "$(nats_monitor_url)/healthz" || echo "" ;;
  esac
}

http_ok() { curl -fsS -o /dev/null -m 3 "$1" 2>/dev/null; }

healthy() {
  local svc="$1"
  case "$svc" in
    postgres)
      [[ -n "${PG_BIN:-}" ]] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "${PORT[postgres]}" 2>/dev/null ;;
    redis)
      command -v redis-cli >/dev/null && [[ "$(redis-cli -h 127.0.0.1 -p "${PORT[redis]}" ping 2>/dev/null)" == "PONG" ]] ;;
    *) http_ok "$(health_url "$svc")" ;;
  esac
}

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

port_owner() { # port -> pid listening on it (empty when none or not visible)
  command -v ss >/dev/null || return 0
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true
}

service_pid() { # pid from the pid file when that process is alive, else the owner of the port
  local svc="$1" pid=""
  [[ -f "$RUN/$svc.pid" ]] && pid="$(<"$RUN/$svc.pid")"
  if alive "$pid"; then echo "$pid"; return 0; fi
  rm -f "$RUN/$svc.pid"
  port_owner "${PORT[$svc]}"
}

tail_log() { # service [lines]
  local file
  file="$(log_file "$1")"
  if [[ -f "$file" ]]; then
    printf '%s\n' "${C_DIM}--- last ${2:-40} lines of ${file#"$ROOT"/} ---${C_OFF}" >&2
    tail -n "${2:-40}" "$file" >&2
    printf '%s\n' "${C_DIM}---${C_OFF}" >&2
  else
    warn "no log at $file"
  fi
}

# ---------------------------------------------------------------------------------------------
# Starting and stopping
launch() { # service dir command... (KEY=VALUE lines on stdin become its environment)
  local svc="$1" dir="$2"
  shift 2
  local -a environment=()
  mapfile -t environment
  printf '=== nocode: starting %s at %s ===\n' "$svc" "$(date -Is)" >> "$LOGS/$svc.log"
  (cd "$dir" && exec setsid env "${environment[@]}" "$@") >> "$LOGS/$svc.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$svc.pid"
}

start_process() { # service: starts it without waiting for health
  local svc="$1" dll
  case "${KIND[$svc]}" in
    subgraph | dotnet)
      dll="$(dotnet_dll "${PROJECT[$svc]}")"
      [[ -f "$dll" ]] || die "$svc is not built (${dll#"$ROOT"/} missing): run ./nocode up"
      # The output directory is the content root, so the service finds its appsettings*.json.
      service_env "$svc" | launch "$svc" "$(dirname "$dll")" dotnet "$dll" ;;
    gateway)
      [[ -f "$SUPERGRAPH" ]] || die "schema/supergraph.graphql is missing: run ./nocode compose"
      dll="$(dotnet_dll "${PROJECT[$svc]}")"
      [[ -f "$dll" ]] || die "gateway is not built (${dll#"$ROOT"/} missing): run ./nocode up"
      gateway_env | launch "$svc" "$(dirname "$dll")" dotnet "$dll" ;;
    web)
      ensure_node_modules "$ROOT/${PROJECT[$svc]}"
      web_env | launch "$svc" "$ROOT/${PROJECT[$svc]}" npm run --silent start ;;
    infra)
      case "$svc" in
        postgres) start_postgres ;;
        redis) start_redis ;;
        nats) start_nats ;;
      esac ;;
  esac
}

wait_healthy() { # service [timeout]: 0 once healthy; dies with the log tail otherwise
  local svc="$1" timeout="${2:-$START_TIMEOUT}" pid deadline
  deadline=$((SECONDS + timeout))
  until healthy "$svc"; do
    if [[ -s "$RUN/$svc.pid" ]]; then
      pid="$(<"$RUN/$svc.pid")"
      # Redis writes its own pid file; an empty read means it is being written.
      if [[ -n "$pid" ]] && ! alive "$pid"; then
        rm -f "$RUN/$svc.pid"
        tail_log "$svc"
        die "$svc exited during start-up (log: $(log_file "$svc"))"
      fi
    fi
    if ((SECONDS >= deadline)); then
      tail_log "$svc"
      die "$svc is not healthy after ${timeout}s (checked $(health_url "$svc" || true); log: $(log_file "$svc"))"
    fi
    sleep 0.5
  done
}

# Services started by this invocation, so a foreground `up` stops exactly those on Ctrl-C.
declare -a STARTED=()

start_service() { # service -> starts it unless it runs already; waits for health
  local svc="$1" pid
  if ! project_exists "$svc"; then
    if is_dotnet "$svc" && [[ -e "$ROOT/${PROJECT[$svc]}" ]]; then
      warn "$svc: ${PROJECT[$svc]} is not in NocodeAI.sln yet; skipped"
    else
      warn "$svc: ${PROJECT[$svc]} does not exist yet; skipped"
    fi
    return 0
  fi
  if healthy "$svc"; then
    pid="$(service_pid "$svc")"
    ok "$svc already running on :${PORT[$svc]}${pid:+ (pid $pid)}"
    return 0
  fi
  pid="$(service_pid "$svc")"
  if [[ -n "$pid" ]]; then
    # Running but not (yet) healthy: give it the start-up time instead of starting another one.
    say "$svc: pid $pid ($(ps -o args= -p "$pid" 2>/dev/null | cut -c1-80 || true)) holds :${PORT[$svc]} but is not healthy yet; waiting"
    wait_healthy "$svc"
    ok "$svc healthy on :${PORT[$svc]}"
    return 0
  fi
  start_process "$svc"
  STARTED+=("$svc")
  wait_healthy "$svc"
  ok "$svc started on :${PORT[$svc]} (pid $(service_pid "$svc"))"
}

wait_gone() { # pid
  local pid="$1" deadline=$((SECONDS + STOP_TIMEOUT))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      warn "pid $pid did not stop within ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      return 0
    fi
    sleep 0.2
  done
}

signal_service() { # signal pid: the whole process group when the service leads its own (we started it)
  local signal="$1" pid="$2" pgid
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
  if [[ "$pgid" == "$pid" ]]; then kill "-$signal" -- "-$pid" 2>/dev/null || true
  else kill "-$signal" "$pid" 2>/dev/null || true; fi
}

stop_service() { # service [signal]
  local svc="$1" signal="${2:-TERM}" pid
  # Whatever holds the port of a service whose project does not exist is none of ours.
  if ! project_exists "$svc" && [[ ! -s "$RUN/$svc.pid" ]]; then return 0; fi
  pid="$(service_pid "$svc")"
  if [[ -z "$pid" ]]; then
    if project_exists "$svc" && healthy "$svc"; then
      warn "$svc answers on :${PORT[$svc]} but its process is not visible to this user; not stopped"
    fi
    rm -f "$RUN/$svc.pid"
    return 0
  fi
  if [[ "$svc" == "postgres" && "$signal" == "TERM" ]]; then
    stop_postgres "$pid"
  else
    signal_service "$signal" "$pid"
    wait_gone "$pid"
  fi
  rm -f "$RUN/$svc.pid"
  if [[ "$signal" == "KILL" ]]; then ok "$svc killed (pid $pid, SIGKILL)"; else ok "$svc stopped (pid $pid)"; fi
}

reverse() { local i; for ((i = $# ; i > 0 ; i--)); do echo "${!i}"; done; }
