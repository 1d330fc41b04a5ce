// Proof the encryption is real: no plaintext, SSE-C key or KMS data key anywhere in the data
// dir (object files, metadata.db, kms.db and their WAL files), and a flipped byte in a stored
// object file makes the GET fail instead of returning wrong bytes.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { CreateKeyCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { allFiles, bytes, createSsecBucket, markerPayload, MiB, scanFor, SEGMENT, ssec, ssecKey, useEnc, type EncHarness } from './support';

describe('encryption e2e: nothing secret at rest', () => {
  let h: EncHarness;
  let s3: S3Client;
  useEnc((e) => { h = e; s3 = h.s3s(); });

  it('Marker_SSE_C_key_and_data_keys_are_found_nowhere_in_the_data_dir', async () => {
    const kms = h.kms();
    const marker = `S3EMU-PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
    const payload = markerPayload(marker, 3 * SEGMENT + 777);
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const k = ssecKey();
    const b = await createSsecBucket(s3, 'proof');
    const writes: Array<[string, Record<string, unknown>]> = [
      ['sse-s3', { ServerSideEncryption: 'AES256' }],
      ['sse-kms', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }],
      ['sse-kms-default-key', { ServerSideEncryption: 'aws:kms' }],
      ['sse-kms-bucket-key', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId, BucketKeyEnabled: true }],
      ['dsse', { ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyId }],
      ['sse-c', ssec(k)],
    ];
    for (const [name, extra] of writes) {
      await s3.send(new PutObjectCommand({ Bucket: b, Key: `obj-${name}`, Body: payload, ...extra }));
    }
    // Multipart, in two modes.
    for (const [name, extra, read] of [['mp-kms', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }, {}], ['mp-c', ssec(k), ssec(k)]] as const) {
      const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: name, ...extra }));
      const part1 = markerPayload(marker, 5 * MiB);
      const p1 = await s3.send(new UploadPartCommand({ Bucket: b, Key: name, UploadId: up.UploadId, PartNumber: 1, Body: part1, ...read }));
      const p2 = await s3.send(new UploadPartCommand({ Bucket: b, Key: name, UploadId: up.UploadId, PartNumber: 2, Body: payload, ...read }));
      await s3.send(new CompleteMultipartUploadCommand({
        Bucket: b, Key: name, UploadId: up.UploadId, ...read,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
      }));
    }
    // An in-progress multipart upload's parts are at rest too.
    const pending = await s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'pending', ...ssec(k) }));
    await s3.send(new UploadPartCommand({ Bucket: b, Key: 'pending', UploadId: pending.UploadId, PartNumber: 1, Body: payload, ...ssec(k) }));

    const dataKeys: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      const g = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
      dataKeys.push(Buffer.from(g.Plaintext!));
    }

    // Everything reads back (so the data is really there, encrypted).
    for (const [name] of writes) {
      const read = name === 'sse-c' ? ssec(k) : {};
      const got = await s3.send(new GetObjectCommand({ Bucket: b, Key: `obj-${name}`, ...read }));
      expect((await bytes(got.Body)).equals(payload), name).to.equal(true);
    }

    const files = allFiles(h.emu.dataDir);
    const names = files.map((f) => f.slice(h.emu.dataDir.length));
    expect(names.some((n) => n.endsWith('metadata.db')), 'metadata.db scanned').to.equal(true);
    expect(names.some((n) => n.endsWith('kms.db')), 'kms.db scanned').to.equal(true);
    expect(files.filter((f) => f.includes(join('objects', 'blobs'))).length, 'object files scanned').to.be.greaterThan(8);

    const needles = [
      { label: 'plaintext marker', bytes: Buffer.from(marker) },
      { label: 'plaintext marker (utf16)', bytes: Buffer.from(marker, 'utf16le') },
      { label: 'SSE-C key raw', bytes: k.raw },
      { label: 'SSE-C key base64', bytes: Buffer.from(k.b64) },
      { label: 'SSE-C key hex', bytes: Buffer.from(k.raw.toString('hex')) },
      ...dataKeys.flatMap((dk, i) => [
        { label: `data key ${i} raw`, bytes: dk },
        { label: `data key ${i} base64`, bytes: Buffer.from(dk.toString('base64')) },
        { label: `data key ${i} hex`, bytes: Buffer.from(dk.toString('hex')) },
      ]),
    ];
    const hits = scanFor(h.emu.dataDir, needles);
    expect(hits, `secrets found at rest in ${h.emu.dataDir}`).to.deep.equal([]);
    // The scanner can find things: the bucket name is stored in metadata.
    expect(scanFor(h.emu.dataDir, [{ label: 'bucket name', bytes: Buffer.from(b) }]).length, 'scanner sanity').to.be.greaterThan(0);
  });

  it('A_flipped_byte_in_a_stored_object_file_makes_GET_fail_never_wrong_bytes', async () => {
    const b = await createSsecBucket(s3, 'flip');
    const k = ssecKey();
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['sse-s3', {}, {}],
      ['sse-kms', { ServerSideEncryption: 'aws:kms' }, {}],
      ['dsse', { ServerSideEncryption: 'aws:kms:dsse' }, {}],
      ['sse-c', ssec(k), ssec(k)],
    ];
    for (const [name, write, read] of cases) {
      const plain = randomBytes(3 * SEGMENT + 100);
      const before = new Set(allFiles(join(h.emu.dataDir, 'objects')));
      await s3.send(new PutObjectCommand({ Bucket: b, Key: name, Body: plain, ...write }));
      const added = allFiles(join(h.emu.dataDir, 'objects')).filter((f) => !before.has(f));
      expect(added, `${name}: one new object file`).to.have.length(1);
      const file = added[0];
      const stored = readFileSync(file);
      expect(stored.length, `${name}: stored size is ciphertext size`).to.be.greaterThan(plain.length);
      expect(stored.includes(plain.subarray(1000, 1064)), `${name}: plaintext not in the file`).to.equal(false);
      const mid = Math.floor(stored.length / 2);
      stored[mid] ^= 0x40;
      writeFileSync(file, stored);

      let returned: Buffer | undefined;
      let failed = false;
      try {
        const got = await s3.send(new GetObjectCommand({ Bucket: b, Key: name, ...read }));
        returned = await bytes(got.Body);
      } catch {
        failed = true;
      }
      if (!failed) {
        expect(returned!.equals(plain), `${name}: a tampered object must never return wrong bytes`).to.equal(true);
        expect.fail(`${name}: GET of a tampered object succeeded`);
      }
    }
  });
});
