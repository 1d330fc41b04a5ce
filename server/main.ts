#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from './config';
import { startEmulator, type EmulatorOptions } from './index';
import { VERSION } from './version';

const USAGE = `s3emu ${VERSION}: a local S3 that enforces S3's security behaviour

Usage: s3emu [options]
  --host HOST         listen address (S3EMU_HOST, default 127.0.0.1)
  --port PORT         HTTP port (S3EMU_PORT, default 9000)
  --tls-port PORT     HTTPS port, 0 turns HTTPS off (S3EMU_TLS_PORT, default 9443)
  --data-dir DIR      state directory (S3EMU_DATA_DIR, default ./.s3emu-data)
  --ephemeral         keep everything in a temp dir removed on exit
  --config FILE       JSON seed config (S3EMU_CONFIG)
  --region REGION     (S3EMU_REGION, default us-east-1)
  --fsync             fsync every object before committing it (S3EMU_FSYNC=1)
  --quiet             no per-request log lines
  --help, --version`;

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new ConfigError(`${name} must be a port number`);
  return Number(value);
}

function options(): EmulatorOptions | undefined {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' }, port: { type: 'string' }, 'tls-port': { type: 'string' },
      'data-dir': { type: 'string' }, ephemeral: { type: 'boolean' }, config: { type: 'string' },
      region: { type: 'string' }, fsync: { type: 'boolean' }, quiet: { type: 'boolean' },
      help: { type: 'boolean' }, version: { type: 'boolean' },
    },
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); return undefined; }
  if (values.version) { process.stdout.write(`${VERSION}\n`); return undefined; }
  const env = process.env;
  const tlsPort = intOption(values['tls-port'] ?? env['S3EMU_TLS_PORT'], 'tls-port');
  const dataDir = values['data-dir'] ?? env['S3EMU_DATA_DIR'];
  return {
    host: values.host ?? env['S3EMU_HOST'] ?? '127.0.0.1',
    port: intOption(values.port ?? env['S3EMU_PORT'], 'port') ?? 9000,
    tlsPort: tlsPort === 0 ? false : tlsPort ?? 9443,
    tlsCertFile: env['S3EMU_TLS_CERT'],
    tlsKeyFile: env['S3EMU_TLS_KEY'],
    dataDir,
    ephemeral: values.ephemeral === true || dataDir === ':memory:',
    config: values.config ?? env['S3EMU_CONFIG'],
    region: values.region ?? env['S3EMU_REGION'],
    durable: values.fsync === true || env['S3EMU_FSYNC'] === '1',
    quiet: values.quiet === true,
    adminToken: env['S3EMU_ADMIN_TOKEN'],
    trustForwarded: env['S3EMU_TRUST_FORWARDED'] === '1',
    allowSsecOverHttp: env['S3EMU_ALLOW_SSEC_OVER_HTTP'] === '1',
  };
}

async function main(): Promise<void> {
  const opts = options();
  if (!opts) return;
  const emu = await startEmulator(opts);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`s3emu ${VERSION} listening`);
  out(`  S3/KMS endpoint:  ${emu.endpoint}`);
  if (emu.httpsEndpoint) out(`  HTTPS endpoint:   ${emu.httpsEndpoint}`);
  if (emu.caFile) out(`CA certificate: ${emu.caFile}`);
  out(`  region:           ${emu.region}`);
  out(`  access key:       ${emu.credentials.accessKeyId}`);
  // The default pair is AWS's documented example, not a secret; configured secrets are never printed.
  if (opts.config === undefined) out(`  secret key:       ${emu.credentials.secretAccessKey}`);
  out(`  data dir:         ${emu.dataDir}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: finishing in-flight requests`);
    emu.stop().then(() => process.exit(0), (e: unknown) => { process.stderr.write(`stop failed: ${String(e)}\n`); process.exit(1); });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError ? `config error: ${e.message}` : String(e instanceof Error ? e.stack : e);
  process.stderr.write(`s3emu: ${message}\n`);
  process.exit(1);
});
