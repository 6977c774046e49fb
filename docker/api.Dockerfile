# syntax=docker/dockerfile:1
# The Promoto Messages API. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t promoto/api .
# Node.js 24 LTS, the version tools/node-lts pins and the API's tests run the build on.

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The webpack build writes main.js plus a package.json and lockfile holding only what it imports.
RUN NODE_ENV=production npx nx build api

FROM node:24.22.3-bookworm-slim AS runtime
# tini as PID 1 forwards signals and reaps children; the API also handles SIGTERM itself.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# glibc maps blocks over 128 KiB on their own (and unmaps them when freed) instead of keeping them
# in its arenas, so that the image library's buffers go back to the system once an upload is done
# (measured: +130 MiB kept after four 49 MP PNGs without it, nothing kept with it).
ENV MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /workspace/dist/apps/api/package.json /workspace/dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /workspace/dist/apps/api/main.js /workspace/dist/apps/api/admin-cli.js ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "main.js"]
