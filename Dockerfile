# navigator-support: one image for every role (ROLE=all|receiver|worker) and for the one-shot
# `migrate` command. Three stages; only the last one ships (README: "The Docker image").

# 1. deps: every dependency, exactly as locked; the postinstall generates the Prisma client
#    into core/db/generated (offline: Prisma 7 needs no engine binary).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# 2. build: TypeScript -> dist/ (tsc with source maps; the generated client is compiled too).
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY app ./app
COPY core ./core
COPY bots ./bots
COPY web ./web
RUN npm run build

# 3. runtime: production dependencies only (no tsx, no TypeScript, no Prisma CLI), the
#    compiled code and the files it reads (migrations, seed data, texts, calendars).
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall needs the Prisma CLI, a dev dependency; its output is
# already compiled into dist/.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY prisma/seed ./prisma/seed
COPY locales ./locales
COPY core/sla/calendars ./core/sla/calendars
COPY web/assets ./web/assets
# So `npm run db:migrate | faq | report` work in the container too (their pre-step checks dist/).
COPY scripts/ensure-build.mjs ./scripts/
# The image's own unprivileged user: the service needs no root and writes no files.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Plain node as PID 1 receives SIGTERM itself and stops cleanly (npm would not pass it on).
CMD ["node", "--enable-source-maps", "dist/app/main.js", "start"]
