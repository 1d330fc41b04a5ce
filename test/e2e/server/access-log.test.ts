import { expect } from 'chai';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '../../../server/index';
import { createLogger } from '../../../server/log';

describe('access log: one structured line per request', () => {
  let emu: Emulator;
  const lines: string[] = [];
  before(async () => {
    emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, logger: createLogger({ quiet: false, write: (l) => lines.push(l) }) });
  });
  after(async () => { await emu.stop(); });

  it('names_operation_principal_status_and_duration_and_never_a_secret', async () => {
    const s3 = new S3Client({ endpoint: emu.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: emu.credentials, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: 'log-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'log-bucket', Key: 'k', Body: 'v' }));
    await s3.send(new GetObjectCommand({ Bucket: 'log-bucket', Key: 'missing' })).catch(() => undefined);
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['requestId'] !== undefined);
    expect(requests.map((r) => r['operation'])).to.deep.equal(['CreateBucket', 'PutObject', 'GetObject']);
    expect(requests.map((r) => r['status'])).to.deep.equal([200, 200, 404]);
    for (const r of requests) {
      expect(r['principal']).to.equal('arn:aws:iam::123456789012:root');
      expect(r['ms']).to.be.a('number');
    }
    expect(requests[2]?.['error']).to.equal('NoSuchKey');
    const all = lines.join('\n');
    expect(all).not.to.contain(emu.credentials.secretAccessKey);
    expect(all).not.to.contain('Signature=');
  });

  it('quiet_logger_builds_no_request_lines', () => {
    const quiet: string[] = [];
    const log = createLogger({ quiet: true, write: (l) => quiet.push(l) });
    expect(log.requestsEnabled).to.equal(false);
    log.request({ a: 1 });
    log.warn('still shown');
    expect(quiet).to.have.length(1);
  });
});
