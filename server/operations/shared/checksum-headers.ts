import type { Checksums } from '../../../storage/types';

/** x-amz-checksum-<algorithm> response headers, e.g. x-amz-checksum-crc32. */
export function checksumResponseHeaders(checksums: Checksums, type?: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [alg, value] of Object.entries(checksums)) {
    if (value !== undefined) out[`x-amz-checksum-${alg.toLowerCase()}`] = value;
  }
  if (Object.keys(out).length > 0 && type) out['x-amz-checksum-type'] = type;
  return out;
}
