import type { Readable } from 'node:stream';
import type {
  BucketRecord, DeleteResult, ListOptions, ListPartsOptions, ListResult, ListUploadsOptions,
  ListUploadsResult, ListVersionsOptions, ListVersionsResult, MultipartUpload, NewObjectVersion,
  ObjectVersion, PutResult, Tag, UploadedPart, VersioningState,
} from './types';

/** SQLite-backed metadata. Synchronous (better-sqlite3); each mutation is one transaction. */
export interface MetadataStore {
  // buckets
  createBucket(bucket: Omit<BucketRecord, 'versioning'> & { versioning?: VersioningState }): BucketRecord; // StorageError BucketExists
  getBucket(name: string): BucketRecord | undefined;
  listBuckets(accountId?: string): BucketRecord[];
  deleteBucket(name: string): void; // StorageError NoSuchBucket / BucketNotEmpty (any version or upload left)
  setVersioning(name: string, state: VersioningState): void;
  /** Per-bucket configuration documents (encryption, policy, tagging, ownership, ...) as JSON values; null deletes. */
  setBucketConfig(name: string, kind: string, value: unknown | null): void;
  getBucketConfig<T = unknown>(name: string, kind: string): T | undefined;

  // objects (version-aware)
  /** Adds a version following the bucket's versioning state: Enabled → new id; otherwise replaces the null version. */
  putObject(obj: NewObjectVersion, now: Date): PutResult;
  /** versionId undefined → latest (which may be a delete marker; callers decide). */
  getObject(bucket: string, key: string, versionId?: string): ObjectVersion | undefined;
  /** Without versionId: S3 DeleteObject semantics (marker when versioned, remove null version otherwise). With: permanent removal of that version. */
  deleteObject(bucket: string, key: string, versionId: string | undefined, now: Date, ownerId: string): DeleteResult;
  setObjectTags(bucket: string, key: string, versionId: string, tags: readonly Tag[]): void;
  /** Replace the opaque lock field of one version (Object Lock issue). */
  setObjectLock(bucket: string, key: string, versionId: string, lock: unknown): void;
  /** Listings return summaries: headers, metadata, tags, parts, encryption and lock are left empty. */
  listObjects(bucket: string, opts: ListOptions): ListResult;
  listObjectVersions(bucket: string, opts: ListVersionsOptions): ListVersionsResult;
  countObjects(bucket: string): number;

  // multipart
  createUpload(upload: MultipartUpload): void;
  getUpload(uploadId: string): MultipartUpload | undefined;
  /** Replaces an earlier part with the same number; returns the replaced part's blob for deletion. */
  putPart(part: UploadedPart): { garbageBlobIds: string[] };
  getPart(uploadId: string, partNumber: number): UploadedPart | undefined;
  listParts(uploadId: string, opts: ListPartsOptions): { parts: UploadedPart[]; isTruncated: boolean; nextPartNumberMarker?: number };
  allParts(uploadId: string): UploadedPart[];
  listUploads(bucket: string, opts: ListUploadsOptions): ListUploadsResult;
  /** One transaction: the object version is written, the upload and its parts removed. Unused part blobs are garbage. */
  completeUpload(uploadId: string, obj: NewObjectVersion, usedPartNumbers: readonly number[], now: Date): PutResult;
  abortUpload(uploadId: string): { garbageBlobIds: string[] };

  /** Every blob id referenced by an object version or a part (for the orphan sweep). */
  allBlobIds(): Set<string>;
  close(): void;
}

export interface BlobWriteResult {
  readonly blobId: string;
  readonly size: number;
}

/** Object bytes on disk under generated ids; a key never becomes a path. */
export interface BlobStore {
  /**
   * Streams `source` to a temp file, then renames it into place (fsyncing file and directory
   * first when durable). If `source` errors, the temp file is removed and the error rethrown.
   */
  write(source: Readable | AsyncIterable<Buffer>): Promise<BlobWriteResult>;
  /** Inclusive byte range, as HTTP Range. */
  read(blobId: string, range?: { start: number; end: number }): Readable;
  /** The same range read synchronously, for small objects (one pread from the page cache). */
  readSync(blobId: string, start: number, end: number): Buffer;
  size(blobId: string): Promise<number>;
  delete(blobId: string): Promise<void>;
  /** Removes temp files and blobs not in `live`; returns how many were removed. */
  sweep(live: Set<string>): Promise<number>;
}
