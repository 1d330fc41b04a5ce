import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateRootKey, parseRootKey, ROOT_KEY_FILE } from '../../../crypto/root-key';

describe('root key', () => {
  it('env_hex_and_base64', () => {
    const hex = 'ab'.repeat(32);
    expect(loadOrCreateRootKey(null, { S3EMU_ROOT_KEY: hex }).toString('hex')).to.equal(hex);
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(loadOrCreateRootKey('/nonexistent', { S3EMU_ROOT_KEY: b64 }).toString('hex')).to.equal(hex);
    expect(() => parseRootKey('c2hvcnQ=')).to.throw(/32 bytes/);
  });

  it('file_created_once_with_mode_0600_and_reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rootkey-'));
    try {
      const a = loadOrCreateRootKey(dir, {});
      const b = loadOrCreateRootKey(dir, {});
      expect(a.equals(b)).to.equal(true);
      expect(statSync(join(dir, ROOT_KEY_FILE)).mode & 0o777).to.equal(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ephemeral_when_no_data_dir', () => {
    expect(loadOrCreateRootKey(null, {}).equals(loadOrCreateRootKey(':memory:', {}))).to.equal(false);
  });
});
