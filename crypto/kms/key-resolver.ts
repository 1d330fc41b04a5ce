import { awsManagedKeyPolicy } from './key-policy';
import { keyArn, keyNotFound, parseKeyRef, uuidFrom } from './key-ref';
import { KmsError } from './kms-error';
import { DAY_MS, type KmsContext } from './kms-context';
import type { KmsCaller, StoredKey } from './types';

/** Predefined AWS managed key aliases: resolving one that does not exist yet creates it (as AWS does). */
const AWS_MANAGED_SERVICES = new Set(['s3', 'ebs', 'rds', 'lambda', 'sns', 'sqs', 'ssm', 'secretsmanager', 'dynamodb', 'kinesis', 'logs']);

/** Resolve a KeyId parameter to a live key the caller may use for `action`. */
export function resolveKey(ctx: KmsContext, caller: KmsCaller, raw: string, action: string): StoredKey {
  const ref = parseKeyRef(raw);
  let keyId: string;
  let explicitAccount = false;
  switch (ref.kind) {
    case 'id':
      keyId = ref.keyId;
      break;
    case 'keyArn':
      if (ref.region !== caller.region) throw keyNotFound(ref, caller);
      keyId = ref.keyId;
      explicitAccount = true;
      break;
    case 'alias':
    case 'aliasArn': {
      const account = ref.kind === 'aliasArn' ? ref.accountId : caller.accountId;
      const region = ref.kind === 'aliasArn' ? ref.region : caller.region;
      if (region !== caller.region) throw keyNotFound(ref, caller);
      const alias = ctx.store.getAlias(account, region, ref.aliasName);
      if (alias) keyId = alias.targetKeyId;
      else if (account === caller.accountId && isPredefinedAwsAlias(ref.aliasName)) {
        keyId = createAwsManagedKey(ctx, caller, ref.aliasName).keyId;
      } else throw keyNotFound(ref, caller);
      explicitAccount = ref.kind === 'aliasArn';
      break;
    }
  }
  const found = ctx.store.getKey(keyId);
  // A bare key id or alias name only ever names a key of the caller's own account.
  if (!found || found.region !== caller.region || (!explicitAccount && found.accountId !== caller.accountId)) {
    throw keyNotFound(ref, caller);
  }
  const key = refreshKey(ctx, found);
  if (!key) throw keyNotFound(ref, caller);
  ctx.authorize({ caller, action, key });
  return key;
}

/**
 * Applies what the clock has done since the key was last read: a passed deletion date removes
 * the key (returns undefined); due automatic rotations add material versions.
 */
export function refreshKey(ctx: KmsContext, key: StoredKey): StoredKey | undefined {
  const now = ctx.clock();
  if (key.state === 'PendingDeletion' && key.deletionDate && key.deletionDate.getTime() <= now.getTime()) {
    ctx.store.deleteKey(key.keyId);
    return undefined;
  }
  if (!key.rotationEnabled || key.state !== 'Enabled' || !key.nextRotationDate) return key;
  let next = key.nextRotationDate;
  const materials = [...key.materials];
  let version = Math.max(...materials.map((m) => m.version));
  // Bounded: a clock jumped decades ahead must not mint thousands of versions in one call.
  for (let i = 0; i < 50 && next.getTime() <= now.getTime(); i++) {
    version += 1;
    materials.push(ctx.vault.create(key.arn, version, next, 'AUTOMATIC'));
    next = new Date(next.getTime() + key.rotationPeriodInDays * DAY_MS);
  }
  if (materials.length === key.materials.length) return key;
  const updated: StoredKey = { ...key, materials, nextRotationDate: next };
  ctx.store.putKey(updated);
  return updated;
}

/** State rules for cryptographic operations, with AWS's messages. */
export function requireUsable(key: StoredKey): void {
  if (key.state === 'Disabled') throw new KmsError('DisabledException', `${key.arn} is disabled.`);
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

export function requireCustomerManaged(key: StoredKey, caller: KmsCaller, action: string): void {
  // AWS managed key policies grant usage only, so management calls are refused by the policy.
  if (key.keyManager === 'AWS') {
    throw new KmsError('AccessDeniedException',
      `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`);
  }
}

export function isPredefinedAwsAlias(aliasName: string): boolean {
  return aliasName.startsWith('alias/aws/') && AWS_MANAGED_SERVICES.has(aliasName.slice('alias/aws/'.length));
}

function createAwsManagedKey(ctx: KmsContext, caller: KmsCaller, aliasName: string): StoredKey {
  const service = aliasName.slice('alias/aws/'.length);
  const now = ctx.clock();
  const keyId = uuidFrom(ctx.random);
  const arn = keyArn(caller.region, caller.accountId, keyId);
  const key: StoredKey = {
    keyId, accountId: caller.accountId, region: caller.region, arn, createdAt: now,
    description: `Default key that protects my ${service.toUpperCase()} objects when no other key is defined`,
    keyManager: 'AWS', state: 'Enabled',
    // AWS managed keys rotate every year, and that cannot be turned off.
    rotationEnabled: true, rotationPeriodInDays: 365, nextRotationDate: new Date(now.getTime() + 365 * DAY_MS),
    policy: awsManagedKeyPolicy(caller.accountId, caller.region, service), tags: [],
    materials: [ctx.vault.create(arn, 1, now, 'INITIAL')],
  };
  ctx.store.putKey(key);
  ctx.store.putAlias({ accountId: caller.accountId, region: caller.region, aliasName, targetKeyId: keyId, createdAt: now, updatedAt: now });
  return key;
}
