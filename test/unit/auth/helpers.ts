import { expect } from 'chai';
import type { AuthOptions, CredentialLookup, KnownCredential } from '../../../server/auth/types';
import { isS3Error, S3Error } from '../../../server/errors/s3-error';

export const AKID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const TOKEN_AKID = 'ASIAEXAMPLETEMPORARY';
export const TOKEN = 'FwoGZXIvYXdzEXAMPLEsessiontoken';

const KEYS: Record<string, KnownCredential> = {
  [AKID]: { accessKeyId: AKID, secretAccessKey: SECRET, owner: '123456789012' },
  [TOKEN_AKID]: { accessKeyId: TOKEN_AKID, secretAccessKey: SECRET, owner: '123456789012', sessionToken: TOKEN },
};
export const lookup: CredentialLookup = (id) => KEYS[id];

export function opts(at: Date, region = 'us-east-1', now: Date = at): AuthOptions {
  return { region, realNow: at, now };
}

/** Runs fn, expects an S3Error with this code (and message, when given); returns it. */
export function expectS3Error(fn: () => unknown, code: string, message?: string): S3Error {
  try {
    fn();
  } catch (e) {
    if (!isS3Error(e)) throw e;
    expect(e.code).to.equal(code);
    if (message !== undefined) expect(e.message).to.equal(message);
    return e;
  }
  return expect.fail(`expected S3Error ${code}`);
}

export function field(e: S3Error, name: string): string | undefined {
  return e.fields.find(([n]) => n === name)?.[1];
}
