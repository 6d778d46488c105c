# syntax=docker/dockerfile:1
# Switchboard: one image with the API and both browser apps (the API serves them on one port).
#   docker build -t switchboard .
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://... -e JWT_SECRET=... \
#     -e FREESWITCH_HTTP_USER=freeswitch -e FREESWITCH_HTTP_PASSWORD=... switchboard
# See docker-compose.yml for a complete setup with PostgreSQL.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true

# The base image ships npm 10, which ignores package.json "allowScripts" and would run every dependency's install
# script. The project is developed and tested with npm 11, which honours that list.
ARG NPM_VERSION=11.19.1
RUN npm install -g "npm@${NPM_VERSION}" --no-audit --no-fund

# Dependencies first, so this layer stays cached until the manifests or the Prisma schema change. The postinstall
# hook (tools/scripts/prisma-generate.mjs) generates the Prisma client from prisma/schema.prisma.
# `npm ci`: exactly the lockfile, which holds every platform's optional builds (tools/lockfile/lockfile.spec.ts).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ prisma/
COPY tools/scripts/prisma-generate.mjs tools/scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

COPY . .
RUN npx nx run-many -t build --projects=api,agent-console,supervisor-dashboard --outputStyle=static

# webpack bundles our code and the generated Prisma client into dist/apps/api/main.js; only the npm packages it
# leaves external are needed at run time. --ignore-scripts: the postinstall hook needs the (dev) Prisma CLI.
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000

# Owned by root and read-only to the `node` user that runs the API.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
# DATA_DIR (default ./.data): only written to when DATABASE_URL or JWT_SECRET is unset, which production avoids.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, so it drains requests before exiting (SHUTDOWN_GRACE).
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]
