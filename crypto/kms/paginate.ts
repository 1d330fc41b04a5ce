import { KmsError, validationError } from './kms-error';

export interface Page<T> {
  readonly items: T[];
  readonly nextMarker?: string;
}

/** Limit/Marker paging as KMS list operations do it; the marker is an opaque offset. */
export function paginate<T>(all: readonly T[], limit: number | undefined, marker: string | undefined): Page<T> {
  const max = limit ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw validationError('limit', String(limit), 'Member must have value less than or equal to 1000 and greater than or equal to 1');
  }
  let start = 0;
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    if (!/^m[0-9]+$/.test(decoded)) throw new KmsError('InvalidMarkerException', 'Invalid marker');
    start = Number(decoded.slice(1));
  }
  const items = all.slice(start, start + max);
  const end = start + items.length;
  return end < all.length ? { items, nextMarker: Buffer.from(`m${end}`).toString('base64url') } : { items };
}
