import {
  encodeJson, isChecksumAlgorithm, parseJson, toChecksums, toHeaders, toParts, toStringRecord, toTags,
} from './json-narrow';
import type {
  ChecksumAlgorithm, Checksums, MultipartUpload, NewObjectVersion, ObjectVersion, StoredHeaders, Tag, UploadedPart,
} from './types';

/** Rows as SQLite returns them (our own schema; integers as JS numbers). */
export interface ObjectRow {
  readonly seq: number;
  readonly bucket: string;
  readonly key: string;
  readonly version_id: string;
  readonly is_latest: number;
  readonly is_delete_marker: number;
  readonly blob_id: string | null;
  readonly size: number;
  readonly etag: string;
  readonly last_modified: number;
  readonly owner_id: string;
  readonly storage_class: string;
  readonly headers: string | null;
  readonly user_metadata: string | null;
  readonly tags: string | null;
  readonly checksums: string | null;
  readonly checksum_type: string | null;
  readonly parts: string | null;
  readonly encryption: string | null;
  readonly lock: string | null;
}

export type ObjectParams = Omit<ObjectRow, 'seq'>;

/**
 * Object rows are read in better-sqlite3's raw (array) mode: building a 20-property object
 * per row in the driver costs about twice the whole query, and listing is the hot path.
 * Statements must select OBJECT_COLUMNS in this order.
 */
export const OBJECT_COLUMNS = `seq, bucket, key, version_id, is_latest, is_delete_marker, blob_id, size, etag,
  last_modified, owner_id, storage_class, headers, user_metadata, tags, checksums, checksum_type, parts,
  encryption, lock`;

/**
 * The same positions for listings, with the per-object documents (headers, metadata, tags,
 * parts, encryption, lock) left NULL: a listing shows none of them, and reading and parsing
 * a thousand sealed-key documents was most of a LIST's cost.
 */
export const LISTING_COLUMNS = `seq, bucket, key, version_id, is_latest, is_delete_marker, blob_id, size, etag,
  last_modified, owner_id, storage_class, NULL, NULL, NULL, checksums, checksum_type, NULL, NULL, NULL`;

function num(v: unknown): number {
  if (typeof v !== 'number') throw new TypeError('metadata row: expected a number');
  return v;
}
function str(v: unknown): string {
  if (typeof v !== 'string') throw new TypeError('metadata row: expected text');
  return v;
}
function strOrNull(v: unknown): string | null {
  return v === null ? null : str(v);
}

export function objectRowFrom(t: readonly unknown[]): ObjectRow {
  return {
    seq: num(t[0]), bucket: str(t[1]), key: str(t[2]), version_id: str(t[3]), is_latest: num(t[4]),
    is_delete_marker: num(t[5]), blob_id: strOrNull(t[6]), size: num(t[7]), etag: str(t[8]),
    last_modified: num(t[9]), owner_id: str(t[10]), storage_class: str(t[11]), headers: strOrNull(t[12]),
    user_metadata: strOrNull(t[13]), tags: strOrNull(t[14]), checksums: strOrNull(t[15]),
    checksum_type: strOrNull(t[16]), parts: strOrNull(t[17]), encryption: strOrNull(t[18]), lock: strOrNull(t[19]),
  };
}

/**
 * What a listing reads, for listedVersion: only the columns a listing shows or pages by. The
 * bucket is the one being listed, so it is not read back; the per-object documents (headers,
 * metadata, tags, parts, encryption, lock) are not read at all. Each column read costs about
 * 0.1 ms per 1,000-row page in the driver, a large part of a LIST, so a listing of current
 * objects (all latest, none delete markers) leaves out the two flags: LISTED_VERSION_COLUMNS
 * adds them for version listings.
 */
export const LISTED_COLUMNS = `key, version_id, blob_id, size, etag, last_modified, owner_id, storage_class,
  checksums, checksum_type`;
