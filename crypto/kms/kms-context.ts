import type { MaterialVault } from './key-material';
import type { KeyStore, KmsAuthorizer } from './types';

/** Shared state of the KMS core's operation modules. */
export interface KmsContext {
  readonly store: KeyStore;
  readonly clock: () => Date;
  readonly random: (n: number) => Buffer;
  readonly vault: MaterialVault;
  readonly authorize: KmsAuthorizer;
}

export const DAY_MS = 86_400_000;
