import { expect } from 'chai';
import { runConformance } from '../../conformance/runner';
import { startEmulator, type Emulator } from '../../server/index';

/** The endpoint-agnostic conformance suite, run against the emulator in-process. */
describe('conformance suite against the emulator', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, quiet: true }); });
  after(async () => { await emu.stop(); });

  it('every scenario passes', async function () {
    this.timeout(300_000);
    const summary = await runConformance({ endpoint: emu.endpoint, accessKeyId: emu.credentials.accessKeyId, secretAccessKey: emu.credentials.secretAccessKey, region: 'us-east-1' });
    const failures = summary.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.reason ?? ''}`);
    expect(failures).to.deep.equal([]);
    expect(summary.passed).to.be.greaterThan(50);
  });
});
