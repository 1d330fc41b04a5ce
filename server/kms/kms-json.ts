import { KmsError } from '../../crypto/kms/kms-error';
import { toEncryptionContext, type EncryptionContext } from '../../crypto/kms/encryption-context';
import type { KmsTag } from '../../crypto/kms/types';

/** Narrowing of JSON 1.1 request members, with AWS's validation messages. */
export type JsonBody = Readonly<Record<string, unknown>>;

export function asBody(body: unknown): JsonBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new KmsError('ValidationException', 'Request body must be a JSON object');
  return body as JsonBody;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function notNull(name: string): KmsError {
  return new KmsError('ValidationException',
    `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
}

export function optStr(b: JsonBody, name: string): string | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new KmsError('ValidationException', `${name} must be a string`);
  return v;
}

export function str(b: JsonBody, name: string): string {
  const v = optStr(b, name);
  if (v === undefined) throw notNull(name);
  return v;
}

export function optInt(b: JsonBody, name: string): number | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new KmsError('ValidationException', `${name} must be an integer`);
  return v;
}

export function optBool(b: JsonBody, name: string): boolean | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new KmsError('ValidationException', `${name} must be a boolean`);
  return v;
}

/** Blobs travel base64 in JSON 1.1. */
export function blob(b: JsonBody, name: string): Buffer {
  const v = str(b, name);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw new KmsError('ValidationException', `${name} is not valid base64`);
  return Buffer.from(v, 'base64');
}

export function context(b: JsonBody, name: string): EncryptionContext {
  return toEncryptionContext(b[name]);
}

export function tags(b: JsonBody, name: string): KmsTag[] {
  const v = b[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KmsError('ValidationException', `${name} must be a list`);
  return v.map((t: unknown) => {
    if (typeof t !== 'object' || t === null) throw new KmsError('ValidationException', 'Tag must be an object');
    const k: unknown = (t as Record<string, unknown>).TagKey;
    const val: unknown = (t as Record<string, unknown>).TagValue;
    if (typeof k !== 'string' || typeof val !== 'string') throw new KmsError('ValidationException', 'Tag must have TagKey and TagValue strings');
    return { TagKey: k, TagValue: val };
  });
}

export function strList(b: JsonBody, name: string): string[] {
  const v = b[name];
  if (v === undefined || v === null) throw notNull(name);
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw new KmsError('ValidationException', `${name} must be a list of strings`);
  return v;
}

/** JSON 1.1 timestamps are epoch seconds; the SDK parses numbers. */
export function epoch(d: Date | undefined): number | undefined {
  return d === undefined ? undefined : d.getTime() / 1000;
}

/** Dates to epoch seconds, Buffers to base64, undefined dropped: the response body. */
export function toJson(value: unknown): unknown {
  if (value instanceof Date) return epoch(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return value;
}
