import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** The file clients trust (NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE). */
  readonly caFile: string;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * A local CA and a server certificate for localhost, 127.0.0.1 and *.localhost (so
 * virtual-hosted-style bucket.localhost verifies), made once and kept in the data dir.
 * Private keys are written 0600.
 */
export async function loadOrCreateTls(dir: string, given?: { certFile: string; keyFile: string }): Promise<TlsMaterial> {
  if (given) {
    return { cert: readFileSync(given.certFile, 'utf8'), key: readFileSync(given.keyFile, 'utf8'), caFile: given.certFile };
  }
  const tlsDir = join(dir, 'tls');
  const caFile = join(tlsDir, 'ca.pem');
  const certFile = join(tlsDir, 'server.pem');
  const keyFile = join(tlsDir, 'server-key.pem');
  if (existsSync(caFile) && existsSync(certFile) && existsSync(keyFile)) {
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), caFile };
  }
  mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const notAfterDate = new Date(now.getTime() + TEN_YEARS_MS);
  const ca = await generate([{ name: 'commonName', value: 's3-security-emulator local CA' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: now, notAfterDate,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: now, notAfterDate: new Date(now.getTime() + TEN_YEARS_MS / 10),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: '*.localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  writeFileSync(join(tlsDir, 'ca-key.pem'), ca.private, { mode: 0o600 });
  writeFileSync(keyFile, server.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(caFile, ca.cert);
  const chain = [server.cert, ca.cert].map((pem) => `${pem.trim()}\n`).join('');
  writeFileSync(certFile, chain);
  return { cert: chain, key: server.private, caFile };
}
