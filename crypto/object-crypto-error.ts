/**
 * Object encryption failures, mapped to S3 errors in one place on the server side:
 * IntegrityError → InternalError (stored bytes corrupt), SsecKeyRequired → 400 InvalidRequest,
 * SsecKeyMismatch → 403 AccessDenied, SsecNotApplicable → 400 InvalidRequest (key sent for a
 * non-SSE-C object), InvalidRange → 416, InvalidRecord → InternalError.
 * KMS failures surface as KmsError (crypto/kms/kms-error.ts) → S3 `KMS.<code>`.
 */
export type ObjectCryptoErrorCode =
  | 'IntegrityError'
  | 'SsecKeyRequired'
  | 'SsecKeyMismatch'
  | 'SsecNotApplicable'
  | 'SsecKeyInvalid'
  | 'InvalidRange'
  | 'InvalidRecord'
  | 'InvalidParameters';

export class ObjectCryptoError extends Error {
  constructor(readonly code: ObjectCryptoErrorCode, message: string = code) {
    super(message);
    this.name = 'ObjectCryptoError';
  }
}
