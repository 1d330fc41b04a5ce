import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The emulator root key (32 bytes). Everything at rest is sealed under keys derived from it.
 * Order: env S3EMU_ROOT_KEY (64 hex chars or base64 of 32 bytes); else <dataDir>/root.key,
 * created once with mode 0600; else (dataDir null or ':memory:') a fresh ephemeral key.
 * This module is the edge that touches the disk, which is why it may use randomBytes.
 */
export const ROOT_KEY_FILE = 'root.key';

export function parseRootKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('root key must be 32 bytes, as 64 hex characters or base64');
  return key;
}

export function loadOrCreateRootKey(
  dataDir: string | null, env: Readonly<Record<string, string | undefined>>, random: (n: number) => Buffer = randomBytes,
): Buffer {
  const fromEnv = env.S3EMU_ROOT_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return parseRootKey(fromEnv);
  if (dataDir === null || dataDir === ':memory:') return random(32);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, ROOT_KEY_FILE);
  try {
    // 'wx' fails if the file exists, so two starting processes never both create a key.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, random(32).toString('base64') + '\n');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
  }
  return parseRootKey(readFileSync(file, 'utf8'));
}
