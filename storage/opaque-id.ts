import { randomBytes } from 'node:crypto';

/** Injected randomness (tests pass a deterministic one); defaults to crypto.randomBytes. */
export type RandomSource = (n: number) => Buffer;

export const defaultRandom: RandomSource = (n) => randomBytes(n);

/** The version id S3 gives objects written while versioning is off or suspended. */
export const NULL_VERSION_ID = 'null';

const GENERATED_VERSION_ID = /^[A-Za-z0-9_-]{32}$/;

/** 24 random bytes → 32 url-safe characters, shaped like AWS's opaque version ids. */
export function newVersionId(random: RandomSource = defaultRandom): string {
  return random(24).toString('base64url');
}

/** Upload ids are longer in AWS; 48 bytes → 64 url-safe characters. */
export function newUploadId(random: RandomSource = defaultRandom): string {
  return random(48).toString('base64url');
}

/** True for 'null' and for ids this store could have generated; anything else is malformed. */
export function isWellFormedVersionId(id: string): boolean {
  return id === NULL_VERSION_ID || GENERATED_VERSION_ID.test(id);
}
