import type { ChecksumAlgorithm, Checksums, PartInfo, StoredHeaders, Tag } from './types';

/**
 * JSON columns are written by this store, but a file may be older or hand-edited, so values
 * are narrowed from unknown rather than cast. Empty collections are stored as NULL, which
 * keeps listing (the hot path) from parsing anything for plain objects.
 */

export function parseJson(text: string | null): unknown {
  return text === null ? undefined : (JSON.parse(text) as unknown);
}

/** NULL for undefined and for empty objects/arrays when `dropEmpty`. */
export function encodeJson(value: unknown, dropEmpty: boolean): string | null {
  if (value === undefined || value === null) return null;
  if (dropEmpty && typeof value === 'object' && Object.keys(value).length === 0) return null;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toStringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

const HEADER_FIELDS: readonly (keyof StoredHeaders)[] = [
  'contentType', 'contentEncoding', 'contentDisposition', 'contentLanguage',
  'cacheControl', 'expires', 'websiteRedirectLocation',
];

export function toHeaders(value: unknown): StoredHeaders {
  const out: { -readonly [K in keyof StoredHeaders]: StoredHeaders[K] } = {};
  if (!isRecord(value)) return out;
  for (const field of HEADER_FIELDS) {
    const v = value[field];
    if (typeof v === 'string') out[field] = v;
  }
  return out;
}

export function toTags(value: unknown): Tag[] {
  if (!Array.isArray(value)) return [];
  const tags: Tag[] = [];
  for (const item of value as unknown[]) {
    if (isRecord(item) && typeof item.key === 'string' && typeof item.value === 'string') {
      tags.push({ key: item.key, value: item.value });
    }
  }
  return tags;
}

const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];

export function isChecksumAlgorithm(value: unknown): value is ChecksumAlgorithm {
  return typeof value === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

export function toChecksums(value: unknown): Checksums {
  const out: Partial<Record<ChecksumAlgorithm, string>> = {};
  if (!isRecord(value)) return out;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const v = value[algorithm];
    if (typeof v === 'string') out[algorithm] = v;
  }
  return out;
}

/** undefined stays undefined: only multipart objects carry parts. */
export function toParts(value: unknown): PartInfo[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts: PartInfo[] = [];
  for (const item of value as unknown[]) {
    if (!isRecord(item)) continue;
    const { partNumber, size, etag, blobId } = item;
    if (typeof partNumber !== 'number' || typeof size !== 'number' || typeof etag !== 'string') continue;
    const part: PartInfo = typeof blobId === 'string' || blobId === null
      ? { partNumber, size, etag, blobId }
      : { partNumber, size, etag };
    parts.push(part);
  }
  return parts;
}
