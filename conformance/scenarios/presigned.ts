// Query-string (presigned) SigV4: the happy path and each way it must fail.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Scenario, ScenarioContext } from '../types';
import { eq } from '../lib/check';
import { expectHttpError } from '../lib/errors';
import { getText, putText } from '../lib/objects';
import { presignManually } from '../lib/presign';

async function seeded(ctx: ScenarioContext): Promise<string> {
  const bucket = await ctx.createBucket();
  await putText(ctx.s3, bucket, 'doc.txt', 'presigned body');
  return bucket;
}

function manual(ctx: ScenarioContext, bucket: string, expiresIn: number, date?: Date): URL {
  return presignManually({
    method: 'GET',
    url: ctx.objectUrl(bucket, 'doc.txt'),
    accessKeyId: ctx.accessKeyId,
    secretAccessKey: ctx.secretAccessKey,
    region: ctx.region,
    expiresIn,
    date,
  });
}

export const presignedScenarios: Scenario[] = [
  {
    name: 'Presigned_get_fetch_ok',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const url = await getSignedUrl(ctx.s3, new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }), { expiresIn: 300 });
      const res = await fetch(url);
      eq(res.status, 200, 'status');
      eq(await res.text(), 'presigned body', 'body');
    },
  },
  {
    name: 'Presigned_put_fetch_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      // Without WHEN_REQUIRED the presigner bakes a checksum of the (empty)
      // signing-time body into the URL, which no real upload would match.
      const signer = ctx.client('valid', { requestChecksumCalculation: 'WHEN_REQUIRED' });
      const url = await getSignedUrl(signer, new PutObjectCommand({ Bucket: bucket, Key: 'up.txt' }), { expiresIn: 300 });
      signer.destroy();
      const res = await fetch(url, { method: 'PUT', body: 'uploaded via url' });
      eq(res.status, 200, `status (${(await res.text()).slice(0, 120)})`);
      eq(await getText(ctx.s3, bucket, 'up.txt'), 'uploaded via url', 'stored body');
    },
  },
  {
    name: 'Presigned_tampered_signature',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const url = new URL(await getSignedUrl(ctx.s3, new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }), { expiresIn: 300 }));
      const sig = url.searchParams.get('X-Amz-Signature') ?? '';
      const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
      url.searchParams.set('X-Amz-Signature', flipped);
      await expectHttpError(await fetch(url), { code: 'SignatureDoesNotMatch', status: 403 });
    },
  },
  {
    name: 'Presigned_url_reused_for_other_key',
    async run(ctx) {
      const bucket = await seeded(ctx);
      await putText(ctx.s3, bucket, 'other.txt', 'not yours');
      const url = new URL(await getSignedUrl(ctx.s3, new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }), { expiresIn: 300 }));
      url.pathname = url.pathname.replace(/doc\.txt$/, 'other.txt');
      await expectHttpError(await fetch(url), { code: 'SignatureDoesNotMatch', status: 403 });
    },
  },
  {
    name: 'Presigned_manual_sigv4_ok',
    async run(ctx) {
      // Control for the two scenarios below: the hand-rolled signer is valid.
      const bucket = await seeded(ctx);
      const res = await fetch(manual(ctx, bucket, 300));
      eq(res.status, 200, `status (${(await res.text()).slice(0, 120)})`);
    },
  },
  {
    name: 'Presigned_expires_over_7_days',
    async run(ctx) {
      const bucket = await seeded(ctx);
      await expectHttpError(await fetch(manual(ctx, bucket, 604801)), { code: 'AuthorizationQueryParametersError', status: 400 });
    },
  },
  {
    name: 'Presigned_expired',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await expectHttpError(await fetch(manual(ctx, bucket, 60, twoHoursAgo)), { code: 'AccessDenied', status: 403 });
    },
  },
];
