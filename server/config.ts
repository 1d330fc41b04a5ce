import { readFileSync } from 'node:fs';

/**
 * The seed configuration (CONTRACT.md "Config file shape"). Later issues extend the same
 * shape (users, roles, buckets, VPC endpoints); unknown fields are kept, never rejected,
 * so a config written for a newer emulator still starts.
 */
export interface AccessKeyConfig {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly status?: 'Active' | 'Inactive';
}

export interface KmsKeyConfig {
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly policy?: unknown;
  readonly enabled?: boolean;
  readonly rotation?: boolean;
  readonly description?: string;
}

export interface BucketConfig {
  readonly name: string;
  readonly versioning?: boolean;
  readonly objectLock?: { readonly enabled?: boolean };
  readonly encryption?: { readonly SSEAlgorithm: string; readonly KMSMasterKeyID?: string; readonly BucketKeyEnabled?: boolean };
  readonly blockedEncryptionTypes?: readonly string[];
  readonly [more: string]: unknown;
}

export interface AccountConfig {
  readonly id: string;
  readonly root: AccessKeyConfig;
  readonly kmsKeys?: readonly KmsKeyConfig[];
  readonly buckets?: readonly BucketConfig[];
  readonly [more: string]: unknown;
}

export interface EmulatorConfig {
  readonly region: string;
  readonly accounts: readonly AccountConfig[];
  readonly enforcement?: Readonly<Record<string, 'enforce' | 'warn' | 'off'>>;
  readonly [more: string]: unknown;
}

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const DEFAULT_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export function defaultConfig(region = 'us-east-1'): EmulatorConfig {
  return {
    region,
    accounts: [{ id: DEFAULT_ACCOUNT_ID, root: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY } }],
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireString(obj: Record<string, unknown>, field: string, where: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v.length === 0) throw new ConfigError(`${where}.${field} must be a non-empty string`);
  return v;
}

function parseAccessKey(v: unknown, where: string): AccessKeyConfig {
  if (!isRecord(v)) throw new ConfigError(`${where} must be an object`);
  const status = v['status'];
  if (status !== undefined && status !== 'Active' && status !== 'Inactive') throw new ConfigError(`${where}.status must be Active or Inactive`);
  return {
    accessKeyId: requireString(v, 'accessKeyId', where),
    secretAccessKey: requireString(v, 'secretAccessKey', where),
    status: status === undefined ? undefined : status,
  };
}

function parseAccount(v: unknown, i: number): AccountConfig {
  const where = `accounts[${i}]`;
  if (!isRecord(v)) throw new ConfigError(`${where} must be an object`);
  const id = requireString(v, 'id', where);
  if (!/^\d{12}$/.test(id)) throw new ConfigError(`${where}.id must be 12 digits`);
  const root = parseAccessKey(v['root'], `${where}.root`);
  for (const list of ['kmsKeys', 'buckets', 'users', 'roles'] as const) {
    if (v[list] !== undefined && !Array.isArray(v[list])) throw new ConfigError(`${where}.${list} must be an array`);
  }
  return { ...v, id, root } as AccountConfig;
}

/** Validates a parsed JSON config, filling AWS's defaults. */
export function parseConfig(raw: unknown, fallbackRegion = 'us-east-1'): EmulatorConfig {
  if (!isRecord(raw)) throw new ConfigError('config must be a JSON object');
  const region = raw['region'] === undefined ? fallbackRegion : raw['region'];
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new ConfigError('region must look like us-east-1');
  const accountsRaw = raw['accounts'];
  const accounts = accountsRaw === undefined ? defaultConfig(region).accounts : accountsRaw;
  if (!Array.isArray(accounts) || accounts.length === 0) throw new ConfigError('accounts must be a non-empty array');
  const parsed = accounts.map((a: unknown, i: number) => parseAccount(a, i));
  const seen = new Set<string>();
  for (const a of parsed) {
    if (seen.has(a.root.accessKeyId)) throw new ConfigError(`access key ${a.root.accessKeyId} is used twice`);
    seen.add(a.root.accessKeyId);
  }
  return { ...raw, region, accounts: parsed } as EmulatorConfig;
}

export function loadConfigFile(path: string, fallbackRegion?: string): EmulatorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, fallbackRegion);
}
