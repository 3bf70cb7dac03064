# syntax=docker/dockerfile:1
# One image for every IGNY8 service; docker-compose.yml picks the command per service:
#   system subgraph  node subgraphs/system/dist/server.js
#   gateway          node gateway/dist/server.js
#   all in one       node gateway/dist/all-in-one.js   (the default: PGlite in /app/.data)
# The bundles keep npm dependencies external (scripts/bundle.mjs), so the image carries the
# production node_modules; workspace packages are reached through their node_modules links
# (migrations in drizzle/migrations, the supergraph in schema/).

ARG NODE_IMAGE=node:20-bookworm-slim

# --- package manifests only: `npm ci` stays cached until a package.json or the lock changes ---
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -mindepth 1 -depth -type d -empty -delete

# --- install everything, build every workspace, then drop dev dependencies ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY --from=manifests /app/ ./
RUN npm ci
COPY . .
RUN npm run build
RUN npm prune --omit=dev \
 && rm -rf .turbo ./*/.turbo ./*/*/.turbo \
 && npm cache clean --force

# --- runtime ---
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# APOLLO_TELEMETRY_DISABLED: @apollo/gateway otherwise probes cloud metadata endpoints at start and
# sends anonymous usage metrics to apollographql.com.
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
COPY --from=build /app/ ./
# DATA_DIR (.data) is the only place a service writes: PGlite and generated keys (all-in-one).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000 4001
# Health checks live in docker-compose.yml: the URL differs per service.
CMD ["node", "gateway/dist/all-in-one.js"]
