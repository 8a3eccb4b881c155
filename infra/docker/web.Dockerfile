# syntax=docker/dockerfile:1
# web image: the one origin browsers talk to (apps/web-server) with the SPA it serves (apps/web).
# Build from the repository root:
#   docker build -f infra/docker/web.Dockerfile -t helix/web .
# (or `docker compose build web`).
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

# --- build: full install (dev deps: nx, typescript, esbuild, vite), typecheck + bundle of the
# server, typecheck + production build of the SPA (dist/apps/web: hashed assets and index.html).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY --from=manifests /out/ ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run web-server:build --skip-nx-cache && npx nx run web:build --skip-nx-cache

# --- runtime: production dependencies only, the server bundle and the SPA's static files
# (WEB_DIST_DIR defaults to dist/apps/web, relative to /app).
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/apps/web-server ./dist/apps/web-server
COPY --from=build /app/dist/apps/web ./dist/apps/web
ENV NODE_OPTIONS=--enable-source-maps
USER node
EXPOSE 3003
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WEB_PORT || 3003) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/web-server/main.js"]
