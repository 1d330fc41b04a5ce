import { createHash } from 'node:crypto';
import type { ChecksumAlgorithm } from '../../storage/types';
import { createChecksumHasher } from './checksums';

/** The digests every upload needs: MD5 (the ETag) and its x-amz-checksum. */
export interface IntegrityDigests {
  readonly md5: Buffer;
  readonly checksumBase64: string;
}

/**
 * Where MD5 and the checksum are computed. `update` returns a promise only when the caller
 * must wait (the off-thread hasher is behind); `digest` resolves once every byte was hashed.
 */
export interface IntegrityHasher {
  update(chunk: Buffer): Promise<void> | undefined;
  digest(): Promise<IntegrityDigests>;
  /** The upload failed: forget it. */
  abort(): void;
}

/** On the event loop: right for small bodies, where a thread hop costs more than the hashing. */
export function localIntegrityHasher(algorithm: ChecksumAlgorithm): IntegrityHasher {
  const md5 = createHash('md5');
  const checksum = createChecksumHasher(algorithm);
  return {
    update(chunk) {
      md5.update(chunk);
      checksum.update(chunk);
      return undefined;
    },
    digest: () => Promise.resolve({ md5: md5.digest(), checksumBase64: checksum.digestBase64() }),
    abort: () => undefined,
  };
}
