import { expect } from 'chai';
import { runConformance } from '../../conformance/runner';
import type { Emulator } from '../../server/index';
import { useEmulator } from './support/e2e';

/** The endpoint-agnostic conformance suite, run against the emulator in-process. */
describe('conformance suite against the emulator', () => {
  let emu: Emulator;
  useEmulator((c) => { emu = c.h.emu; });

  it('every scenario passes', async function () {
    this.timeout(300_000);
    const summary = await runConformance({ endpoint: emu.endpoint, accessKeyId: emu.credentials.accessKeyId, secretAccessKey: emu.credentials.secretAccessKey, region: 'us-east-1' });
    const failures = summary.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.reason ?? ''}`);
    expect(failures).to.deep.equal([]);
    expect(summary.passed).to.be.greaterThan(50);
  });
});
