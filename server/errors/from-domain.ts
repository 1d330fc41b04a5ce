import { StorageError } from '../../storage/types';
import { S3Error } from './s3-error';

/**
 * The one place lower-layer errors become S3 errors. Anything unknown stays internal
 * (the error responder turns it into InternalError and logs it).
 */
export function fromDomain(e: unknown, where: { bucket?: string; key?: string } = {}): unknown {
  if (e instanceof StorageError) {
    switch (e.tag) {
      case 'NoSuchBucket': return new S3Error('NoSuchBucket', undefined, where.bucket ? [['BucketName', where.bucket]] : []);
      case 'BucketExists': return new S3Error('BucketAlreadyOwnedByYou', undefined, where.bucket ? [['BucketName', where.bucket]] : []);
      case 'BucketNotEmpty': return new S3Error('BucketNotEmpty', undefined, where.bucket ? [['BucketName', where.bucket]] : []);
      case 'NoSuchKey': return new S3Error('NoSuchKey', undefined, where.key ? [['Key', where.key]] : []);
      case 'NoSuchVersion': return new S3Error('NoSuchVersion');
      case 'NoSuchUpload': return new S3Error('NoSuchUpload');
      case 'BlobMissing': return e;
    }
  }
  return e;
}
