/**
 * Verifies the docs/clients.md line for Node clients: a separate `node` process that trusts
 * the emulator's CA only through NODE_EXTRA_CA_CERTS can use the AWS SDK v3 against the HTTPS
 * listener (PutObject over HTTPS goes out as aws-chunked with a CRC32 trailer), and without it
 * the certificate is refused.
 */
import { expect } from 'chai';
import { resolve } from 'node:path';
import { bucketName, cleanEnv, explain, run, sdkCreateBucket, sdkGet, useClientEmulator, type ClientEmulator } from './common';

const SCRIPT = `
const { S3Client, PutObjectCommand, ListObjectsV2Command } = require('@aws-sdk/client-s3');
const [endpoint, bucket] = process.argv.slice(1);
const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
(async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'node.txt', Body: 'from node over tls' }));
  const l = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  process.stdout.write(JSON.stringify((l.Contents || []).map((c) => c.Key)));
})().catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

describe('client: Node.js AWS SDK v3 in a child process (NODE_EXTRA_CA_CERTS)', function () {
  this.timeout(60_000);
  let ce: ClientEmulator;
  let dir: string;
  let bucket: string;
  const root = resolve(__dirname, '..', '..', '..', '..');

  useClientEmulator({ dir: 'node-tls', https: true }, async (started, tmp) => {
    ce = started;
    dir = tmp;
    bucket = bucketName('node-tls');
    await sdkCreateBucket(ce, bucket);
  });

  it('trusts the emulator CA via NODE_EXTRA_CA_CERTS and round-trips an object over HTTPS', async () => {
    const env = cleanEnv({ HOME: dir, NODE_EXTRA_CA_CERTS: ce.emu.caFile ?? '', NODE_NO_WARNINGS: '1' });
    const r = await run(process.execPath, ['-e', SCRIPT, ce.emu.httpsEndpoint ?? '', bucket], { env, cwd: root, timeoutMs: 30_000 });
    expect(r.code, explain('node + NODE_EXTRA_CA_CERTS', r, ce)).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal(['node.txt']);
    expect((await sdkGet(ce, bucket, 'node.txt')).data.toString()).to.equal('from node over tls');
  });

  it('without NODE_EXTRA_CA_CERTS the self-signed chain is refused', async () => {
    const env = cleanEnv({ HOME: dir, NODE_NO_WARNINGS: '1' });
    delete env['NODE_EXTRA_CA_CERTS'];
    const r = await run(process.execPath, ['-e', SCRIPT, ce.emu.httpsEndpoint ?? '', bucket], { env, cwd: root, timeoutMs: 30_000 });
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.match(/certificate|self[- ]signed|issuer/i);
  });
});