export const LISTED_VERSION_COLUMNS = `${LISTED_COLUMNS}, is_latest, is_delete_marker`;

// Listed versions share these; a listing shows none of the documents (they are frozen, not copied).
const NO_HEADERS: StoredHeaders = Object.freeze({});
const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});
const NO_TAGS: readonly Tag[] = Object.freeze([]);
const NO_CHECKSUMS: Checksums = Object.freeze({});

/**
 * The checksums column as toChecksums(parseJson(...)) reads it. The usual document is the one
 * JSON.stringify writes for a single checksum, {"ALG":"base64"}; that is sliced rather than
 * parsed (a JSON.parse per row was a tenth of a LIST). Anything else is parsed in full.
 */
function listedChecksums(text: string | null): Checksums {
  if (text === null) return NO_CHECKSUMS;
  const q = text.indexOf('"', 2);
  if (text.startsWith('{"') && q > 2 && text.startsWith('":"', q) && text.endsWith('"}')) {
    const algorithm = text.slice(2, q);
    const value = text.slice(q + 3, -2);
    if (isChecksumAlgorithm(algorithm) && !value.includes('"') && !value.includes('\\')) {
      const one: Partial<Record<ChecksumAlgorithm, string>> = {};
      one[algorithm] = value;
      return one;
    }
  }
  return toChecksums(parseJson(text));
}

/**
 * One listing row as an ObjectVersion without its documents: LISTED_VERSION_COLUMNS, or
 * LISTED_COLUMNS for a current (latest, not a delete marker) object. Raw mode.
 */
export function listedVersion(bucket: string, t: readonly unknown[]): ObjectVersion {
  const flags = t.length > 10;
  const version: { -readonly [K in keyof ObjectVersion]: ObjectVersion[K] } = {
    bucket,
    key: str(t[0]),
    versionId: str(t[1]),
    isLatest: flags ? num(t[10]) === 1 : true,
    isDeleteMarker: flags ? num(t[11]) === 1 : false,
    blobId: strOrNull(t[2]),
    size: num(t[3]),
    etag: str(t[4]),
    lastModified: new Date(num(t[5])),
    ownerId: str(t[6]),
    storageClass: str(t[7]),
    headers: NO_HEADERS,
    userMetadata: NO_METADATA,
    tags: NO_TAGS,
    checksums: listedChecksums(strOrNull(t[8])),
  };
  const checksumType = strOrNull(t[9]);
  if (checksumType !== null) version.checksumType = checksumType;
  return version;
}

/** Maps a raw-mode iterator lazily; returning early still closes (resets) the statement. */
export function* objectRows(tuples: Iterable<readonly unknown[]>): Generator<ObjectRow> {
  for (const t of tuples) yield objectRowFrom(t);
}

export interface UploadRow {
  readonly seq: number;
  readonly upload_id: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: number;
  readonly owner_id: string;
  readonly storage_class: string;
  readonly headers: string | null;
  readonly user_metadata: string | null;
  readonly tags: string | null;
  readonly checksum_algorithm: string | null;
  readonly checksum_type: string | null;
  readonly encryption: string | null;
  readonly lock: string | null;
}

export interface PartRow {
  readonly upload_id: string;
  readonly part_number: number;
  readonly blob_id: string | null;
  readonly size: number;
  readonly etag: string;
  readonly last_modified: number;
  readonly checksums: string | null;
  readonly encryption: string | null;
}

export function objectParams(
  obj: NewObjectVersion, versionId: string, isDeleteMarker: boolean,
): ObjectParams {
  return {
    bucket: obj.bucket,
    key: obj.key,
    version_id: versionId,
    is_latest: 1,
    is_delete_marker: isDeleteMarker ? 1 : 0,
    blob_id: obj.blobId,
    size: obj.size,
    etag: obj.etag,
    last_modified: obj.lastModified.getTime(),
    owner_id: obj.ownerId,
    storage_class: obj.storageClass,
    headers: encodeJson(obj.headers, true),
    user_metadata: encodeJson(obj.userMetadata, true),
    tags: encodeJson(obj.tags, true),
    checksums: encodeJson(obj.checksums, true),
    checksum_type: obj.checksumType ?? null,
    parts: encodeJson(obj.parts, false),
    encryption: encodeJson(obj.encryption, false),
    lock: encodeJson(obj.lock, false),
  };
}

