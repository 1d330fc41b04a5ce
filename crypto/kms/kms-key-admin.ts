import { defaultKeyPolicy, normalizePolicy } from './key-policy';
import { keyArn, uuidFrom } from './key-ref';
import { refreshKey, requireCustomerManaged, requireUsable, resolveKey } from './key-resolver';
import { KmsError, validationError } from './kms-error';
import { DAY_MS, type KmsContext } from './kms-context';
import { paginate } from './paginate';
import type { KeyMetadata, KmsCaller, KmsTag, StoredKey } from './types';

/** Key lifecycle, rotation, policies and tags: everything that changes a key record. */

export interface CreateKeyInput {
  readonly description?: string;
  readonly policy?: unknown;
  readonly tags?: readonly KmsTag[];
  readonly keyUsage?: string;
  readonly keySpec?: string;
  readonly origin?: string;
  readonly multiRegion?: boolean;
  /** Seeding only: a fixed key id (config `kmsKeys[].id`). */
  readonly keyId?: string;
}

export function metadataOf(key: StoredKey): KeyMetadata {
  return {
    AWSAccountId: key.accountId, KeyId: key.keyId, Arn: key.arn, CreationDate: key.createdAt,
    Enabled: key.state === 'Enabled', Description: key.description, KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.state,
    ...(key.state === 'PendingDeletion' ? { DeletionDate: key.deletionDate, PendingDeletionWindowInDays: key.pendingWindowInDays } : {}),
    Origin: 'AWS_KMS', KeyManager: key.keyManager, KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
  };
}

export function createKey(ctx: KmsContext, caller: KmsCaller, input: CreateKeyInput): StoredKey {
  const spec = input.keySpec ?? 'SYMMETRIC_DEFAULT';
  if (spec !== 'SYMMETRIC_DEFAULT') throw new KmsError('UnsupportedOperationException', `KeySpec ${spec} is not supported by this emulator.`);
  if ((input.keyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
    throw new KmsError('ValidationException', `KeyUsage ${input.keyUsage ?? ''} is not compatible with KeySpec SYMMETRIC_DEFAULT`);
  }
  if ((input.origin ?? 'AWS_KMS') !== 'AWS_KMS') throw new KmsError('UnsupportedOperationException', `Origin ${input.origin ?? ''} is not supported by this emulator.`);
  if (input.multiRegion) throw new KmsError('UnsupportedOperationException', 'Multi-Region keys are not supported by this emulator.');
  const description = input.description ?? '';
  if (description.length > 8192) throw validationError('description', description.slice(0, 32), 'Member must have length less than or equal to 8192');
  const tags = validateTags(input.tags ?? []);
  const policy = input.policy === undefined ? defaultKeyPolicy(caller.accountId) : normalizePolicy(input.policy);
  const now = ctx.clock();
  const keyId = input.keyId ?? uuidFrom(ctx.random);
  if (ctx.store.getKey(keyId)) throw new KmsError('AlreadyExistsException', `Key ${keyId} already exists`);
  const arn = keyArn(caller.region, caller.accountId, keyId);
  const key: StoredKey = {
    keyId, accountId: caller.accountId, region: caller.region, arn, createdAt: now, description,
    keyManager: 'CUSTOMER', state: 'Enabled', rotationEnabled: false, rotationPeriodInDays: 365,
    policy, tags, materials: [ctx.vault.create(arn, 1, now, 'INITIAL')],
  };
  ctx.store.putKey(key);
  return key;
}

export function listKeys(ctx: KmsContext, caller: KmsCaller, limit?: number, marker?: string): { keys: StoredKey[]; nextMarker?: string } {
  const live = ctx.store.listKeys(caller.accountId, caller.region)
    .map((k) => refreshKey(ctx, k))
    .filter((k): k is StoredKey => k !== undefined)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.keyId < b.keyId ? -1 : 1));
  const page = paginate(live, limit, marker);
  return { keys: page.items, nextMarker: page.nextMarker };
}

/** Resolve for a management call on a customer managed key, then write the changed record. */
function mutate(ctx: KmsContext, caller: KmsCaller, ref: string, action: string, change: (k: StoredKey) => StoredKey): StoredKey {
  const key = resolveKey(ctx, caller, ref, action);
  requireCustomerManaged(key, caller, action);
  const updated = change(key);
  ctx.store.putKey(updated);
  return updated;
}

