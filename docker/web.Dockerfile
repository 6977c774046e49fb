# syntax=docker/dockerfile:1
# The Promoto Messages web app, served by nginx (stable, unprivileged: user 101, port 8080), which
# also proxies /api and /socket.io to the API.
#   docker build -f docker/web.Dockerfile -t promoto/web .

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx build web --configuration=production

FROM nginxinc/nginx-unprivileged:1.30.3-alpine AS runtime
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /workspace/dist/apps/web/browser /usr/share/nginx/html
# The image's own unprivileged user, stated so that nothing can run this stage as root by accident.
USER 101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
