import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SseMode } from '../../../crypto/encryption-record';
import { ObjectCrypto, type WriteParams } from '../../../crypto/object-crypto';
import type { KmsCallEvent } from '../../../crypto/object-keys';
import { SEGMENT_SIZE } from '../../../crypto/segment-format';
import { caller, makeKms, type Fixture } from '../kms/kms-fixture';

async function collect(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const base = { accountId: caller.accountId, region: caller.region, bucket: 'b', key: 'k' };
const reader = (blob: Buffer) => (s: number, e: number) => Readable.from([blob.subarray(s, e + 1)]);

describe('ObjectCrypto', () => {
  let f: Fixture;
  let oc: ObjectCrypto;
  let calls: KmsCallEvent[];
  let keyArn: string;
  beforeEach(() => {
    f = makeKms();
    calls = [];
    oc = new ObjectCrypto({ rootKey: f.rootKey, kms: f.kms, clock: f.clock.now, random: randomBytes, onKmsCall: (e) => calls.push(e) });
    keyArn = f.kms.createKey(caller).Arn;
  });

  async function put(p: WriteParams, plain: Buffer): Promise<{ blob: Buffer; record: unknown }> {
    const w = await oc.beginWrite(p);
    const out: Buffer[] = [];
    await pipeline(Readable.from([plain]), w.transform, async function* (src) { for await (const c of src) out.push(c as Buffer); });
    return { blob: Buffer.concat(out), record: JSON.parse(JSON.stringify(w.record(plain.length))) };
  }

  const ssecKey = randomBytes(32);
  const modes: Array<{ name: string; p: () => WriteParams; kmsCalls: number }> = [
    { name: 'sse_s3', p: () => ({ ...base, mode: 'AES256' }), kmsCalls: 0 },
    { name: 'sse_kms', p: () => ({ ...base, mode: 'aws:kms', kmsKeyId: keyArn, context: { app: 'x' } }), kmsCalls: 1 },
    { name: 'sse_kms_default_aws_s3_key', p: () => ({ ...base, mode: 'aws:kms' }), kmsCalls: 1 },
    { name: 'sse_kms_bucket_key', p: () => ({ ...base, mode: 'aws:kms', kmsKeyId: keyArn, bucketKeyEnabled: true }), kmsCalls: 1 },
    { name: 'dsse_kms', p: () => ({ ...base, mode: 'aws:kms:dsse', kmsKeyId: keyArn }), kmsCalls: 2 },
    { name: 'sse_c', p: () => ({ ...base, mode: 'SSE-C', ssecKey }), kmsCalls: 0 },
  ];
  for (const m of modes) {
    it(`${m.name}: round trip, ranges, ciphertext not plaintext, record is JSON`, async () => {
      const plain = randomBytes(2 * SEGMENT_SIZE + 333);
      const { blob, record } = await put(m.p(), plain);
      expect(calls.filter((c) => c.operation === 'GenerateDataKey')).to.have.length(m.kmsCalls);
      expect(blob.indexOf(plain.subarray(0, 32))).to.equal(-1);
      const r = await oc.openRead(record, { ...base, ssecKey: m.p().ssecKey });
      expect(r.plainLength).to.equal(plain.length);
      expect(r.cipherLength).to.equal(blob.length);
      expect((await collect(r.stream(reader(blob)))).equals(plain)).to.equal(true);
      const range = { start: SEGMENT_SIZE - 3, end: SEGMENT_SIZE + 3 };
      expect((await collect(r.stream(reader(blob), range))).equals(plain.subarray(range.start, range.end + 1))).to.equal(true);
      const other = oc.openRead(record, { ...base, key: 'moved', ssecKey: m.p().ssecKey })
        .then(async (rr) => collect(rr.stream(reader(blob))));
      await expectReject(other);
    });
  }

  it('sse_kms records the key ARN and context; Decrypt is called on read', async () => {
    const { record } = await put({ ...base, mode: 'aws:kms', kmsKeyId: 'alias/aws/s3', context: { a: 'b' } }, Buffer.from('x'));
    const r = await oc.openRead(record, base);
    expect(r.kmsKeyArn).to.equal(f.kms.describeKey(caller, 'alias/aws/s3').Arn);
    expect(r.userContext).to.deep.equal({ a: 'b' });
    expect(calls.at(-1)).to.deep.include({ operation: 'Decrypt' });
    expect(calls.at(-1)?.context).to.deep.equal({ a: 'b', 'aws:s3:arn': 'arn:aws:s3:::b/k' });
  });

  it('bucket key: many objects, one GenerateDataKey; disabling the key still takes effect', async () => {
    const p: WriteParams = { ...base, mode: 'aws:kms', kmsKeyId: keyArn, bucketKeyEnabled: true };
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(await put({ ...p, key: `k${i}` }, Buffer.from(`v${i}`)));
    expect(calls.filter((c) => c.operation === 'GenerateDataKey')).to.have.length(1);
    expect(calls[0].context).to.deep.equal({ 'aws:s3:arn': 'arn:aws:s3:::b' });
    f.kms.disableKey(caller, keyArn);
    await expectReject(oc.openRead(stored[0].record, { ...base, key: 'k0' }), 'DisabledException');
    await expectReject(oc.beginWrite(p), 'DisabledException');
  });

  it('KMS errors surface tagged: pending deletion, unknown key', async () => {
    const { record } = await put({ ...base, mode: 'aws:kms', kmsKeyId: keyArn }, Buffer.from('x'));
    f.kms.scheduleKeyDeletion(caller, keyArn, 7);
    await expectReject(oc.openRead(record, base), 'KMSInvalidStateException');
    await expectReject(oc.beginWrite({ ...base, mode: 'aws:kms', kmsKeyId: 'alias/missing' }), 'NotFoundException');
  });

  it('sse_c: wrong key rejected, missing key required, key for non-SSE-C object not applicable', async () => {
    const { record } = await put({ ...base, mode: 'SSE-C', ssecKey }, Buffer.from('secret'));
    expect(JSON.stringify(record)).to.not.include(ssecKey.toString('base64'));
    expect(oc.verifySsecKey(record, ssecKey)).to.equal(true);
    expect(oc.verifySsecKey(record, randomBytes(32))).to.equal(false);
    await expectReject(oc.openRead(record, { ...base, ssecKey: randomBytes(32) }), 'SsecKeyMismatch');
    await expectReject(oc.openRead(record, base), 'SsecKeyRequired');
    const plainObj = await put({ ...base, mode: 'AES256' }, Buffer.from('x'));
    await expectReject(oc.openRead(plainObj.record, { ...base, ssecKey }), 'SsecNotApplicable');
    await expectReject(oc.beginWrite({ ...base, mode: 'SSE-C', ssecKey: randomBytes(16) }), 'SsecKeyInvalid');
  });

  for (const mode of ['AES256', 'aws:kms', 'aws:kms:dsse', 'SSE-C'] as SseMode[]) {
    it(`multipart_${mode}: parts with own keys decrypt as one blob, ranges across parts`, async () => {
      const p: WriteParams = { ...base, mode, kmsKeyId: mode.startsWith('aws:kms') ? keyArn : undefined, ssecKey: mode === 'SSE-C' ? ssecKey : undefined };
      const upload = JSON.parse(JSON.stringify(await oc.beginUpload(p)));
      const sizes = [SEGMENT_SIZE + 7, 1000, 5];
      const plains = sizes.map((n) => randomBytes(n));
      const blobs: Buffer[] = [];
      const parts: Array<{ partNumber: number; record: unknown }> = [];
      for (let i = 0; i < sizes.length; i++) {
        const w = await oc.beginPart(upload, { ...base, partNumber: i + 1, ssecKey: p.ssecKey });
        blobs.push(await collect(Readable.from([plains[i]]).pipe(w.transform)));
        parts.push({ partNumber: i + 1, record: w.record() });
      }
      const record = oc.completeUpload(upload, parts);
      const blob = Buffer.concat(blobs);
      const plain = Buffer.concat(plains);
      const r = await oc.openRead(record, { ...base, ssecKey: p.ssecKey });
      expect((await collect(r.stream(reader(blob)))).equals(plain)).to.equal(true);
      const range = { start: SEGMENT_SIZE, end: SEGMENT_SIZE + 1005 };
      expect((await collect(r.stream(reader(blob), range))).equals(plain.subarray(range.start, range.end + 1))).to.equal(true);
      if (mode === 'SSE-C') await expectReject(oc.beginPart(upload, { ...base, partNumber: 4, ssecKey: randomBytes(32) }), 'SsecKeyMismatch');
    });
  }
});

async function expectReject(p: Promise<unknown>, code?: string): Promise<void> {
  let err: unknown;
  try { await p; } catch (e) { err = e; }
  expect(err, 'expected a rejection').to.be.instanceOf(Error);
  if (code) expect(err).to.have.property('code', code);
}
