import type { Database } from 'better-sqlite3';
import type { MetadataStore } from './contracts';
import { walk } from './list-walker';
import type { ObjectQueries } from './object-queries';
import {
  blobsOf, objectParams, partParams, toPart, toUpload, uploadParams, type PartRow, type UploadRow,
} from './row-codec';
import { StorageError, type ListUploadsResult, type MultipartUpload, type NewObjectVersion, type PutResult } from './types';

export type MultipartQueries = Pick<MetadataStore,
  'createUpload' | 'getUpload' | 'putPart' | 'getPart' | 'listParts' | 'allParts' | 'listUploads'
  | 'completeUpload' | 'abortUpload'>;

export function multipartQueries(
  db: Database, objects: Pick<ObjectQueries, 'addVersion'>, versioningOf: (bucket: string) => unknown,
): MultipartQueries {
  const insertUpload = db.prepare<[Omit<UploadRow, 'seq'>]>(
    `INSERT INTO uploads (upload_id, bucket, key, initiated, owner_id, storage_class, headers, user_metadata,
       tags, checksum_algorithm, checksum_type, encryption, lock)
     VALUES (@upload_id, @bucket, @key, @initiated, @owner_id, @storage_class, @headers, @user_metadata,
       @tags, @checksum_algorithm, @checksum_type, @encryption, @lock)`);
  const upload = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE upload_id = ?');
  const removeUpload = db.prepare<[string]>('DELETE FROM uploads WHERE upload_id = ?'); // parts cascade
  const part = db.prepare<[string, number], PartRow>('SELECT * FROM parts WHERE upload_id = ? AND part_number = ?');
  const upsertPart = db.prepare<[PartRow]>(
    `INSERT OR REPLACE INTO parts (upload_id, part_number, blob_id, size, etag, last_modified, checksums, encryption)
     VALUES (@upload_id, @part_number, @blob_id, @size, @etag, @last_modified, @checksums, @encryption)`);
  const partsFrom = db.prepare<[string, number, number], PartRow>(
    'SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?');
  const allPartsOf = db.prepare<[string], PartRow>('SELECT * FROM parts WHERE upload_id = ? ORDER BY part_number');
  // S3 lists uploads by key, then by initiation; seq breaks ties between uploads started in the same ms.
  const uploadsOpen = db.prepare<[string, string], UploadRow>(
    'SELECT * FROM uploads WHERE bucket = ? AND key >= ? ORDER BY key, initiated, seq');
  const uploadsBounded = db.prepare<[string, string, string], UploadRow>(
    'SELECT * FROM uploads WHERE bucket = ? AND key >= ? AND key < ? ORDER BY key, initiated, seq');
  const uploadsAfter = db.prepare<[string, string, number, number], UploadRow>(
    `SELECT * FROM uploads WHERE bucket = ? AND key = ? AND (initiated, seq) > (?, ?)
     ORDER BY initiated, seq`);

  const requireUpload = (uploadId: string): UploadRow => {
    const row = upload.get(uploadId);
    if (!row) throw new StorageError('NoSuchUpload', `no upload ${uploadId}`);
    return row;
  };
  const partBlobs = (rows: readonly PartRow[]): string[] =>
    rows.flatMap((r) => (r.blob_id === null ? [] : [r.blob_id]));

  return {
    createUpload: db.transaction((u: MultipartUpload) => {
      versioningOf(u.bucket); // NoSuchBucket
      insertUpload.run(uploadParams(u));
    }),
    getUpload(uploadId) {
      const row = upload.get(uploadId);
      return row && toUpload(row);
    },
    putPart: db.transaction((p) => {
      requireUpload(p.uploadId);
      const old = part.get(p.uploadId, p.partNumber);
      upsertPart.run(partParams(p));
      const garbageBlobIds = old?.blob_id && old.blob_id !== p.blobId ? [old.blob_id] : [];
      return { garbageBlobIds };
    }),
    getPart(uploadId, partNumber) {
      const row = part.get(uploadId, partNumber);
      return row && toPart(row);
    },
    listParts(uploadId, opts) {
      if (opts.maxParts <= 0) return { parts: [], isTruncated: false };
      const rows = partsFrom.all(uploadId, opts.partNumberMarker ?? 0, opts.maxParts + 1);
      const isTruncated = rows.length > opts.maxParts;
      const parts = rows.slice(0, opts.maxParts).map(toPart);
      const last = parts[parts.length - 1];
      return last ? { parts, isTruncated, nextPartNumberMarker: last.partNumber } : { parts, isTruncated };
    },
    allParts(uploadId) {
      return allPartsOf.all(uploadId).map(toPart);
    },
    listUploads(bucket, opts): ListUploadsResult {
      const { keyMarker, uploadIdMarker } = opts;
      const head = keyMarker && uploadIdMarker
        ? () => {
          const at = upload.get(uploadIdMarker);
          return at && at.bucket === bucket && at.key === keyMarker
            ? uploadsAfter.iterate(bucket, keyMarker, at.initiated, at.seq) : [];
        }
        : undefined;
      const { entries, isTruncated } = walk({
        prefix: opts.prefix ?? '',
        delimiter: opts.delimiter || undefined,
        marker: keyMarker,
        limit: opts.maxUploads,
        ...(head ? { head } : {}),
        seek: (from, to) => (to === undefined
          ? uploadsOpen.iterate(bucket, from) : uploadsBounded.iterate(bucket, from, to)),
      });
      const uploads: MultipartUpload[] = [];
      const commonPrefixes: string[] = [];
      for (const e of entries) {
        if (e.row) uploads.push(toUpload(e.row));
        else commonPrefixes.push(e.prefix);
      }
      const last = entries[entries.length - 1];
      if (!isTruncated || !last) return { uploads, commonPrefixes, isTruncated };
      return last.row
        ? { uploads, commonPrefixes, isTruncated, nextKeyMarker: last.row.key, nextUploadIdMarker: last.row.upload_id }
        : { uploads, commonPrefixes, isTruncated, nextKeyMarker: last.prefix };
    },
    completeUpload: db.transaction((
      uploadId: string, obj: NewObjectVersion, _usedPartNumbers: readonly number[],
    ): PutResult => {
      requireUpload(uploadId);
      const parts = allPartsOf.all(uploadId);
      const { version, garbageBlobIds } = objects.addVersion(obj, false);
      removeUpload.run(uploadId);
      // A part blob survives only if the new object references it (blobId or parts[].blobId);
      // everything else (unused parts, or all parts when the server concatenated) is garbage.
      const kept = new Set(blobsOf(objectParams(obj, version.versionId, false)));
      const garbage = new Set(garbageBlobIds);
      for (const id of partBlobs(parts)) if (!kept.has(id)) garbage.add(id);
      return { version, garbageBlobIds: [...garbage] };
    }),
    abortUpload: db.transaction((uploadId: string) => {
      requireUpload(uploadId);
      const garbageBlobIds = partBlobs(allPartsOf.all(uploadId));
      removeUpload.run(uploadId);
      return { garbageBlobIds };
    }),
  };
}
