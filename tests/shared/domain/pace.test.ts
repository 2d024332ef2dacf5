import { describe, expect, it } from 'vitest';
import { paceTask, SLICE_MS, sliceUsed, taskElapsed, turn } from '../../../src/shared/domain/pace';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('pace: one clock per task', () => {
  it('counts from the task’s first look and starts again after a turn', async () => {
    await turn();
    expect(taskElapsed()).toBe(0);
    busy(5);
    expect(taskElapsed()).toBeGreaterThanOrEqual(5);
    await turn();
    expect(taskElapsed()).toBe(0);
  });

  it('does not yield inside the slice, yields once it is used up', async () => {
    await turn();
    let other = false;
    setImmediate(() => {
      other = true;
    });
    // Inside a slice (a long one here: a loaded machine may stop this process for a while between
    // two lines, and that time is the task's too).
    await paceTask(1_000);
    expect(other).toBe(false);
    busy(SLICE_MS + 2);
    await paceTask();
    expect(other).toBe(true);
  });

  it('the slice is the task\'s: a loop starting late in a task yields early', async () => {
    await turn();
    let other = false;
    setImmediate(() => {
      other = true;
    });
    // The first loop looks at the clock (its slice long: not yet used) and works 5 ms.
    expect(sliceUsed(1_000)).toBe(false);
    busy(5);
    // A second loop starting now with a clock of its own would be at 0 ms of a 4 ms slice; the
    // task's clock is at 5 ms or more, so it yields.
    expect(sliceUsed(4)).toBe(true);
    await paceTask(4);
    expect(other).toBe(true);
  });
});
