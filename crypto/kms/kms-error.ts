/** AWS KMS exception names this core raises; the JSON front end sends them as `__type`, S3 as `KMS.<name>`. */
export type KmsErrorCode =
  | 'NotFoundException'
  | 'DisabledException'
  | 'KMSInvalidStateException'
  | 'InvalidCiphertextException'
  | 'IncorrectKeyException'
  | 'InvalidKeyUsageException'
  | 'ValidationException'
  | 'AlreadyExistsException'
  | 'InvalidAliasNameException'
  | 'NotAuthorizedException'
  | 'AccessDeniedException'
  | 'TagException'
  | 'MalformedPolicyDocumentException'
  | 'UnsupportedOperationException'
  | 'InvalidMarkerException'
  | 'LimitExceededException';

/** A tagged KMS failure. All of AWS KMS's client errors are HTTP 400. */
export class KmsError extends Error {
  readonly status = 400;
  constructor(readonly code: KmsErrorCode, message = '') {
    super(message);
    this.name = 'KmsError';
  }
}

export function isKmsError(e: unknown): e is KmsError {
  return e instanceof KmsError;
}

export const INCORRECT_KEY_MESSAGE =
  'The key ID in the request does not identify a CMK that can perform this operation.';

export function validationError(field: string, value: string, constraint: string): KmsError {
  return new KmsError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
