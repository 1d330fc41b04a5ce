import { KmsError } from './kms-error';

/**
 * Our KMS ciphertext blob (opaque to clients, as AWS's is):
 * [format 0x01][id length 1][key id utf8][material version u32be][iv 12][tag 16][ciphertext].
 * The header (everything before the iv) is authenticated as AAD, so the key id and
 * material version cannot be swapped; Decrypt without a KeyId reads the key id from it.
 */
const BLOB_FORMAT = 1;
export const BLOB_IV_LEN = 12;
export const BLOB_TAG_LEN = 16;

export interface ParsedBlob {
  readonly header: Buffer;
  readonly keyId: string;
  readonly materialVersion: number;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function blobHeader(keyId: string, materialVersion: number): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  const h = Buffer.alloc(2 + id.length + 4);
  h[0] = BLOB_FORMAT;
  h[1] = id.length;
  id.copy(h, 2);
  h.writeUInt32BE(materialVersion, 2 + id.length);
  return h;
}

export function parseBlob(blob: Buffer): ParsedBlob {
  const bad = () => new KmsError('InvalidCiphertextException');
  if (blob.length < 2 || blob[0] !== BLOB_FORMAT) throw bad();
  const idLen = blob[1];
  const headerLen = 2 + idLen + 4;
  if (idLen === 0 || blob.length < headerLen + BLOB_IV_LEN + BLOB_TAG_LEN) throw bad();
  const ivAt = headerLen;
  const tagAt = ivAt + BLOB_IV_LEN;
  return {
    header: blob.subarray(0, headerLen),
    keyId: blob.subarray(2, 2 + idLen).toString('utf8'),
    materialVersion: blob.readUInt32BE(2 + idLen),
    iv: blob.subarray(ivAt, tagAt),
    tag: blob.subarray(tagAt, tagAt + BLOB_TAG_LEN),
    ciphertext: blob.subarray(tagAt + BLOB_TAG_LEN),
  };
}
