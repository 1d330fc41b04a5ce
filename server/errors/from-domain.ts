import { KmsError } from '../../crypto/kms/kms-error';
import { ObjectCryptoError } from '../../crypto/object-crypto-error';
import { StorageError } from '../../storage/types';
import type { ErrorCode } from './catalog';
import { S3Error } from './s3-error';

/** KMS failures S3 passes through as `KMS.<name>` (400), as AWS S3 does. */
const KMS_CODES: Readonly<Record<string, ErrorCode>> = {
  NotFoundException: 'KMS.NotFoundException',
  DisabledException: 'KMS.DisabledException',
  KMSInvalidStateException: 'KMS.KMSInvalidStateException',
  AccessDeniedException: 'KMS.AccessDeniedException',
  InvalidKeyUsageException: 'KMS.InvalidKeyUsageException',
  NotAuthorizedException: 'KMS.AccessDeniedException',
};

const SSEC_KEY_MISMATCH = 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.';
const SSEC_REQUIRED = 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.';

function fromObjectCrypto(e: ObjectCryptoError): unknown {
  switch (e.code) {
    case 'SsecKeyMismatch':
      // A part whose key differs from CreateMultipartUpload's is 400; a wrong key on read is 403.
      return e.message.startsWith('The provided encryption parameters')
        ? new S3Error('InvalidRequest', e.message)
        : new S3Error('AccessDenied', SSEC_KEY_MISMATCH);
    case 'SsecKeyRequired': return new S3Error('InvalidRequest', SSEC_REQUIRED);
    case 'SsecNotApplicable': return new S3Error('InvalidRequest', e.message);
    case 'SsecKeyInvalid': return new S3Error('InvalidArgument', 'The secret key was invalid for the specified algorithm.');
    case 'InvalidParameters': return new S3Error('InvalidArgument', e.message);
    default: return e;
  }
}

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
  if (e instanceof KmsError) {
    const code = KMS_CODES[e.code];
    return code ? new S3Error(code, e.message || undefined) : new S3Error('InvalidArgument', e.message || e.code);
  }
  if (e instanceof ObjectCryptoError) return fromObjectCrypto(e);
  return e;
}
