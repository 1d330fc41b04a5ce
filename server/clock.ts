/**
 * The emulated clock. Every time rule (presigned expiry, Object Lock retention, STS expiry,
 * aws:CurrentTime, KMS deletion windows, audit eventTime) reads `now()`; only the SigV4
 * request-time skew check reads `realNow()`, as the contract requires.
 */
export interface Clock {
  now(): Date;
  realNow(): Date;
  offsetSeconds(): number;
}

export type EmulatorClock = EmulatedClock;

export class EmulatedClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): Date {
    return new Date(this.source() + this.offsetMs);
  }

  realNow(): Date {
    return new Date(this.source());
  }

  offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSeconds(seconds: number): void {
    this.offsetMs = Math.round(seconds * 1000);
  }

  advanceSeconds(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }
}
