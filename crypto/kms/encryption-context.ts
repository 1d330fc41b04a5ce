import { KmsError } from './kms-error';

export type EncryptionContext = Readonly<Record<string, string>>;

/** Narrow an EncryptionContext parameter: a flat map of strings, or absent. */
export function toEncryptionContext(value: unknown): EncryptionContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KmsError('ValidationException', 'EncryptionContext must be a map of string to string');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new KmsError('ValidationException', 'EncryptionContext values must be strings');
    out[k] = v;
  }
  return out;
}

/**
 * Canonical form bound as AAD: JSON of the pairs sorted by key (code-unit order), so the
 * same context in any order authenticates and any change in a key or value does not.
 */
export function canonicalContext(ctx: EncryptionContext): string {
  const keys = Object.keys(ctx).sort();
  return JSON.stringify(keys.map((k) => [k, ctx[k]]));
}
