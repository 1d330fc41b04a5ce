import type { Deps } from './deps';
import type { BucketConfig, EmulatorConfig } from './config';
import { ALL_PUBLIC_ACCESS_BLOCKED, applyNewBucketDefaults } from './operations/shared/bucket-defaults';
import { bucketNameProblem } from './operations/shared/bucket-name';
import { ConfigError } from './config';

/**
 * Applies the config's buckets to the store. Missing buckets are created with AWS's
 * new-bucket defaults; the settings a bucket lists are (re)applied on every start, so
 * re-applying the same file is idempotent.
 */
export function seedBuckets(deps: Deps, config: EmulatorConfig): void {
  for (const account of config.accounts) {
    for (const b of account.buckets ?? []) seedBucket(deps, account.id, b);
  }
}

function seedBucket(deps: Deps, accountId: string, b: BucketConfig): void {
  const problem = bucketNameProblem(b.name);
  if (problem) throw new ConfigError(`bucket ${b.name}: ${problem}`);
  const existing = deps.store.getBucket(b.name);
  if (existing && existing.accountId !== accountId) throw new ConfigError(`bucket ${b.name} already belongs to account ${existing.accountId}`);
  const objectLock = b.objectLock?.enabled === true;
  if (!existing) {
    deps.store.createBucket({ name: b.name, accountId, region: deps.settings.region, createdAt: deps.clock.now(), objectLockEnabled: objectLock, versioning: objectLock ? 'Enabled' : 'Unversioned' });
    applyNewBucketDefaults(deps, b.name, { ownership: typeof b['ownership'] === 'string' ? b['ownership'] : undefined, blockedEncryptionTypes: b.blockedEncryptionTypes });
  }
  if (b.versioning === true) deps.store.setVersioning(b.name, 'Enabled');
  if (typeof b['ownership'] === 'string') deps.store.setBucketConfig(b.name, 'ownership', b['ownership']);
  if (b['publicAccessBlock'] !== undefined) deps.store.setBucketConfig(b.name, 'publicAccessBlock', { ...mapFalse(), ...(b['publicAccessBlock'] as object) });
  if (b.encryption !== undefined || b.blockedEncryptionTypes !== undefined) {
    const current = deps.store.getBucketConfig<{ rules: unknown[]; blockedEncryptionTypes?: string[] }>(b.name, 'encryption');
    deps.store.setBucketConfig(b.name, 'encryption', {
      rules: b.encryption ? [{ SSEAlgorithm: b.encryption.SSEAlgorithm, KMSMasterKeyID: b.encryption.KMSMasterKeyID, BucketKeyEnabled: b.encryption.BucketKeyEnabled ?? false }] : current?.rules ?? [{ SSEAlgorithm: 'AES256', BucketKeyEnabled: false }],
      blockedEncryptionTypes: b.blockedEncryptionTypes ?? current?.blockedEncryptionTypes ?? ['SSE-C'],
    });
  }
}

/** A config's publicAccessBlock lists the settings it turns on; the rest are off. */
function mapFalse(): Record<keyof typeof ALL_PUBLIC_ACCESS_BLOCKED, boolean> {
  return { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
}
