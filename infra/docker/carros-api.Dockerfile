# syntax=docker/dockerfile:1
# carros-api image (the car-dealership robot). Build from the repository root:
#   docker build -f infra/docker/carros-api.Dockerfile -t helix/carros-api .
# (or `docker compose build carros-api`).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: root package*.json plus every workspace's package.json (npm workspaces
# apps/* and libs/*), so `npm ci` sees the same workspace set as package-lock.json and its
# layer stays cached while only sources change.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /out \
 && cp package.json package-lock.json /out/ \
 && for f in apps/*/package.json libs/*/package.json; do \
      if [ -f "$f" ]; then mkdir -p "/out/$(dirname "$f")" && cp "$f" "/out/$f"; fi; \
    done

# --- build: full install (dev deps: nx, typescript, esbuild), typecheck + bundle.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY --from=manifests /out/ ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run carros-api:build --skip-nx-cache

# --- runtime: production dependencies only and the bundle. No SQL: tenant databases are
# created and migrated by the master, the robot only queries them.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/apps/carros-api ./dist/apps/carros-api
ENV NODE_OPTIONS=--enable-source-maps
# Photos uploaded by store staff (UPLOAD_DIR): a volume shared by every instance is mounted here.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/carros-api/main.js"]
