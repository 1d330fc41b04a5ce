import { KmsError } from './kms-error';
import type { KmsCaller } from './types';

/** A KeyId parameter as AWS accepts it: key id, key ARN, alias name or alias ARN. */
export type KeyRef =
  | { readonly kind: 'id'; readonly keyId: string }
  | { readonly kind: 'keyArn'; readonly accountId: string; readonly region: string; readonly keyId: string }
  | { readonly kind: 'alias'; readonly aliasName: string }
  | { readonly kind: 'aliasArn'; readonly accountId: string; readonly region: string; readonly aliasName: string };

const ARN_RE = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key\/[A-Za-z0-9_-]+|alias\/[A-Za-z0-9:/_-]+)$/;

export function parseKeyRef(raw: string): KeyRef {
  if (raw.length === 0 || raw.length > 2048) throw new KmsError('ValidationException', 'KeyId is an invalid length');
  if (raw.startsWith('arn:')) {
    const m = ARN_RE.exec(raw);
    if (!m) throw new KmsError('NotFoundException', `Invalid arn ${raw}`);
    const [, region, accountId, rest] = m;
    return rest.startsWith('key/')
      ? { kind: 'keyArn', accountId, region, keyId: rest.slice(4) }
      : { kind: 'aliasArn', accountId, region, aliasName: rest };
  }
  if (raw.startsWith('alias/')) return { kind: 'alias', aliasName: raw };
  return { kind: 'id', keyId: raw };
}

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** AWS's NotFound message differs between a well-formed id that is absent and a malformed one. */
export function keyNotFound(ref: KeyRef, caller: KmsCaller): KmsError {
  switch (ref.kind) {
    case 'id':
      return UUID_RE.test(ref.keyId)
        ? new KmsError('NotFoundException', `Key '${keyArn(caller.region, caller.accountId, ref.keyId)}' does not exist`)
        : new KmsError('NotFoundException', `Invalid keyId '${ref.keyId}'`);
    case 'keyArn':
      return new KmsError('NotFoundException', `Key '${keyArn(ref.region, ref.accountId, ref.keyId)}' does not exist`);
    case 'alias':
      return new KmsError('NotFoundException', `Alias ${aliasArn(caller.region, caller.accountId, ref.aliasName)} is not found.`);
    case 'aliasArn':
      return new KmsError('NotFoundException', `Alias ${aliasArn(ref.region, ref.accountId, ref.aliasName)} is not found.`);
  }
}

/** RFC 4122 version 4 UUID from injected randomness (key ids are UUIDs, as on AWS). */
export function uuidFrom(random: (n: number) => Buffer): string {
  const b = Buffer.from(random(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
