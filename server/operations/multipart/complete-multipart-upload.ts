import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Error } from '../../errors/s3-error';
import { parseXml } from '../../xml/xml-reader';
import { toXml } from '../../xml/xml-writer';
import type { Deps } from '../../deps';
import type { UploadedPart } from '../../../storage/types';
import { requireBucket } from '../shared/bucket-guard';
import { deleteBlobsLater } from '../shared/write-blob';
import type { OperationSpec } from '../types';
import { checkConditionalWrite } from '../shared/conditional-write';
import { requireUpload } from './upload-ref';
import { checkPartChecksums, compositeChecksum } from './composite-checksum';
import { sseResponseHeaders } from '../shared/sse-response';
import { versionIdHeader } from '../shared/object-headers';

/** Every part but the last must be at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface RequestedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** <ChecksumCRC32> etc. given for the part, by algorithm. */
  readonly checksums: Readonly<Record<string, string>>;
}

const PART_CHECKSUM_ELEMENTS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const;

async function requestedParts(body: Buffer | undefined): Promise<RequestedPart[]> {
  const { root, node } = await parseXml(body ?? Buffer.alloc(0));
  if (root !== 'CompleteMultipartUpload') throw new S3Error('MalformedXML');
  const parts = node.children('Part').map((p) => {
    const n = p.childText('PartNumber');
    const etag = p.childText('ETag');
    if (n === undefined || !/^\d+$/.test(n) || etag === undefined) throw new S3Error('MalformedXML');
    const checksums: Record<string, string> = {};
    for (const algorithm of PART_CHECKSUM_ELEMENTS) {
      const value = p.childText(`Checksum${algorithm}`);
      if (value !== undefined) checksums[algorithm] = value;
    }
    return { partNumber: Number(n), etag, checksums };
  });
  if (parts.length === 0) throw new S3Error('MalformedXML');
  return parts;
}

const bare = (etag: string) => etag.replace(/"/g, '').trim();

/** Checks S3's ordering, existence and size rules; returns the stored parts in order. */
function selectParts(requested: readonly RequestedPart[], stored: readonly UploadedPart[]): UploadedPart[] {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const chosen: UploadedPart[] = [];
  let previous = 0;
  for (const r of requested) {
    if (r.partNumber <= previous) throw new S3Error('InvalidPartOrder', undefined, [['UploadId', '']]);
    previous = r.partNumber;
    const part = byNumber.get(r.partNumber);
    if (!part || bare(part.etag) !== bare(r.etag)) {
      throw new S3Error('InvalidPart', undefined, [['PartNumber', String(r.partNumber)], ['ETag', r.etag]]);
    }
    checkPartChecksums(r.checksums, part);
    chosen.push(part);
  }
  chosen.forEach((p, i) => {
    if (i < chosen.length - 1 && p.size < MIN_PART_SIZE) {
      throw new S3Error('EntityTooSmall', undefined, [['ProposedSize', String(p.size)], ['MinSizeAllowed', String(MIN_PART_SIZE)], ['PartNumber', String(p.partNumber)], ['ETag', p.etag]]);
    }
  });
  return chosen;
}

/** The parts' bytes, one after another, streamed from their blobs. */
function concatenate(deps: Deps, parts: readonly UploadedPart[]): Readable {
  return Readable.from((async function* () {
    for (const p of parts) {
      if (!p.blobId || p.size === 0) continue;
      for await (const chunk of deps.blobs.read(p.blobId)) yield chunk as Buffer;
    }
  })());
}

/** "<md5 of the concatenated binary part MD5s>-<part count>", as every S3 client expects. */
export function multipartEtag(parts: readonly { etag: string }[]): string {
  const md5 = createHash('md5');
  for (const p of parts) md5.update(Buffer.from(bare(p.etag), 'hex'));
  return `"${md5.digest('hex')}-${parts.length}"`;
}

/** CompleteMultipartUpload — https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html */
export const completeMultipartUpload: OperationSpec = {
  name: 'CompleteMultipartUpload',
  method: 'POST',
  target: 'object',
  subresource: 'uploadId',
  body: 'xml',
  actions: () => ['s3:PutObject'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const upload = requireUpload(deps, input.bucket, input.key, input.query);
    checkConditionalWrite(deps, bucket.name, input.key, input.headers);
    const parts = selectParts(await requestedParts(input.xml), deps.store.allParts(upload.uploadId));
    const written = await deps.blobs.write(concatenate(deps, parts));
    const now = deps.clock.now();
    const etag = multipartEtag(parts);
    const checksums = compositeChecksum(upload, parts);
    const encryption = deps.objectCrypto.completeUpload(upload.encryption, parts.map((p) => ({ partNumber: p.partNumber, record: p.encryption })));
    let result;
    try {
      result = deps.store.completeUpload(upload.uploadId, {
        bucket: bucket.name,
        key: input.key,
        blobId: written.blobId,
        size: encryption.plainLength,
        etag,
        lastModified: now,
        ownerId: upload.ownerId,
        storageClass: upload.storageClass,
        headers: upload.headers,
        userMetadata: upload.userMetadata,
        tags: upload.tags,
        checksums,
        checksumType: Object.keys(checksums).length ? 'COMPOSITE' : undefined,
        parts: parts.map((p) => ({ partNumber: p.partNumber, size: p.size, etag: p.etag })),
        encryption,
      }, parts.map((p) => p.partNumber), now);
    } catch (e) {
      deleteBlobsLater(deps, [written.blobId]);
      throw e;
    }
    // The object has its own concatenated blob now, so every part blob is garbage.
    const partBlobs = parts.flatMap((p) => (p.blobId ? [p.blobId] : []));
    deleteBlobsLater(deps, [...new Set([...result.garbageBlobIds, ...partBlobs])]);
    return {
      status: 200,
      headers: {
        'x-amz-version-id': versionIdHeader(bucket, result.version.versionId),
        ...sseResponseHeaders({ mode: encryption.mode, kmsKeyArn: encryption.kmsKeyArn, bucketKeyEnabled: encryption.bucketKeyEnabled }),
      },
      body: toXml('CompleteMultipartUploadResult', {
        Location: `/${bucket.name}/${encodeURIComponent(input.key)}`,
        Bucket: bucket.name,
        Key: input.key,
        ETag: etag,
        ...Object.fromEntries(Object.entries(checksums).map(([algorithm, value]) => [`Checksum${algorithm}`, value])),
        ChecksumType: Object.keys(checksums).length ? 'COMPOSITE' : undefined,
      }),
    };
  },
};
