/**
 * S3 Bucket Keys: a bucket-level key from KMS reused for many objects, so S3 calls KMS far
 * less. Entries expire on the injected clock. Plaintext keys live only here, in memory.
 * Callers still check the KMS key's state on every use (KmsCore.assertUsable), so disabling
 * or scheduling deletion of the KMS key takes effect at once despite the cache.
 */
export const BUCKET_KEY_TTL_MS = 10 * 60 * 1000;

interface Entry {
  readonly plaintext: Buffer;
  readonly blob: Buffer;
  readonly expiresAt: number;
}

export class BucketKeyCache {
  private readonly byScope = new Map<string, Entry>();
  private readonly byBlob = new Map<string, Entry>();

  constructor(private readonly clock: () => Date) {}

  clear(): void {
    this.byScope.clear();
    this.byBlob.clear();
  }

  /** The current bucket key for writes in a scope (account, KMS key, context). */
  forWrite(scope: string): { plaintext: Buffer; blob: Buffer } | undefined {
    return this.live(this.byScope, scope);
  }

  /** A bucket key already opened for a stored blob. */
  forRead(blob: Buffer): Buffer | undefined {
    return this.live(this.byBlob, blob.toString('base64'))?.plaintext;
  }

  remember(scope: string | undefined, plaintext: Buffer, blob: Buffer): void {
    const e: Entry = { plaintext, blob, expiresAt: this.clock().getTime() + BUCKET_KEY_TTL_MS };
    if (scope !== undefined) this.byScope.set(scope, e);
    this.byBlob.set(blob.toString('base64'), e);
  }

  private live(map: Map<string, Entry>, k: string): Entry | undefined {
    const e = map.get(k);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock().getTime()) {
      map.delete(k);
      return undefined;
    }
    return e;
  }
}
