import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../electron/host/platform/timeout';

describe('withTimeout (the time limit of workspace.open)', () => {
  it('answers io_error in the given words when the work does not finish in time, and hands the late result over', async () => {
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const discarded: string[] = [];
    await expect(withTimeout(work, 50, 'The folder did not answer.', (late) => discarded.push(late))).rejects.toMatchObject({
      code: 'io_error',
      message: 'The folder did not answer.',
    });
    finish('late session');
    await work;
    expect(discarded).toEqual(['late session']);
  });

  it('passes a timely value or error through untouched', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, 'slow', () => undefined)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000, 'slow', () => undefined)).rejects.toThrow('refused');
  });
});
