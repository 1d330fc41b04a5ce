import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KmsCore } from '../crypto/kms/kms-core';
import { seedKeys } from '../crypto/kms/seed-keys';
import { ObjectCrypto } from '../crypto/object-crypto';
import { loadOrCreateRootKey } from '../crypto/root-key';
import { openBlobStore } from '../storage/blob-store';
import { openInlineBlobStore } from '../storage/inline-blob-store';
import { SqliteKmsKeyStore } from '../storage/kms-key-store';
import { openMetadataStore } from '../storage/sqlite-metadata-store';
import { AccountRegistry } from './accounts';
import { createApp } from './app';
import { EmulatedClock } from './clock';
import { defaultConfig, loadConfigFile, parseConfig, type EmulatorConfig } from './config';
import type { Deps } from './deps';
import type { ListenerPorts } from './emulator/endpoints';
import { createLogger, type Logger } from './log';
import { markExpectContinue, tagListener } from './middleware/state';
import type { ListenerInfo } from './request-facts';
import { seedBuckets } from './seed';
import { resetToSeed } from './emulator/reset';
import { loadOrCreateTls } from './tls';
import { VERSION } from './version';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** HTTP port; 0 picks a free one. Default 9000. */
  readonly port?: number;
  /** HTTPS port; 0 picks a free one, false turns HTTPS off. Default 9443, or 0 when port is 0. */
  readonly tlsPort?: number | false;
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Default ./.s3emu-data; ignored when ephemeral. */
  readonly dataDir?: string;
  /** Keep everything in a temp dir removed by stop(). */
  readonly ephemeral?: boolean;
  /** A parsed config object or the path of a JSON config file. */
  readonly config?: unknown;
  readonly region?: string;
  /** No per-request log lines. */
  readonly quiet?: boolean;
  /** fsync object files and their directory before committing (power-loss durability). */
  readonly durable?: boolean;
  readonly adminToken?: string;
  readonly trustForwarded?: boolean;
  readonly allowSsecOverHttp?: boolean;
  readonly logger?: Logger;
}

export interface Emulator {
  readonly endpoint: string;
  readonly httpsEndpoint?: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  readonly dataDir: string;
  readonly caFile?: string;
  readonly clock: EmulatedClock;
  stop(): Promise<void>;
}

function resolveConfig(opts: EmulatorOptions): EmulatorConfig {
  const region = opts.region ?? 'us-east-1';
  if (opts.config === undefined) return defaultConfig(region);
  if (typeof opts.config === 'string') return loadConfigFile(opts.config, region);
  return parseConfig(opts.config, region);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok((server.address() as AddressInfo).port);
    });
  });
}

/** In-flight requests get a grace period to finish; then remaining sockets are cut. */
const STOP_GRACE_MS = 10_000;

function closeServer(server: Server): Promise<void> {
  return new Promise((ok) => {
    const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      ok();
    });
    server.closeIdleConnections();
  });
}

/** Starts the emulator: opens storage, seeds the config, and listens on HTTP and HTTPS. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const config = resolveConfig(opts);
  const ephemeral = opts.ephemeral === true || opts.dataDir === ':memory:';
  const dataDir = ephemeral ? mkdtempSync(join(tmpdir(), 's3emu-')) : resolve(opts.dataDir ?? '.s3emu-data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Whatever was opened is closed again if start-up fails half way (a port in use, a bad config).
  const closers: Array<() => void | Promise<void>> = [];
  if (ephemeral) closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    return await boot(opts, config, dataDir, closers, closeAll);
  } catch (e) {
    await closeAll().catch(() => undefined);
    throw e;
  }
}

async function boot(opts: EmulatorOptions, config: EmulatorConfig, dataDir: string, closers: Array<() => void | Promise<void>>, closeAll: () => Promise<void>): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.logger ?? createLogger({ quiet: opts.quiet ?? false });
  const store = openMetadataStore(join(dataDir, 'metadata.db'), { durable: opts.durable ?? false });
  closers.push(() => store.close());
  const files = await openBlobStore(join(dataDir, 'objects'), { durable: opts.durable ?? false });
  const blobs = openInlineBlobStore(join(dataDir, 'small-objects.db'), files, { durable: opts.durable ?? false });
  closers.push(() => blobs.close());
  const swept = await blobs.sweep(store.allBlobIds());
  if (swept > 0) log.info('removed orphaned object files', { count: swept });
  const clock = new EmulatedClock();
  const accounts = new AccountRegistry(config);
  const rootKey = loadOrCreateRootKey(dataDir, process.env);
  const kmsStore = new SqliteKmsKeyStore(join(dataDir, 'kms.db'));
  closers.push(() => kmsStore.close());
  const now = () => clock.now();
  const kms = new KmsCore({ store: kmsStore, rootKey, clock: now, random: randomBytes });
  const objectCrypto = new ObjectCrypto({ rootKey, kms, clock: now, random: randomBytes });
  for (const account of config.accounts) {
    seedKeys(kms, account.id, config.region, account.kmsKeys ?? []);
  }
  const deps: Deps = {
    store, blobs, clock, accounts, log, kms, objectCrypto,
    settings: {
      region: config.region,
      domains: ['localhost'],
      allowSsecOverHttp: opts.allowSsecOverHttp ?? false,
      adminToken: opts.adminToken,
      trustForwarded: opts.trustForwarded ?? false,
      version: VERSION,
    },
  };
  seedBuckets(deps, config);

  const ports: ListenerPorts = { vpcEndpoints: {} };
  const app = createApp(deps, () => ports, clock.realNow(), () => resetToSeed(deps, config, kmsStore));
  const callback = app.callback();
  const handlerFor = (info: () => ListenerInfo) => (req: IncomingMessage, res: ServerResponse) => {
    tagListener(req, info());
    void callback(req, res);
  };
  const http = createHttpServer({ keepAliveTimeout: 65_000 }, handlerFor(() => ({ kind: 'http', port: ports.http ?? 0 })));
  http.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => { markExpectContinue(req); http.emit('request', req, res); });
  closers.push(() => closeServer(http));
  ports.http = await listen(http, opts.port ?? 9000, host);

  const tlsPort = opts.tlsPort ?? (opts.port === 0 ? 0 : 9443);
  if (tlsPort !== false) {
    const tls = await loadOrCreateTls(dataDir, opts.tlsCertFile && opts.tlsKeyFile ? { certFile: opts.tlsCertFile, keyFile: opts.tlsKeyFile } : undefined);
    const https = createHttpsServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2', keepAliveTimeout: 65_000 }, handlerFor(() => ({ kind: 'https', port: ports.https ?? 0 })));
    https.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => { markExpectContinue(req); https.emit('request', req, res); });
    closers.push(() => closeServer(https));
    ports.https = await listen(https, tlsPort, host);
    ports.caFile = tls.caFile;
  }

  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let stopped = false;
  return {
    endpoint: `http://${shownHost}:${ports.http}`,
    httpsEndpoint: ports.https !== undefined ? `https://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${ports.https}` : undefined,
    credentials: accounts.firstRootCredentials(),
    region: config.region,
    dataDir,
    caFile: ports.caFile,
    clock,
    async stop() {
      if (stopped) return;
      stopped = true;
      // In-flight requests finish; idle keep-alive sockets close; then SQLite closes cleanly.
      await closeAll();
    },
  };
}
