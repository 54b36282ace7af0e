# shellcheck shell=bash
# Sourced by ./nocode. Where things live, the service table and what it says about each service.

STATE="$ROOT/.nocode"
LOGS="$STATE/logs"
RUN="$STATE/run"
KEYS="$STATE/keys"
JWT_PRIVATE_KEY="$KEYS/jwt-private.pem"
JWT_PUBLIC_KEY="$KEYS/jwt-public.pem"
ARTIFACTS="$STATE/artifacts"
SOLUTION="$ROOT/NocodeAI.sln"
SUPERGRAPH="$ROOT/schema/supergraph.graphql"
TFM="net10.0"
CONFIGURATION="Release"

# ---------------------------------------------------------------------------------------------
# The services, in start order: the one place their ports, databases and shared settings are
# written. Everything ./nocode gives a process is derived from this table (environment.sh:
# service_env, gateway_env, web_env, test_env), as are the databases it creates, the URLs it
# prints and probes, `status` and `help`. appsettings.Development.json (for a service run on its
# own, without ./nocode) and k8s/ (in-cluster addresses and Secrets) configure the same keys for
# other ways of running; ./nocode does not copy them, it passes only what depends on where this
# checkout runs and nothing a service does not read. Adding a service is one line here.
#   kind      infra: a server this script runs; subgraph: .NET GraphQL subgraph (own database,
#             SDL exported by `compose`); dotnet: other .NET host (worker, stand-in);
#             gateway: src/NocodeAI.Gateway (.NET; src/Gateway holds composition and Hive
#             Gateway, the tests' oracle), its environment names every subgraph; web: web/ (npm,
#             `npm run start` honouring PORT/HOST), its environment names the gateway
#   port      overridable with NOCODE_<NAME>_PORT, e.g. NOCODE_MODELS_PORT=6102, or all at once with
#             NOCODE_PORT_OFFSET=N (every default + N): a second checkout runs its own system beside
#             the first, since all other state lives under its own .nocode/. The one port not here
#             is NATS's monitoring port (NATS_MONITOR_PORT below), a second port of `nats`.
#   database  the PostgreSQL database the service owns (ConnectionStrings__Database), or -
#             (extraction: the targets context's worker, it writes target_members there)
#   reads     the shared settings the service's code reads, and so the only ones service_env
#             passes it (comma-separated, - for none); what reads each one:
#               redis      Redis__Configuration         AddRealtime (subscriptions, sign-in throttle)
#               nats       Nats__Url                    AddNocodeMessaging
#               identity   Identity__PublicKeyPath      AddNocodeIdentity (verifies tokens)
#               signing    Identity__PrivateKeyPath     access's token issuer
#               warehouse  Warehouse__ConnectionString  AddWarehouse (also through AddModeling)
#               artifacts  Artifacts__ArtifactDirectory AddModeling (the model zips)
#               externals  Externals__BaseUrl           the SwingChat and MIDAS clients' default
#                                                       base URL: the `externals` stand-ins
# A service whose project does not exist yet is skipped.
SERVICE_TABLE='
# name       kind       project                     port   database  reads
postgres     infra      -                           15432  -         -
redis        infra      -                           16379  -         -
nats         infra      -                           14222  -         -
externals    dotnet     src/NocodeAI.Externals      5120   -         -
access       subgraph   src/NocodeAI.Access         5101   access    redis,identity,signing
models       subgraph   src/NocodeAI.Models         5102   models    redis,nats,identity,warehouse
targets      subgraph   src/NocodeAI.Targets        5103   targets   redis,nats,identity
notices      subgraph   src/NocodeAI.Notices        5104   notices   redis,nats,identity,externals
training     dotnet     src/NocodeAI.Training       5111   -         nats,warehouse,artifacts
extraction   dotnet     src/NocodeAI.Extraction     5112   targets   nats,warehouse,artifacts,externals
gateway      gateway    src/NocodeAI.Gateway        4000   -         -
web          web        web                         8080   -         -
'
WAREHOUSE_DB="warehouse"
HIVE_GATEWAY_DIR="src/Gateway"
WAREHOUSE_SEED_PROJECT="src/NocodeAI.WarehouseSeed"
WAREHOUSE_ROWS="${NOCODE_WAREHOUSE_ROWS:-100000}"
PORT_OFFSET="${NOCODE_PORT_OFFSET:-0}"
[[ "$PORT_OFFSET" =~ ^[0-9]+$ ]] || { echo "nocode: NOCODE_PORT_OFFSET must be a number" >&2; exit 2; }
NATS_MONITOR_PORT="${NOCODE_NATS_MONITOR_PORT:-$((18222 + PORT_OFFSET))}"
PG_USER="nocode"
PG_PASSWORD="nocode"
START_TIMEOUT="${NOCODE_START_TIMEOUT:-240}"
STOP_TIMEOUT="${NOCODE_STOP_TIMEOUT:-20}"
DEV_LOGINS="admin/nocode-admin  approver/nocode-approver  analyst/nocode-analyst  analyst2/nocode-analyst2"
APT_PACKAGES_NOTE="postgresql redis-server nats-server openssl curl jq"

declare -a SERVICES=()
declare -A KIND=() PROJECT=() PORT=() DATABASE=() READS=()
while read -r name kind project port database reads; do
  [[ -z "${name:-}" || "$name" == \#* ]] && continue
  SERVICES+=("$name")
  KIND[$name]="$kind"
  PROJECT[$name]="$project"
  port_var="NOCODE_${name^^}_PORT"
  PORT[$name]="${!port_var:-$((port + PORT_OFFSET))}"
  DATABASE[$name]="$database"
  READS[$name]=",$reads,"
done <<< "$SERVICE_TABLE"
unset name kind project port database reads port_var

# ---------------------------------------------------------------------------------------------
# Services: what exists and where it is built
is_service() { [[ -n "${KIND[$1]:-}" ]]; }

require_service() {
  is_service "$1" || die "unknown service '$1' (known: ${SERVICES[*]})"
}

is_dotnet() { [[ "${KIND[$1]}" == "subgraph" || "${KIND[$1]}" == "dotnet" ]]; }

reads() { [[ "${READS[$1]}" == *",$2,"* ]]; } # service setting: the table's reads column names it

# A .NET project counts once NocodeAI.sln lists it: a project still being written is left alone.
dotnet_project_in_solution() { # project dir (relative)
  local name
  name="$(basename "$1")"
  [[ -f "$ROOT/$1/$name.csproj" && -f "$SOLUTION" ]] && grep -qF "$name.csproj" "$SOLUTION"
}

project_exists() {
  local svc="$1" dir="$ROOT/${PROJECT[$1]}"
  case "${KIND[$svc]}" in
    infra) return 0 ;;
    subgraph | dotnet) dotnet_project_in_solution "${PROJECT[$svc]}" ;;
    gateway) dotnet_project_in_solution "${PROJECT[$svc]}" ;;
    web) [[ -f "$dir/package.json" ]] ;;
  esac
}

dotnet_dll() { # project dir (relative) -> path of its build output
  local dir="$ROOT/$1" name
  name="$(basename "$1")"
  echo "$dir/bin/$CONFIGURATION/$TFM/$name.dll"
}
