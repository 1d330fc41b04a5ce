import { MaterialVault } from './key-material';
import * as aliases from './kms-aliases';
import * as admin from './kms-key-admin';
import * as ops from './kms-crypto-ops';
import type { EncryptionContext } from './encryption-context';
import { requireUsable, resolveKey } from './key-resolver';
import { KmsError } from './kms-error';
import type { KmsContext } from './kms-context';
import type { KeyMetadata, KmsAuthorizer, KmsCaller, KmsDeps, KmsTag, StoredKey } from './types';

/**
 * Refuses use of another account's key: AWS's default key policy trusts only the owning
 * account. This is the hook the policy engine replaces to evaluate real key policies.
 */
export const ownerOnlyAuthorizer: KmsAuthorizer = ({ caller, action, key }) => {
  if (key.accountId !== caller.accountId) {
    throw new KmsError('AccessDeniedException',
      `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`);
  }
};

/** The KMS core: synchronous, clock and randomness injected, keys persisted through a KeyStore. */
export class KmsCore {
  private readonly ctx: KmsContext;

  constructor(deps: KmsDeps) {
    this.ctx = {
      store: deps.store, clock: deps.clock, random: deps.random,
      vault: new MaterialVault(deps.rootKey, deps.random),
      authorize: deps.authorize ?? ownerOnlyAuthorizer,
    };
  }

