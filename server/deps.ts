import type { KmsCore } from '../crypto/kms/kms-core';
import type { ObjectCrypto } from '../crypto/object-crypto';
import type { BlobStore, MetadataStore } from '../storage/contracts';
import type { AccountRegistry } from './accounts';
import type { EmulatorClock } from './clock';
import type { Logger } from './log';

/** Everything a handler may use. Handlers get this, never the Koa context. */
export interface Deps {
  readonly store: MetadataStore;
  readonly blobs: BlobStore;
  readonly clock: EmulatorClock;
  readonly accounts: AccountRegistry;
  readonly log: Logger;
  readonly kms: KmsCore;
  readonly objectCrypto: ObjectCrypto;
  readonly settings: Settings;
}

export interface Settings {
  readonly region: string;
  /** Host suffixes for virtual-hosted-style addressing. */
  readonly domains: readonly string[];
  readonly allowSsecOverHttp: boolean;
  readonly adminToken?: string;
  /** S3EMU_TRUST_FORWARDED=1: aws:SourceIp from X-Forwarded-For. */
  readonly trustForwarded: boolean;
  readonly version: string;
}
