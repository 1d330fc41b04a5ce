// The endpoint-agnostic encryption conformance scenarios, run against the emulator over HTTP
// and over HTTPS (where the SSE-C round trip runs instead of being skipped).
import { expect } from 'chai';
import { runConformance } from '../../../conformance/runner';
import { useEnc, type EncHarness } from './support';

describe('encryption e2e: conformance scenarios (Encryption_*)', () => {
  let h: EncHarness;
  useEnc((e) => { h = e; });

  for (const scheme of ['http', 'https'] as const) {
    it(`Encryption_scenarios_pass_over_${scheme}`, async () => {
      const endpoint = scheme === 'http' ? h.emu.endpoint : h.emu.httpsEndpoint!;
      // The conformance client uses the default trust store; the emulator's CA is self-signed.
      const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      if (scheme === 'https') process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      try {
        const summary = await runConformance({
          endpoint, accessKeyId: h.emu.credentials.accessKeyId, secretAccessKey: h.emu.credentials.secretAccessKey, region: 'us-east-1', only: 'Encryption_',
        });
        const failures = summary.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.reason ?? ''}`);
        expect(failures).to.deep.equal([]);
        expect(summary.passed).to.equal(9);
      } finally {
        if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      }
    });
  }
});
