/** The KMS core's stored shapes and its injected dependencies. */

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';
export type KeyManager = 'CUSTOMER' | 'AWS';
export type RotationType = 'INITIAL' | 'AUTOMATIC' | 'ON_DEMAND';

export interface KmsTag {
  readonly TagKey: string;
  readonly TagValue: string;
}

/** One version of a key's material, only ever held wrapped under the emulator root key. */
export interface KeyMaterial {
  readonly version: number;
  readonly wrapped: Buffer;
  readonly createdAt: Date;
  readonly rotationType: RotationType;
}

export interface StoredKey {
  readonly keyId: string;
  readonly accountId: string;
  readonly region: string;
  readonly arn: string;
  readonly createdAt: Date;
  readonly description: string;
  readonly keyManager: KeyManager;
  readonly state: KeyState;
  readonly deletionDate?: Date;
  readonly pendingWindowInDays?: number;
  readonly rotationEnabled: boolean;
  readonly rotationPeriodInDays: number;
  readonly nextRotationDate?: Date;
  /** The key policy document as JSON text, as PutKeyPolicy received it. */
  readonly policy: string;
  readonly tags: readonly KmsTag[];
  readonly materials: readonly KeyMaterial[];
}

export interface StoredAlias {
  readonly accountId: string;
  readonly region: string;
  readonly aliasName: string;
  readonly targetKeyId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Persistence for keys and aliases (SQLite in storage/kms-key-store.ts, memory in tests). */
export interface KeyStore {
  getKey(keyId: string): StoredKey | undefined;
  listKeys(accountId: string, region: string): StoredKey[];
  /** Insert or replace the whole key, materials included. */
  putKey(key: StoredKey): void;
  /** Removes the key and every alias pointing at it. */
  deleteKey(keyId: string): void;
  getAlias(accountId: string, region: string, aliasName: string): StoredAlias | undefined;
  listAliases(accountId: string, region: string): StoredAlias[];
  putAlias(alias: StoredAlias): void;
  deleteAlias(accountId: string, region: string, aliasName: string): void;
}

export interface KmsCaller {
  readonly accountId: string;
  readonly region: string;
  readonly principalArn: string;
}

/** What an authorizer is asked: may `caller` perform `action` on `key`? */
export interface KmsAuthorizationRequest {
  readonly caller: KmsCaller;
  readonly action: string;
  readonly key: StoredKey;
}

/**
 * The key-policy enforcement hook. Throw a KmsError('AccessDeniedException') to refuse.
 * The default (see kms-core.ts) refuses cross-account use, which AWS's default key policy
 * also does; the policy engine replaces it once key policies are enforced.
 */
export type KmsAuthorizer = (req: KmsAuthorizationRequest) => void;

export interface KmsDeps {
  readonly store: KeyStore;
  readonly rootKey: Buffer;
  readonly clock: () => Date;
  readonly random: (n: number) => Buffer;
  readonly authorize?: KmsAuthorizer;
}

/** AWS's KeyMetadata, with dates as Date (the JSON layer writes epoch seconds). */
export interface KeyMetadata {
  readonly AWSAccountId: string;
  readonly KeyId: string;
  readonly Arn: string;
  readonly CreationDate: Date;
  readonly Enabled: boolean;
  readonly Description: string;
  readonly KeyUsage: 'ENCRYPT_DECRYPT';
  readonly KeyState: KeyState;
  readonly DeletionDate?: Date;
  readonly PendingDeletionWindowInDays?: number;
  readonly Origin: 'AWS_KMS';
  readonly KeyManager: KeyManager;
  readonly KeySpec: 'SYMMETRIC_DEFAULT';
  readonly CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT';
  readonly EncryptionAlgorithms: readonly ['SYMMETRIC_DEFAULT'];
  readonly MultiRegion: false;
}
