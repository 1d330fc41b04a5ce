import { expect } from 'chai';
import aws4 from 'aws4';
import { CreateBucketCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { startEmulator, type Emulator } from '../../../server/index';

const CONFIG = {
  accounts: [{
    id: '123456789012',
    root: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    kmsKeys: [{ id: 'seeded-key', aliases: ['alias/seeded'] }],
    buckets: [{ name: 'seeded-bucket' }],
  }],
};

async function post(emu: Emulator, path: string, signed: boolean): Promise<Response> {
  const url = new URL(emu.endpoint);
  if (!signed) return fetch(`${emu.endpoint}${path}`, { method: 'POST' });
  const s = aws4.sign({ host: url.host, path, method: 'POST', service: 's3', region: 'us-east-1', body: '' }, emu.credentials);
  const headers = Object.fromEntries(Object.entries(s.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
  return fetch(`${emu.endpoint}${path}`, { method: 'POST', headers });
}

describe('emulator endpoint: POST /_emulator/reset', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, quiet: true, config: CONFIG }); });
  after(async () => { await emu.stop(); });

  it('reset_needs_root_credentials', async () => {
    const res = await post(emu, '/_emulator/reset', false);
    expect(res.status).to.equal(403);
    expect(await res.text()).to.contain('<Code>AccessDenied</Code>');
  });

  it('reset_returns_buckets_keys_and_clock_to_the_seed_state', async () => {
    const cfg = { endpoint: emu.endpoint, region: 'us-east-1', credentials: emu.credentials, maxAttempts: 1 };
    const s3 = new S3Client({ ...cfg, forcePathStyle: true });
    const kms = new KMSClient(cfg);
    await s3.send(new PutObjectCommand({ Bucket: 'seeded-bucket', Key: 'later', Body: 'x' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'extra-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'extra-bucket', Key: 'k', Body: 'y', ServerSideEncryption: 'aws:kms' }));
    await kms.send(new CreateKeyCommand({ Description: 'made after start' }));
    emu.clock.advanceSeconds(3600);

    const res = await post(emu, '/_emulator/reset', true);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { offsetSeconds: number }).offsetSeconds).to.equal(0);

    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).to.deep.equal(['seeded-bucket']);
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: 'seeded-bucket' }));
    expect(objects.KeyCount).to.equal(0);
    const keys = await kms.send(new ListKeysCommand({}));
    expect(keys.Keys?.map((k) => k.KeyId)).to.deep.equal(['seeded-key']);
    expect(emu.clock.offsetSeconds()).to.equal(0);
  });
});
