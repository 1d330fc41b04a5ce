import type { Deps } from '../deps';
import type { EmulatorConfig } from '../config';
import { seedKeys } from '../../crypto/kms/seed-keys';
import type { KeyStore } from '../../crypto/kms/types';
import { seedBuckets } from '../seed';
import { deleteBlobsLater } from '../operations/shared/write-blob';

/** Removes every version, delete marker and upload of a bucket, then the bucket. */
function dropBucket(deps: Deps, name: string): void {
  for (;;) {
    const page = deps.store.listUploads(name, { maxUploads: 1000 });
    for (const u of page.uploads) deleteBlobsLater(deps, deps.store.abortUpload(u.uploadId).garbageBlobIds);
    if (!page.isTruncated) break;
  }
  for (;;) {
    const page = deps.store.listObjectVersions(name, { maxKeys: 1000 });
    if (page.versions.length === 0) break;
    for (const v of page.versions) {
      deleteBlobsLater(deps, deps.store.deleteObject(name, v.key, v.versionId, deps.clock.now(), '').garbageBlobIds);
    }
  }
  deps.store.deleteBucket(name);
}

/**
 * POST /_emulator/reset: back to the config's seed state. Every bucket and object, every
 * KMS key and alias goes; the config's buckets and keys are seeded again and the emulated
 * clock returns to real time. Test suites call it between cases.
 */
export function resetToSeed(deps: Deps, config: EmulatorConfig, kmsStore: KeyStore): void {
  for (const bucket of deps.store.listBuckets()) dropBucket(deps, bucket.name);
  for (const account of config.accounts) {
    for (const alias of kmsStore.listAliases(account.id, config.region)) kmsStore.deleteAlias(account.id, config.region, alias.aliasName);
    for (const key of kmsStore.listKeys(account.id, config.region)) kmsStore.deleteKey(key.keyId);
  }
  deps.objectCrypto.clearCaches();
  deps.clock.setOffsetSeconds(0);
  for (const account of config.accounts) seedKeys(deps.kms, account.id, config.region, account.kmsKeys ?? []);
  seedBuckets(deps, config);
}
