# syntax=docker/dockerfile:1.7
# Every NocodeAI image, from this one file at the repository root (the build context): pick the image's
# stage with --target and, for a .NET deployable, its project with --build-arg PROJECT. The table below
# is the one list of images (`# image: <name> <target> [<project>]`); k8s/README.md ("Images") builds
# them all from it, and tests/NocodeAI.Deployment.Tests checks it against the manifests.
#
#   docker buildx build --target service --build-arg PROJECT=NocodeAI.Models -t <registry>/nocode/models:<version> .
#
# image: access          service       NocodeAI.Access
# image: models          service       NocodeAI.Models
# image: targets         service       NocodeAI.Targets
# image: notices         service       NocodeAI.Notices
# image: externals       service       NocodeAI.Externals
# image: gateway         gateway       NocodeAI.Gateway
# image: training        ml-worker     NocodeAI.Training
# image: extraction      ml-worker     NocodeAI.Extraction
# image: warehouse-seed  tool          NocodeAI.WarehouseSeed
# image: web             web
# image: hive-gateway    hive-gateway
#
# Base images are pinned to a patch release; the release pipeline resolves each to its digest
# (k8s/README.md, "Images"). Docker cannot build on the development machine, so CI builds them.

# ---- .NET build (every .NET image) --------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS dotnet-build
ARG PROJECT
WORKDIR /src
# The whole source tree: a project may reference any building block, and others add references
# while this file stays the same. The NuGet cache mount keeps rebuilds fast anyway.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN test -n "$PROJECT" || { echo "pass --build-arg PROJECT=<project under src/> (see the table at the top)"; exit 1; }
RUN --mount=type=cache,id=nocode-nuget,target=/root/.nuget/packages \
    dotnet restore "src/$PROJECT/$PROJECT.csproj"
# The app host under one name, so every runtime stage below has the same ENTRYPOINT whatever the
# project (it runs the project's own .dll beside it).
RUN --mount=type=cache,id=nocode-nuget,target=/root/.nuget/packages \
    dotnet publish "src/$PROJECT/$PROJECT.csproj" -c Release --no-restore -o /app \
    && mv "/app/$PROJECT" /app/entrypoint

# ---- services (subgraphs, externals stand-in) ---------------------------------------------------
# Chiseled Ubuntu: no shell, no package manager, non-root (uid 1654 "app") by default; "extra"
# adds ICU and tzdata (the services run with culture support, InvariantGlobalization=false).
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble-chiseled-extra AS service
WORKDIR /app
# Owned by root and not writable by the app user: with readOnlyRootFilesystem the process can
# write nowhere but the /tmp emptyDir Kubernetes mounts.
COPY --from=dotnet-build /app ./
# 8080 serves the API; 9090 serves the same endpoints but only /metrics and /health/* are let
# through there (Istio AuthorizationPolicy), so Prometheus can scrape it without mesh identity.
# Workstation GC: one small heap per pod fits memory limits of a few hundred MiB. Tier-1 code as soon
# as a method has run 30 times: by default the runtime waits for 100 ms without new JIT work, which a
# pod started into a backlog never has, so its hot path ran unoptimized (docs/benchmarks.md).
ENV ASPNETCORE_URLS="http://+:8080;http://+:9090" \
    DOTNET_gcServer=0 \
    DOTNET_TC_CallCountingDelayMs=0
EXPOSE 8080 9090
USER 1654
# No HEALTHCHECK: there is no shell or curl in a chiseled image, and Kubernetes ignores it;
# the startup, readiness and liveness probes call /health/live and /health/ready instead.
ENTRYPOINT ["/app/entrypoint"]

# ---- Banana Cake Pop (npm) for the gateway's explorer ---------------------------------------------
FROM node:20.20.2-bookworm-slim AS explorer
WORKDIR /explorer
COPY src/NocodeAI.Gateway/Explorer/package.json src/NocodeAI.Gateway/Explorer/package-lock.json ./
RUN --mount=type=cache,id=nocode-npm,target=/root/.npm \
    npm ci --no-audit --no-fund --loglevel=error

