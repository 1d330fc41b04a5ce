import { aliasArn, keyNotFound, parseKeyRef } from './key-ref';
import { isPredefinedAwsAlias, refreshKey, requireCustomerManaged, resolveKey } from './key-resolver';
import { KmsError } from './kms-error';
import type { KmsContext } from './kms-context';
import { paginate } from './paginate';
import type { KmsCaller, StoredAlias, StoredKey } from './types';

export interface AliasEntry {
  readonly AliasName: string;
  readonly AliasArn: string;
  readonly TargetKeyId?: string;
  readonly CreationDate?: Date;
  readonly LastUpdatedDate?: Date;
}

const ALIAS_PATTERN = /^[a-zA-Z0-9:/_-]+$/;

function validateAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw new KmsError('ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  if (name.length > 256 || !ALIAS_PATTERN.test(name)) {
    throw new KmsError('ValidationException',
      `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$`);
  }
  // alias/aws/ is AWS's namespace: AWS answers NotAuthorizedException (as moto reproduces), not a name error.
  if (name.startsWith('alias/aws/')) throw new KmsError('NotAuthorizedException');
  if (name.includes(':') || name === 'alias/') {
    throw new KmsError('InvalidAliasNameException', `${name} contains invalid characters for an alias`);
  }
}

/** The key an alias may point at: a customer managed key of the caller's account, not pending deletion. */
function aliasTarget(ctx: KmsContext, caller: KmsCaller, targetKeyId: string, action: string): StoredKey {
  const ref = parseKeyRef(targetKeyId);
  if (ref.kind === 'alias' || ref.kind === 'aliasArn') {
    throw new KmsError('ValidationException', 'Aliases must refer to keys. Not aliases');
  }
  const key = resolveKey(ctx, caller, targetKeyId, action);
  if (key.accountId !== caller.accountId) throw keyNotFound(ref, caller);
  requireCustomerManaged(key, caller, action);
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  return key;
}

export function createAlias(ctx: KmsContext, caller: KmsCaller, aliasName: string, targetKeyId: string): void {
  validateAliasName(aliasName);
  const key = aliasTarget(ctx, caller, targetKeyId, 'kms:CreateAlias');
  if (liveAlias(ctx, caller, aliasName)) {
    throw new KmsError('AlreadyExistsException',
      `An alias with the name ${aliasArn(caller.region, caller.accountId, aliasName)} already exists`);
  }
  const now = ctx.clock();
  ctx.store.putAlias({ accountId: caller.accountId, region: caller.region, aliasName, targetKeyId: key.keyId, createdAt: now, updatedAt: now });
}

export function updateAlias(ctx: KmsContext, caller: KmsCaller, aliasName: string, targetKeyId: string): void {
  validateAliasName(aliasName);
  const existing = liveAlias(ctx, caller, aliasName);
  if (!existing) throw keyNotFound({ kind: 'alias', aliasName }, caller);
  const key = aliasTarget(ctx, caller, targetKeyId, 'kms:UpdateAlias');
  ctx.store.putAlias({ ...existing, targetKeyId: key.keyId, updatedAt: ctx.clock() });
}

export function deleteAlias(ctx: KmsContext, caller: KmsCaller, aliasName: string): void {
  validateAliasName(aliasName);
  if (!liveAlias(ctx, caller, aliasName)) throw keyNotFound({ kind: 'alias', aliasName }, caller);
  ctx.store.deleteAlias(caller.accountId, caller.region, aliasName);
}

export function listAliases(
  ctx: KmsContext, caller: KmsCaller, opts: { keyId?: string; limit?: number; marker?: string },
): { aliases: AliasEntry[]; nextMarker?: string } {
  const filterKey = opts.keyId === undefined ? undefined : resolveKey(ctx, caller, opts.keyId, 'kms:ListAliases').keyId;
  const all = ctx.store.listAliases(caller.accountId, caller.region)
    .filter((a) => liveAlias(ctx, caller, a.aliasName) !== undefined)
    .filter((a) => filterKey === undefined || a.targetKeyId === filterKey)
    .sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0));
  const page = paginate(all, opts.limit, opts.marker);
  return {
    aliases: page.items.map((a) => ({
      AliasName: a.aliasName,
      AliasArn: aliasArn(a.region, a.accountId, a.aliasName),
      TargetKeyId: a.targetKeyId,
      CreationDate: a.createdAt,
      LastUpdatedDate: a.updatedAt,
    })),
    nextMarker: page.nextMarker,
  };
}

/** An alias whose key has passed its deletion date went with the key. */
function liveAlias(ctx: KmsContext, caller: KmsCaller, aliasName: string): StoredAlias | undefined {
  const alias = ctx.store.getAlias(caller.accountId, caller.region, aliasName);
  if (!alias) return undefined;
  const key = ctx.store.getKey(alias.targetKeyId);
  if (!key || !refreshKey(ctx, key)) {
    ctx.store.deleteAlias(caller.accountId, caller.region, aliasName);
    return undefined;
  }
  return alias;
}

export { isPredefinedAwsAlias };
