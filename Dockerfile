# One image runs any of the five apps: pick it with APP (gateway, intents, conflicts, scheduling,
# notifications). Migrations are not run on start; run dist/apps/<app>/src/migrate.js as its own step.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The services' V8 heap limits, APP_NODE_OPTIONS of libs/platform/src/app-heap.ts (a test keeps the two
# equal); the gateway's own (appNodeOptions) come from its Kubernetes manifest or compose service.
ENV NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=16"
COPY --from=build /app/dist ./dist
COPY scripts ./scripts
USER node
ENV APP=gateway
EXPOSE 3000 3001 3002 3003 3004
# exec replaces the shell, so SIGTERM reaches Node directly and the app can drain before it exits.
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