function notPending(key: StoredKey): void {
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

export function setEnabled(ctx: KmsContext, caller: KmsCaller, ref: string, enabled: boolean): StoredKey {
  return mutate(ctx, caller, ref, enabled ? 'kms:EnableKey' : 'kms:DisableKey', (k) => {
    notPending(k);
    return { ...k, state: enabled ? 'Enabled' : 'Disabled' };
  });
}

export function scheduleDeletion(ctx: KmsContext, caller: KmsCaller, ref: string, days?: number): StoredKey {
  const window = days ?? 30;
  if (!Number.isInteger(window) || window < 7 || window > 30) {
    const bound = window < 7 ? 'greater than or equal to 7' : 'less than or equal to 30';
    throw validationError('pendingWindowInDays', String(days), `Member must have value ${bound}`);
  }
  return mutate(ctx, caller, ref, 'kms:ScheduleKeyDeletion', (k) => {
    notPending(k);
    const deletionDate = new Date(ctx.clock().getTime() + window * DAY_MS);
    return { ...k, state: 'PendingDeletion', deletionDate, pendingWindowInDays: window };
  });
}

export function cancelDeletion(ctx: KmsContext, caller: KmsCaller, ref: string): StoredKey {
  return mutate(ctx, caller, ref, 'kms:CancelKeyDeletion', (k) => {
    if (k.state !== 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${k.arn} is not pending deletion.`);
    // As on AWS, a key whose deletion is cancelled comes back Disabled.
    return { ...k, state: 'Disabled', deletionDate: undefined, pendingWindowInDays: undefined };
  });
}

export function setRotation(ctx: KmsContext, caller: KmsCaller, ref: string, enabled: boolean, periodDays?: number): StoredKey {
  const period = periodDays ?? 365;
  if (enabled && (!Number.isInteger(period) || period < 90 || period > 2560)) {
    throw validationError('rotationPeriodInDays', String(periodDays), 'Member must have value less than or equal to 2560 and greater than or equal to 90');
  }
  return mutate(ctx, caller, ref, enabled ? 'kms:EnableKeyRotation' : 'kms:DisableKeyRotation', (k) => {
    requireUsable(k);
    return enabled
      ? { ...k, rotationEnabled: true, rotationPeriodInDays: period, nextRotationDate: new Date(ctx.clock().getTime() + period * DAY_MS) }
      : { ...k, rotationEnabled: false, nextRotationDate: undefined };
  });
}

export function rotateOnDemand(ctx: KmsContext, caller: KmsCaller, ref: string): StoredKey {
  return mutate(ctx, caller, ref, 'kms:RotateKeyOnDemand', (k) => {
    requireUsable(k);
    if (k.materials.filter((m) => m.rotationType === 'ON_DEMAND').length >= 25) {
      throw new KmsError('LimitExceededException', `${k.arn} has reached the maximum number of on-demand rotations.`);
    }
    const version = Math.max(...k.materials.map((m) => m.version)) + 1;
    return { ...k, materials: [...k.materials, ctx.vault.create(k.arn, version, ctx.clock(), 'ON_DEMAND')] };
  });
}

export function putPolicy(ctx: KmsContext, caller: KmsCaller, ref: string, policyName: string | undefined, policy: unknown): void {
  requireDefaultPolicyName(policyName);
  const text = normalizePolicy(policy);
  mutate(ctx, caller, ref, 'kms:PutKeyPolicy', (k) => ({ ...k, policy: text }));
}

export function requireDefaultPolicyName(policyName: string | undefined): void {
  if (policyName !== undefined && policyName !== 'default') throw new KmsError('NotFoundException', 'No such policy exists');
}

function validateTags(tags: readonly KmsTag[]): KmsTag[] {
  const byKey = new Map<string, KmsTag>();
  for (const t of tags) {
    if (t.TagKey.length < 1 || t.TagKey.length > 128 || t.TagValue.length > 256) throw new KmsError('TagException', 'Invalid tag key or value length');
    if (t.TagKey.startsWith('aws:')) throw new KmsError('TagException', 'Tags beginning with aws: are reserved');
    byKey.set(t.TagKey, t);
  }
  if (byKey.size > 50) throw new KmsError('TagException', 'Too many tags');
  return [...byKey.values()];
}

export function tagKey(ctx: KmsContext, caller: KmsCaller, ref: string, tags: readonly KmsTag[]): void {
  mutate(ctx, caller, ref, 'kms:TagResource', (k) => {
    notPending(k);
    const merged = new Map(k.tags.map((t) => [t.TagKey, t] as const));
    for (const t of validateTags(tags)) merged.set(t.TagKey, t);
    return { ...k, tags: validateTags([...merged.values()]) };
  });
}

export function untagKey(ctx: KmsContext, caller: KmsCaller, ref: string, keys: readonly string[]): void {
  mutate(ctx, caller, ref, 'kms:UntagResource', (k) => {
    notPending(k);
    return { ...k, tags: k.tags.filter((t) => !keys.includes(t.TagKey)) };
  });
}