export function toObjectVersion(row: ObjectParams): ObjectVersion {
  const parts = toParts(parseJson(row.parts));
  const encryption = parseJson(row.encryption);
  const lock = parseJson(row.lock);
  return {
    bucket: row.bucket,
    key: row.key,
    versionId: row.version_id,
    isLatest: row.is_latest === 1,
    isDeleteMarker: row.is_delete_marker === 1,
    blobId: row.blob_id,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    ownerId: row.owner_id,
    storageClass: row.storage_class,
    headers: toHeaders(parseJson(row.headers)),
    userMetadata: toStringRecord(parseJson(row.user_metadata)),
    tags: toTags(parseJson(row.tags)),
    checksums: toChecksums(parseJson(row.checksums)),
    ...(row.checksum_type === null ? {} : { checksumType: row.checksum_type }),
    ...(parts === undefined ? {} : { parts }),
    ...(encryption === undefined ? {} : { encryption }),
    ...(lock === undefined ? {} : { lock }),
  };
}

/** Every blob a version references: its own and, for kept-part multipart objects, its parts'. */
export function blobsOf(row: Pick<ObjectRow, 'blob_id' | 'parts'>): string[] {
  const ids = row.blob_id === null ? [] : [row.blob_id];
  for (const part of toParts(parseJson(row.parts)) ?? []) {
    if (typeof part.blobId === 'string' && !ids.includes(part.blobId)) ids.push(part.blobId);
  }
  return ids;
}

export function uploadParams(u: MultipartUpload): Omit<UploadRow, 'seq'> {
  return {
    upload_id: u.uploadId,
    bucket: u.bucket,
    key: u.key,
    initiated: u.initiated.getTime(),
    owner_id: u.ownerId,
    storage_class: u.storageClass,
    headers: encodeJson(u.headers, true),
    user_metadata: encodeJson(u.userMetadata, true),
    tags: encodeJson(u.tags, true),
    checksum_algorithm: u.checksumAlgorithm ?? null,
    checksum_type: u.checksumType ?? null,
    encryption: encodeJson(u.encryption, false),
    lock: encodeJson(u.lock, false),
  };
}

export function toUpload(row: UploadRow): MultipartUpload {
  const encryption = parseJson(row.encryption);
  const lock = parseJson(row.lock);
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    initiated: new Date(row.initiated),
    ownerId: row.owner_id,
    storageClass: row.storage_class,
    headers: toHeaders(parseJson(row.headers)),
    userMetadata: toStringRecord(parseJson(row.user_metadata)),
    tags: toTags(parseJson(row.tags)),
    ...(isChecksumAlgorithm(row.checksum_algorithm) ? { checksumAlgorithm: row.checksum_algorithm } : {}),
    ...(row.checksum_type === null ? {} : { checksumType: row.checksum_type }),
    ...(encryption === undefined ? {} : { encryption }),
    ...(lock === undefined ? {} : { lock }),
  };
}

export function partParams(p: UploadedPart): PartRow {
  return {
    upload_id: p.uploadId,
    part_number: p.partNumber,
    blob_id: p.blobId,
    size: p.size,
    etag: p.etag,
    last_modified: p.lastModified.getTime(),
    checksums: encodeJson(p.checksums, true),
    encryption: encodeJson(p.encryption, false),
  };
}

export function toPart(row: PartRow): UploadedPart {
  const encryption = parseJson(row.encryption);
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    blobId: row.blob_id,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    checksums: toChecksums(parseJson(row.checksums)),
    ...(encryption === undefined ? {} : { encryption }),
  };
}
