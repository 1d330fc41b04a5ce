# Build stage: compile TypeScript and the native SQLite binding.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY server ./server
COPY storage ./storage
COPY crypto ./crypto
COPY policy ./policy
COPY test ./test
COPY conformance ./conformance
RUN npm ci && npm run build && npm prune --omit=dev --ignore-scripts

# Runtime stage: the compiled emulator, production dependencies, a non-root user.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    S3EMU_HOST=0.0.0.0 \
    S3EMU_PORT=9000 \
    S3EMU_TLS_PORT=9443 \
    S3EMU_DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/storage ./dist/storage
COPY --from=build /app/dist/crypto ./dist/crypto
COPY --from=build /app/dist/policy ./dist/policy
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9000 9443
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "require('http').get('http://127.0.0.1:'+(process.env.S3EMU_PORT||9000)+'/_emulator/health',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
CMD ["node", "dist/server/main.js"]
