import type { KmsCore } from './kms-core';
import { isKmsError } from './kms-error';

/** One entry of config `accounts[].kmsKeys`. */
export interface SeedKey {
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly policy?: unknown;
  readonly enabled?: boolean;
  readonly rotation?: boolean;
  readonly description?: string;
}

/**
 * Creates the configured keys and aliases. Idempotent: an existing key keeps its material
 * (so earlier ciphertexts stay decryptable) and has its enabled state, rotation, policy and
 * aliases brought to what the config says.
 */
export function seedKeys(kms: KmsCore, accountId: string, region: string, keys: readonly SeedKey[]): void {
  const caller = { accountId, region, principalArn: `arn:aws:iam::${accountId}:root` };
  for (const seed of keys) {
    let exists = true;
    try {
      kms.describeKey(caller, seed.id);
    } catch (e) {
      if (!isKmsError(e) || e.code !== 'NotFoundException') throw e;
      exists = false;
    }
    if (!exists) kms.createKey(caller, { keyId: seed.id, description: seed.description, policy: seed.policy });
    else if (seed.policy !== undefined) kms.putKeyPolicy(caller, seed.id, seed.policy);
    const state = kms.describeKey(caller, seed.id).KeyState;
    if (state === 'PendingDeletion') kms.cancelKeyDeletion(caller, seed.id);
    // Rotation changes need an enabled key, so enable first and disable last.
    kms.enableKey(caller, seed.id);
    const rotating = kms.getKeyRotationStatus(caller, seed.id).enabled;
    if (seed.rotation === true && !rotating) kms.enableKeyRotation(caller, seed.id);
    if (seed.rotation === false && rotating) kms.disableKeyRotation(caller, seed.id);
    if (seed.enabled === false) kms.disableKey(caller, seed.id);
    for (const alias of seed.aliases ?? []) {
      const present = kms.listAliases(caller, { limit: 1000 }).aliases.some((a) => a.AliasName === alias);
      if (present) kms.updateAlias(caller, alias, seed.id);
      else kms.createAlias(caller, alias, seed.id);
    }
  }
}
