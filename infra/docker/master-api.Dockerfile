# syntax=docker/dockerfile:1
# master-api image. Build from the repository root:
#   docker build -f infra/docker/master-api.Dockerfile -t helix/master-api .
# (or `docker compose build master-api`).
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
# The helix CLI ships in the same image: it reads the master's environment (docker compose exec master-api helix …).
RUN npx nx run master-api:build --skip-nx-cache && npx nx run cli:build --skip-nx-cache

# --- runtime: production dependencies only, the bundle and the SQL it reads from INFRA_DIR.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/apps/master-api ./dist/apps/master-api
COPY --from=build /app/dist/apps/cli ./dist/apps/cli
RUN printf '#!/bin/sh\nexec node /app/dist/apps/cli/main.js "$@"\n' > /usr/local/bin/helix && chmod +x /usr/local/bin/helix
COPY infra/master ./infra/master
COPY infra/tenant ./infra/tenant
ENV NODE_OPTIONS=--enable-source-maps
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.MASTER_PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/master-api/main.js"]
