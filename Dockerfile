# Smart Activity Management: one image for the API and the sync worker.
#   API:     docker run … IMAGE                      (node dist/server/main.js)
#   worker:  docker run … IMAGE node dist/server/worker.js
# Production dependencies only, no emulator, no embedded database, runs as the unprivileged
# "node" user. The add-in's manifest names ADDIN_PUBLIC_URL and ADDIN_CLIENT_ID, fixed at build:
#   docker build --build-arg ADDIN_PUBLIC_URL=https://sam.example.com --build-arg ADDIN_CLIENT_ID=<client id> .
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json webpack.config.js manifest.xml ./
COPY addin addin
COPY shared shared
COPY server server
COPY scripts scripts
ARG ADDIN_PUBLIC_URL=https://localhost
ARG ADDIN_CLIENT_ID=
RUN ADDIN_PUBLIC_URL="$ADDIN_PUBLIC_URL" ADDIN_CLIENT_ID="$ADDIN_CLIENT_ID" npm run build

# The Microsoft 365 emulator, for the compose file's `dev` profile only: never deployed.
FROM build AS emulator
COPY emulator emulator
ENV EMULATOR_HOST=0.0.0.0
EXPOSE 4000
CMD ["npx", "tsx", "emulator/cli.ts"]

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MANAGEMENT_PORT=9464 \
    TLS_CERT_FILE= \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
USER node
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/server/healthcheck.js"]
# SIGTERM lets the API finish requests and the worker hand its mailbox leases back.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
