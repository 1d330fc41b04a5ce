import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedKeys } from '../../../crypto/kms/seed-keys';
import { SqliteKmsKeyStore } from '../../../storage/kms-key-store';
import { caller, codeOf, makeKms } from './kms-fixture';

describe('SqliteKmsKeyStore', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'kms-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persists keys, materials and aliases across reopen; old ciphertexts still decrypt', () => {
    const file = join(dir, 'kms.db');
    const s1 = new SqliteKmsKeyStore(file);
    const f1 = makeKms(s1);
    const id = f1.kms.createKey(caller, { description: 'persisted' }).KeyId;
    f1.kms.createAlias(caller, 'alias/p', id);
    const blob = f1.kms.encrypt(caller, 'alias/p', Buffer.from('x'), { k: 'v' }).ciphertextBlob;
    f1.kms.rotateKeyOnDemand(caller, id);
    f1.kms.tagResource(caller, id, [{ TagKey: 't', TagValue: 'v' }]);
    s1.close();
    const s2 = new SqliteKmsKeyStore(file);
    const f2 = makeKms(s2, f1.rootKey);
    expect(f2.kms.describeKey(caller, 'alias/p').Description).to.equal('persisted');
    expect(f2.kms.decrypt(caller, blob, { k: 'v' }).plaintext.toString()).to.equal('x');
    expect(f2.kms.listKeyRotations(caller, id).rotations).to.have.length(1);
    expect(f2.kms.listResourceTags(caller, id)).to.deep.equal([{ TagKey: 't', TagValue: 'v' }]);
    s2.close();
  });

  it('a different root key cannot open stored material', () => {
    const file = join(dir, 'kms.db');
    const s1 = new SqliteKmsKeyStore(file);
    const f1 = makeKms(s1);
    const id = f1.kms.createKey(caller).KeyId;
    s1.close();
    const s2 = new SqliteKmsKeyStore(file);
    expect(() => makeKms(s2).kms.encrypt(caller, id, Buffer.from('x'))).to.throw(/cannot be unwrapped/);
    s2.close();
  });

  it('holds no plaintext key material or root key (db and WAL scanned)', () => {
    const file = join(dir, 'kms.db');
    const store = new SqliteKmsKeyStore(file);
    const f = makeKms(store);
    for (let i = 0; i < 5; i++) {
      const id = f.kms.createKey(caller).KeyId;
      f.kms.rotateKeyOnDemand(caller, id);
    }
    const secrets = f.issued.filter((b) => b.length === 32);
    expect(secrets.length).to.be.greaterThan(9);
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((p) => readFileSync(p)));
    store.close();
    for (const s of [...secrets, f.rootKey]) {
      expect(bytes.indexOf(s)).to.equal(-1);
      expect(bytes.indexOf(Buffer.from(s.toString('base64')))).to.equal(-1);
      expect(bytes.indexOf(Buffer.from(s.toString('hex')))).to.equal(-1);
    }
  });

  it('seedKeys is idempotent and applies enabled/rotation/aliases', () => {
    const f = makeKms(new SqliteKmsKeyStore(':memory:'));
    const seed = [{ id: 'my-key-id', aliases: ['alias/app'], enabled: true, rotation: true, description: 'seeded' }];
    seedKeys(f.kms, caller.accountId, caller.region, seed);
    const blob = f.kms.encrypt(caller, 'alias/app', Buffer.from('x')).ciphertextBlob;
    seedKeys(f.kms, caller.accountId, caller.region, seed);
    expect(f.kms.decrypt(caller, blob).plaintext.toString()).to.equal('x');
    expect(f.kms.getKeyRotationStatus(caller, 'my-key-id').enabled).to.equal(true);
    expect(f.kms.listKeys(caller).keys).to.have.length(1);
    seedKeys(f.kms, caller.accountId, caller.region, [{ ...seed[0], enabled: false }]);
    expect(codeOf(() => f.kms.encrypt(caller, 'alias/app', Buffer.from('x')))).to.equal('DisabledException');
  });
});
