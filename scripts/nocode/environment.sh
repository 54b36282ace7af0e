# shellcheck shell=bash
# Sourced by ./nocode. The environment each process gets: the .NET services, the gateway, the web
# app and the tests.

# ---------------------------------------------------------------------------------------------
# Addresses. Each is written once here, from the ports of the service table (services.sh); the
# environments below and the URLs commands print or probe use these.
service_url() { # service -> its base URL, as other processes on this machine reach it
  echo "http://127.0.0.1:${PORT[$1]}"
}

browser_url() { # service -> its URL as a browser on this machine opens it
  echo "http://localhost:${PORT[$1]}"
}

pg_connection() { # database
  echo "Host=127.0.0.1;Port=${PORT[postgres]};Database=$1;Username=$PG_USER;Password=$PG_PASSWORD"
}

warehouse_connection() { pg_connection "$WAREHOUSE_DB"; }

redis_address() { echo "127.0.0.1:${PORT[redis]}"; }

nats_url() { echo "nats://127.0.0.1:${PORT[nats]}"; }

nats_monitor_url() { echo "http://127.0.0.1:$NATS_MONITOR_PORT"; }

# ---------------------------------------------------------------------------------------------
# The environment of a .NET service: where it listens, its database, and the shared settings
# its `reads` column in the service table names, nothing else.
service_env() { # service -> KEY=VALUE lines
  local svc="$1"
  echo "ASPNETCORE_ENVIRONMENT=Development"
  echo "ASPNETCORE_URLS=$(service_url "$svc")"
  # Tier-1 code as soon as a method has run 30 times, not after 100 ms without new JIT work: a consumer
  # started into a backlog keeps compiling new methods, so by default its hot path ran unoptimized for
  # most of the drain (the Dockerfile sets the same for k8s; docs/benchmarks.md has the numbers). A value
  # in the caller's environment wins, so the default can be measured against it
  # (`DOTNET_TC_CallCountingDelayMs=100 ./nocode restart targets notices`).
  echo "DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs:-0}"
  echo "Service__Name=$svc"
  if [[ "${DATABASE[$svc]}" != "-" ]]; then
    echo "ConnectionStrings__Database=$(pg_connection "${DATABASE[$svc]}")"
  fi
  reads "$svc" warehouse && echo "Warehouse__ConnectionString=$(warehouse_connection)"
  reads "$svc" redis && echo "Redis__Configuration=$(redis_address)"
  reads "$svc" nats && echo "Nats__Url=$(nats_url)"
  reads "$svc" identity && echo "Identity__PublicKeyPath=$JWT_PUBLIC_KEY"
  reads "$svc" signing && echo "Identity__PrivateKeyPath=$JWT_PRIVATE_KEY"
  reads "$svc" artifacts && echo "Artifacts__ArtifactDirectory=$ARTIFACTS"
  reads "$svc" externals && echo "Externals__BaseUrl=$(service_url externals)"
  if [[ "${KIND[$svc]}" == "subgraph" ]]; then
    # Locally one user sends thousands of mutations a minute on purpose (./nocode bench, the load
    # tests): the per-user limit stays on, with room for them. Production keeps 600 (appsettings, k8s).
    echo "MutationRateLimit__PerMinute=100000"
  fi
  return 0
}

gateway_env() {
  local svc
  echo "GATEWAY_HOST=127.0.0.1"
  echo "GATEWAY_PORT=${PORT[gateway]}"
  echo "SUPERGRAPH_PATH=$SUPERGRAPH"
  echo "CORS_ORIGINS=$(browser_url web),$(service_url web)"
  for svc in "${SERVICES[@]}"; do
    [[ "${KIND[$svc]}" == "subgraph" ]] && echo "${svc^^}_URL=$(service_url "$svc")/graphql"
  done
  return 0
}

web_env() {
  echo "HOST=127.0.0.1"
  echo "PORT=${PORT[web]}"
  echo "NOCODE_GATEWAY_URL=$(browser_url gateway)/graphql"
}

# What the tests need to find everything (exported by `./nocode test`). Only NOCODE_* names:
# .NET configuration keys (ConnectionStrings__*, Identity__*, ...) exported here would silently
# configure every host a test starts in-process (WebApplicationFactory).
# NOCODE_<SERVICE>_PORT also reaches the ./nocode the tests run (stop, start, kill), which takes
# it as its port override, so that ./nocode finds the same system.
test_env() {
  local svc db
  local -A database_done=()
  echo "NOCODE_ROOT=$ROOT"
  echo "NOCODE_GATEWAY_URL=$(service_url gateway)/graphql"
  echo "NOCODE_WEB_URL=$(service_url web)"
  for svc in "${SERVICES[@]}"; do echo "NOCODE_${svc^^}_PORT=${PORT[$svc]}"; done
  for svc in "${SERVICES[@]}"; do
    is_dotnet "$svc" || continue
    echo "NOCODE_${svc^^}_URL=$(service_url "$svc")"
    # NOCODE_<DATABASE>_DB, as the tests look it up (NocodeSystem.ConnectionString(database)).
    db="${DATABASE[$svc]}"
    if [[ "$db" != "-" && -z "${database_done[$db]:-}" ]]; then
      database_done[$db]=1
      echo "NOCODE_${db^^}_DB=$(pg_connection "$db")"
    fi
  done
  echo "NOCODE_${WAREHOUSE_DB^^}_DB=$(warehouse_connection)"
  echo "NOCODE_REDIS=$(redis_address)"
  echo "NOCODE_NATS_URL=$(nats_url)"
  echo "NOCODE_NATS_MONITOR_URL=$(nats_monitor_url)"
  echo "NOCODE_ARTIFACTS=$ARTIFACTS"
  echo "NOCODE_JWT_PUBLIC_KEY=$JWT_PUBLIC_KEY"
  echo "NOCODE_JWT_PRIVATE_KEY=$JWT_PRIVATE_KEY"
  # Test projects that make throw-away databases and streams of their own on the same servers.
  echo "NOCODE_TEST_POSTGRES=$(pg_connection postgres)"
  echo "NOCODE_TEST_PG=$(pg_connection messaging_tests)"
  echo "NOCODE_TEST_WAREHOUSE=$(pg_connection warehouse_tests)"
  echo "NOCODE_TEST_NATS=$(nats_url)"
}