# ---- the C# federation gateway ------------------------------------------------------------------
# A service that also carries the supergraph as `./nocode compose` wrote it (compose first); a
# ConfigMap mounted over this path replaces it without a new image. Server GC: the gateway is the
# hot path every request crosses and scales on CPU, so it trades memory for throughput.
FROM service AS gateway
COPY schema/supergraph.graphql /app/schema/supergraph.graphql
# Banana Cake Pop, served at GET /graphql/ to browsers (its ChilliCream licence file comes along).
COPY --from=explorer /explorer/node_modules/@chillicream/bananacakepop-graphql-ide /app/explorer
ENV Gateway__SupergraphPath=/app/schema/supergraph.graphql \
    Gateway__ExplorerPath=/app/explorer \
    DOTNET_gcServer=1

# ---- ML.NET workers (training, extraction) -------------------------------------------------------
# The full (non-chiseled) Ubuntu image: ML.NET's LightGBM native library needs libgomp (OpenMP),
# which chiseled images do not carry. Still non-root (uid 1654 "app").
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS ml-worker
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=dotnet-build /app ./
# Model artifacts live on the shared ReadWriteMany volume mounted here by Kubernetes.
# Workstation GC keeps the heap near what the job needs, well inside the pod's memory limit.
ENV ASPNETCORE_URLS="http://+:8080;http://+:9090" \
    Artifacts__ArtifactDirectory=/var/lib/nocode/artifacts \
    DOTNET_gcServer=0 \
    DOTNET_TC_CallCountingDelayMs=0
EXPOSE 8080 9090
USER 1654
# No HEALTHCHECK: Kubernetes ignores it; its probes call /health/live and /health/ready.
ENTRYPOINT ["/app/entrypoint"]

# ---- console tools (warehouse seed, dev only) ----------------------------------------------------
# No web host: the plain .NET runtime, chiseled, non-root.
FROM mcr.microsoft.com/dotnet/runtime:10.0.12-noble-chiseled-extra AS tool
WORKDIR /app
COPY --from=dotnet-build /app ./
USER 1654
ENTRYPOINT ["/app/entrypoint"]

# ---- web dashboard and explorer ------------------------------------------------------------------
# Locally `npm start` builds and serves with `vite preview`, which also proxies /graphql to the
# gateway. In Kubernetes the Istio ingress sends /graphql (WebSocket included) to the gateway on the
# same origin, so this image only has to serve the built files: nginx, non-root, no Node at runtime.
FROM node:20.20.2-bookworm-slim AS web-build
WORKDIR /app
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,id=nocode-npm,target=/root/.npm \
    npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# nginx as uid 101, listening on 8080, pid and temporary files under /tmp (an emptyDir in k8s).
FROM nginxinc/nginx-unprivileged:1.30.6-alpine AS web
COPY <<'NGINX' /etc/nginx/conf.d/default.conf
server {
    listen 8080;
    server_name _;
    root /usr/share/nginx/html;

    # Hashed build assets never change under the same name.
    location /assets/ {
        expires 1y;
        add_header Cache-Control "public, immutable";
        try_files $uri =404;
    }

    # Client-side routes (/login, /models/..., /explorer) all load the app.
    location / {
        add_header Cache-Control "no-cache";
        try_files $uri /index.html;
    }
}
NGINX
COPY --from=web-build /app/dist /usr/share/nginx/html
ENV NGINX_ENTRYPOINT_QUIET_LOGS=1
EXPOSE 8080
USER 101

# ---- GraphQL Hive Gateway (the differential tests' reference; not deployed) ----------------------
FROM node:20.20.2-bookworm-slim AS hive-deps
WORKDIR /app
COPY src/Gateway/package.json src/Gateway/package-lock.json ./
RUN --mount=type=cache,id=nocode-npm,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM node:20.20.2-bookworm-slim AS hive-gateway
ENV NODE_ENV=production \
    NO_COLOR=1 \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=4000 \
    SUPERGRAPH_PATH=/app/schema/supergraph.graphql
WORKDIR /app/gateway
# Owned by root, read-only for the "node" user the process runs as.
COPY --from=hive-deps /app/node_modules ./node_modules
COPY src/Gateway/package.json src/Gateway/gateway.config.ts ./
COPY src/Gateway/plugins ./plugins
COPY schema/supergraph.graphql /app/schema/supergraph.graphql
EXPOSE 4000
USER node
# No HEALTHCHECK: Kubernetes ignores it; its probes call /healthcheck (live) and /readiness.
ENTRYPOINT ["node", "node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph"]
