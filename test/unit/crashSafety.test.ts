import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../crash/crashTrials';

/**
 * 300 kills at random moments of a process saving briefs (see test/crash/). Each trial is kept cheap: three briefs
 * of up to 16 KB and a child bundled once; `npm run stress:crash` runs the same trials by the thousand with 200 KB.
 */
describe('crash safety of saves', () => {
  it('300 SIGKILLs mid-save: nothing corrupt, nothing acknowledged lost, no temp file left', { timeout: 180_000 }, async () => {
    const figures = await runCrashTrials({ trials: 300, seed: 300, briefs: 3, maxBytes: 16 * 1024, lanes: 2 });
    expect(figures.problems).toEqual([]);
    expect(figures).toMatchObject({ trials: 300, corrupt: 0, lost: 0, tempLeft: 0 });
    // The trials must really have exercised something: saves acknowledged, and some kills landing mid-save.
    expect(figures.acknowledged).toBeGreaterThan(300);
    expect(figures.killedMidWrite + figures.inFlightLanded).toBeGreaterThan(0);
  });
});
