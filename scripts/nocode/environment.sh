# shellcheck shell=bash
# Sourced by ./nocode. The environment each process gets: the .NET services, the gateway, the web
# app and the tests.

# The environment of every .NET service. appsettings.Development.json and k8s/ mirror these keys.
pg_connection() { # database
  echo "Host=127.0.0.1;Port=${PORT[postgres]};Database=$1;Username=$PG_USER;Password=$PG_PASSWORD"
}

service_env() { # service -> KEY=VALUE lines
  local svc="$1"
  echo "ASPNETCORE_ENVIRONMENT=Development"
  echo "ASPNETCORE_URLS=http://127.0.0.1:${PORT[$svc]}"
  echo "Service__Name=$svc"
  if [[ "${DATABASE[$svc]}" != "-" ]]; then
    echo "ConnectionStrings__Database=$(pg_connection "${DATABASE[$svc]}")"
  fi
  echo "ConnectionStrings__Warehouse=$(pg_connection "$WAREHOUSE_DB")"
  echo "Warehouse__ConnectionString=$(pg_connection "$WAREHOUSE_DB")"
  echo "Redis__Configuration=127.0.0.1:${PORT[redis]}"
  echo "Nats__Url=nats://127.0.0.1:${PORT[nats]}"
  echo "Identity__PublicKeyPath=$KEYS/jwt-public.pem"
  if [[ "$svc" == "access" ]]; then
    echo "Identity__PrivateKeyPath=$KEYS/jwt-private.pem"
  fi
  echo "Artifacts__ArtifactDirectory=$ARTIFACTS"
  echo "Externals__BaseUrl=http://127.0.0.1:${PORT[externals]}"
}

gateway_env() {
  local svc
  echo "NO_COLOR=1"
  echo "GATEWAY_HOST=127.0.0.1"
  echo "GATEWAY_PORT=${PORT[gateway]}"
  echo "SUPERGRAPH_PATH=$ROOT/schema/supergraph.graphql"
  echo "CORS_ORIGINS=http://localhost:${PORT[web]},http://127.0.0.1:${PORT[web]}"
  for svc in "${SERVICES[@]}"; do
    [[ "${KIND[$svc]}" == "subgraph" ]] && echo "${svc^^}_URL=http://127.0.0.1:${PORT[$svc]}/graphql"
  done
  return 0
}

web_env() {
  echo "HOST=127.0.0.1"
  echo "PORT=${PORT[web]}"
  echo "NOCODE_GATEWAY_URL=http://localhost:${PORT[gateway]}/graphql"
}

# What the tests need to find everything (exported by `./nocode test`). Only NOCODE_* names:
# .NET configuration keys (ConnectionStrings__*, Identity__*, ...) exported here would silently
# configure every host a test starts in-process (WebApplicationFactory).
test_env() {
  local svc
  echo "NOCODE_ROOT=$ROOT"
  echo "NOCODE_CLI=$ROOT/nocode"
  echo "NOCODE_GATEWAY_URL=http://127.0.0.1:${PORT[gateway]}/graphql"
  echo "NOCODE_WEB_URL=http://127.0.0.1:${PORT[web]}"
  for svc in "${SERVICES[@]}"; do echo "NOCODE_${svc^^}_PORT=${PORT[$svc]}"; done
  for svc in "${SERVICES[@]}"; do
    [[ "${KIND[$svc]}" == "subgraph" || "${KIND[$svc]}" == "dotnet" ]] || continue
    echo "NOCODE_${svc^^}_URL=http://127.0.0.1:${PORT[$svc]}"
    [[ "${DATABASE[$svc]}" != "-" ]] && echo "NOCODE_${svc^^}_DB=$(pg_connection "${DATABASE[$svc]}")"
  done
  echo "NOCODE_WAREHOUSE_DB=$(pg_connection "$WAREHOUSE_DB")"
  echo "NOCODE_REDIS=127.0.0.1:${PORT[redis]}"
  echo "NOCODE_NATS_URL=nats://127.0.0.1:${PORT[nats]}"
  echo "NOCODE_NATS_MONITOR_URL=http://127.0.0.1:$NATS_MONITOR_PORT"
  echo "NOCODE_ARTIFACTS=$ARTIFACTS"
  echo "NOCODE_JWT_PUBLIC_KEY=$KEYS/jwt-public.pem"
  echo "NOCODE_JWT_PRIVATE_KEY=$KEYS/jwt-private.pem"
  # Test projects that make throw-away databases and streams of their own on the same servers.
  echo "NOCODE_TEST_POSTGRES=$(pg_connection postgres)"
  echo "NOCODE_TEST_PG=$(pg_connection messaging_tests)"
  echo "NOCODE_TEST_WAREHOUSE=$(pg_connection warehouse_tests)"
  echo "NOCODE_TEST_NATS=nats://127.0.0.1:${PORT[nats]}"
}
