/**
 * The storage layer's contract: SQLite metadata (synchronous, one transaction per mutation)
 * and a blob store of object bytes under generated ids. Nothing here knows HTTP or S3 XML.
 * Every object is a version: unversioned buckets hold exactly one version with id 'null'.
 */

export type VersioningState = 'Unversioned' | 'Enabled' | 'Suspended';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface BucketRecord {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly createdAt: Date;
  readonly versioning: VersioningState;
  readonly objectLockEnabled: boolean;
}

/** System headers stored with an object and returned on GET/HEAD. */
export interface StoredHeaders {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
  readonly websiteRedirectLocation?: string;
}

/** x-amz-checksum-* values (base64), by algorithm name as S3 spells it. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256' | 'CRC64NVME';
export type Checksums = Partial<Record<ChecksumAlgorithm, string>>;

/** One stored part of a completed multipart object (for partNumber GETs and the ETag). */
export interface PartInfo {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  /**
   * The part's blob when the completed object keeps its part blobs instead of one
   * concatenated blob. Storage counts these as referenced (allBlobIds, garbage on delete).
   */
  readonly blobId?: string | null;
}

export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  /** 'null' for the null version (unversioned or suspended buckets). */
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly isDeleteMarker: boolean;
  /** Id in the blob store; null for delete markers and empty objects. */
  readonly blobId: string | null;
  readonly size: number;
  /** Quoted, as returned in the ETag header: "hex" or "hex-N". */
  readonly etag: string;
  readonly lastModified: Date;
  readonly ownerId: string;
  readonly storageClass: string;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly checksums: Checksums;
  /** 'FULL_OBJECT' or 'COMPOSITE' (multipart), when a checksum is stored. */
  readonly checksumType?: string;
  readonly parts?: readonly PartInfo[];
  /** Opaque to storage: the encryption envelope (mode, sealed keys, key ids). */
  readonly encryption?: unknown;
  /** Opaque to storage: Object Lock retention and legal hold, for the Object Lock issue. */
  readonly lock?: unknown;
}

/** What a writer supplies; the store assigns versionId, isLatest and lastModified. */
export type NewObjectVersion = Omit<ObjectVersion, 'versionId' | 'isLatest' | 'lastModified' | 'isDeleteMarker'> & {
  readonly lastModified: Date;
};

export interface PutResult {
  readonly version: ObjectVersion;
  /** Blobs no longer referenced (a replaced null version); delete them after the commit. */
  readonly garbageBlobIds: readonly string[];
}

export interface DeleteResult {
  /** The delete marker created, when one was. */
  readonly deleteMarker?: ObjectVersion;
  /** The version removed, when a version was removed. */
  readonly removed?: ObjectVersion;
  readonly garbageBlobIds: readonly string[];
}

export interface ListOptions {
  readonly prefix?: string;
  readonly delimiter?: string;
  /** Return keys strictly after this one (marker / start-after / continuation). */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface ListResult {
  readonly objects: readonly ObjectVersion[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned, for NextMarker / continuation tokens. */
  readonly nextMarker?: string;
}

export interface ListVersionsOptions {
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
  readonly maxKeys: number;
}

export interface ListVersionsResult {
  /** Versions and delete markers, by key ascending then newest first. */
  readonly versions: readonly ObjectVersion[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextVersionIdMarker?: string;
}

export interface MultipartUpload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: Date;
  readonly ownerId: string;
  readonly storageClass: string;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: string;
  readonly encryption?: unknown;
  readonly lock?: unknown;
}

export interface UploadedPart {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly blobId: string | null;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
  readonly checksums: Checksums;
  readonly encryption?: unknown;
}

export interface ListUploadsOptions {
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly uploadIdMarker?: string;
  readonly maxUploads: number;
}

export interface ListUploadsResult {
  readonly uploads: readonly MultipartUpload[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextUploadIdMarker?: string;
}

export interface ListPartsOptions {
  readonly partNumberMarker?: number;
  readonly maxParts: number;
}

/** Tagged errors thrown by storage; server/errors/from-domain.ts maps them to S3 errors. */
export type StorageErrorTag =
  | 'BucketExists'
  | 'NoSuchBucket'
  | 'BucketNotEmpty'
  | 'NoSuchKey'
  | 'NoSuchVersion'
  | 'NoSuchUpload'
  | 'BlobMissing';

export class StorageError extends Error {
  constructor(readonly tag: StorageErrorTag, message?: string) {
    super(message ?? tag);
    this.name = 'StorageError';
  }
}
