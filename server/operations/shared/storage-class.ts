import { S3Error } from '../../errors/s3-error';
import type { ObjectVersion } from '../../../storage/types';

/** Storage classes S3 accepts on PUT, copy and CreateMultipartUpload. */
const STORAGE_CLASSES = new Set([
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER',
  'DEEP_ARCHIVE', 'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS',
]);

/** Classes whose objects must be restored before a GET (the emulator has no RestoreObject yet). */
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

export function validStorageClass(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!STORAGE_CLASSES.has(value)) throw new S3Error('InvalidStorageClass', undefined, [['StorageClassRequested', value]]);
  return value;
}

export function requireRestoredIfArchived(v: ObjectVersion): void {
  if (ARCHIVED.has(v.storageClass)) {
    throw new S3Error('InvalidObjectState', "The operation is not valid for the object's storage class", [['StorageClass', v.storageClass]]);
  }
}