  createKey(caller: KmsCaller, input: admin.CreateKeyInput = {}): KeyMetadata {
    return admin.metadataOf(admin.createKey(this.ctx, caller, input));
  }
  describeKey(caller: KmsCaller, keyId: string): KeyMetadata {
    return admin.metadataOf(resolveKey(this.ctx, caller, keyId, 'kms:DescribeKey'));
  }
  listKeys(caller: KmsCaller, limit?: number, marker?: string): { keys: { KeyId: string; KeyArn: string }[]; nextMarker?: string } {
    const r = admin.listKeys(this.ctx, caller, limit, marker);
    return { keys: r.keys.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), nextMarker: r.nextMarker };
  }
  enableKey(caller: KmsCaller, keyId: string): void {
    admin.setEnabled(this.ctx, caller, keyId, true);
  }
  disableKey(caller: KmsCaller, keyId: string): void {
    admin.setEnabled(this.ctx, caller, keyId, false);
  }
  scheduleKeyDeletion(caller: KmsCaller, keyId: string, pendingWindowInDays?: number): KeyMetadata {
    return admin.metadataOf(admin.scheduleDeletion(this.ctx, caller, keyId, pendingWindowInDays));
  }
  cancelKeyDeletion(caller: KmsCaller, keyId: string): KeyMetadata {
    return admin.metadataOf(admin.cancelDeletion(this.ctx, caller, keyId));
  }
  enableKeyRotation(caller: KmsCaller, keyId: string, rotationPeriodInDays?: number): void {
    admin.setRotation(this.ctx, caller, keyId, true, rotationPeriodInDays);
  }
  disableKeyRotation(caller: KmsCaller, keyId: string): void {
    admin.setRotation(this.ctx, caller, keyId, false);
  }
  getKeyRotationStatus(caller: KmsCaller, keyId: string): { enabled: boolean; keyId: string; periodDays?: number; nextRotationDate?: Date; onDemandStartDate?: Date } {
    const k = resolveKey(this.ctx, caller, keyId, 'kms:GetKeyRotationStatus');
    const onDemand = k.materials.filter((m) => m.rotationType === 'ON_DEMAND').at(-1);
    return {
      enabled: k.rotationEnabled, keyId: k.keyId,
      ...(k.rotationEnabled ? { periodDays: k.rotationPeriodInDays, nextRotationDate: k.nextRotationDate } : {}),
      ...(onDemand ? { onDemandStartDate: onDemand.createdAt } : {}),
    };
  }
  rotateKeyOnDemand(caller: KmsCaller, keyId: string): string {
    return admin.rotateOnDemand(this.ctx, caller, keyId).keyId;
  }
  listKeyRotations(caller: KmsCaller, keyId: string, limit?: number, marker?: string): { rotations: { KeyId: string; RotationDate: Date; RotationType: 'AUTOMATIC' | 'ON_DEMAND' }[]; nextMarker?: string } {
    const k = resolveKey(this.ctx, caller, keyId, 'kms:ListKeyRotations');
    const all = k.materials.flatMap((m) => (m.rotationType === 'INITIAL' ? [] : [{ KeyId: k.keyId, RotationDate: m.createdAt, RotationType: m.rotationType }]));
    const { items, nextMarker } = paginateRotations(all, limit, marker);
    return { rotations: items, nextMarker };
  }
  getKeyPolicy(caller: KmsCaller, keyId: string, policyName?: string): string {
    admin.requireDefaultPolicyName(policyName);
    return resolveKey(this.ctx, caller, keyId, 'kms:GetKeyPolicy').policy;
  }
  putKeyPolicy(caller: KmsCaller, keyId: string, policy: unknown, policyName?: string): void {
    admin.putPolicy(this.ctx, caller, keyId, policyName, policy);
  }
  listKeyPolicies(caller: KmsCaller, keyId: string): string[] {
    resolveKey(this.ctx, caller, keyId, 'kms:ListKeyPolicies');
    return ['default'];
  }
  tagResource(caller: KmsCaller, keyId: string, tags: readonly KmsTag[]): void {
    admin.tagKey(this.ctx, caller, keyId, tags);
  }
  untagResource(caller: KmsCaller, keyId: string, tagKeys: readonly string[]): void {
    admin.untagKey(this.ctx, caller, keyId, tagKeys);
  }
  listResourceTags(caller: KmsCaller, keyId: string): KmsTag[] {
    return [...resolveKey(this.ctx, caller, keyId, 'kms:ListResourceTags').tags];
  }
  createAlias(caller: KmsCaller, aliasName: string, targetKeyId: string): void {
    aliases.createAlias(this.ctx, caller, aliasName, targetKeyId);
  }
  updateAlias(caller: KmsCaller, aliasName: string, targetKeyId: string): void {
    aliases.updateAlias(this.ctx, caller, aliasName, targetKeyId);
  }
  deleteAlias(caller: KmsCaller, aliasName: string): void {
    aliases.deleteAlias(this.ctx, caller, aliasName);
  }
  listAliases(caller: KmsCaller, opts: { keyId?: string; limit?: number; marker?: string } = {}): { aliases: aliases.AliasEntry[]; nextMarker?: string } {
    return aliases.listAliases(this.ctx, caller, opts);
  }
  encrypt(caller: KmsCaller, keyId: string, plaintext: Buffer, context: EncryptionContext = {}): ops.EncryptResult {
    return ops.encrypt(this.ctx, caller, keyId, plaintext, context);
  }
  decrypt(caller: KmsCaller, ciphertextBlob: Buffer, context: EncryptionContext = {}, keyId?: string): ops.DecryptResult {
    return ops.decrypt(this.ctx, caller, ciphertextBlob, context, keyId);
  }
  reEncrypt(caller: KmsCaller, input: ops.ReEncryptInput): ops.EncryptResult & { sourceKeyArn: string } {
    return ops.reEncrypt(this.ctx, caller, input);
  }
  generateDataKey(caller: KmsCaller, input: ops.DataKeyInput): ops.DataKeyResult {
    return ops.generateDataKey(this.ctx, caller, input);
  }
  generateDataKeyWithoutPlaintext(caller: KmsCaller, input: ops.DataKeyInput): Omit<ops.DataKeyResult, 'plaintext'> {
    const r = ops.generateDataKey(this.ctx, caller, input, 'kms:GenerateDataKeyWithoutPlaintext');
    r.plaintext.fill(0);
    return { ciphertextBlob: r.ciphertextBlob, keyArn: r.keyArn };
  }
  generateRandom(numberOfBytes: number | undefined): Buffer {
    return ops.generateRandom(this.ctx, numberOfBytes);
  }
  /**
   * For S3's bucket keys: checks, without a cryptographic call, that the key is still usable
   * by this caller, so a disabled key takes effect at once even while a bucket key is cached.
   */
  assertUsable(caller: KmsCaller, keyId: string, action = 'kms:Decrypt'): string {
    const key: StoredKey = resolveKey(this.ctx, caller, keyId, action);
    requireUsable(key);
    return key.arn;
  }
}

function paginateRotations<T>(all: T[], limit?: number, marker?: string): { items: T[]; nextMarker?: string } {
  const max = limit ?? 100;
  const start = marker ? Number(marker) || 0 : 0;
  const items = all.slice(start, start + max);
  return start + items.length < all.length ? { items, nextMarker: String(start + items.length) } : { items };
}
