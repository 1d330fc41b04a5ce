import { randomBytes } from 'node:crypto';
import { KmsCore } from '../../../crypto/kms/kms-core';
import { MemoryKeyStore } from '../../../crypto/kms/memory-key-store';
import type { KeyStore, KmsCaller } from '../../../crypto/kms/types';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'us-east-1';
export const caller: KmsCaller = { accountId: ACCOUNT, region: REGION, principalArn: `arn:aws:iam::${ACCOUNT}:root` };
export const otherCaller: KmsCaller = { accountId: OTHER_ACCOUNT, region: REGION, principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:root` };
export const DAY = 86_400_000;

export class FakeClock {
  constructor(public ms = Date.UTC(2026, 0, 1)) {}
  readonly now = (): Date => new Date(this.ms);
  advanceDays(d: number): void {
    this.ms += d * DAY;
  }
}

export interface Fixture {
  kms: KmsCore;
  clock: FakeClock;
  store: KeyStore;
  rootKey: Buffer;
  /** Every random buffer handed out, to scan storage for plaintext material. */
  issued: Buffer[];
}

export function makeKms(store: KeyStore = new MemoryKeyStore(), rootKey: Buffer = randomBytes(32)): Fixture {
  const clock = new FakeClock();
  const issued: Buffer[] = [];
  const random = (n: number): Buffer => {
    const b = randomBytes(n);
    issued.push(Buffer.from(b));
    return b;
  };
  return { kms: new KmsCore({ store, rootKey, clock: clock.now, random }), clock, store, rootKey, issued };
}

/** Runs fn and returns the KMS error code it threw (or 'none'). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
    throw e;
  }
}

export function messageOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
