import { deriveKey, seal, unseal, UnsealError } from '../seal';
import { KmsError } from './kms-error';
import type { KeyMaterial, RotationType, StoredKey } from './types';

const WRAP_INFO = 's3emu kms key-material wrap v1';

/**
 * Creates and opens key material. Material exists in plaintext only in memory, for the
 * duration of one operation; what is stored is wrapped under a root-derived key with the
 * key ARN and version as AAD, so material moved to another key record does not open.
 */
export class MaterialVault {
  private readonly wrapKey: Buffer;

  constructor(rootKey: Buffer, private readonly random: (n: number) => Buffer) {
    if (rootKey.length !== 32) throw new Error('root key must be 32 bytes');
    this.wrapKey = deriveKey(rootKey, WRAP_INFO);
  }

  create(arn: string, version: number, createdAt: Date, rotationType: RotationType): KeyMaterial {
    const material = this.random(32);
    const wrapped = seal(this.wrapKey, material, aad(arn, version), this.random);
    material.fill(0);
    return { version, wrapped, createdAt, rotationType };
  }

  open(key: StoredKey, version: number): Buffer {
    const m = key.materials.find((x) => x.version === version);
    if (!m) throw new KmsError('InvalidCiphertextException');
    try {
      return unseal(this.wrapKey, m.wrapped, aad(key.arn, version));
    } catch (e) {
      // A stored record that does not open means the root key changed or the db was edited.
      if (e instanceof UnsealError) throw new Error(`key material of ${key.arn} cannot be unwrapped (wrong root key?)`);
      throw e;
    }
  }

  current(key: StoredKey): KeyMaterial {
    return key.materials.reduce((a, b) => (b.version > a.version ? b : a));
  }
}

function aad(arn: string, version: number): string {
  return `kms-material|${arn}|${version}`;
}
