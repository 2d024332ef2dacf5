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
    await paceTask();
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
    // The first loop looks at the clock, works nearly its slice, and looks again: not yet.
    expect(sliceUsed()).toBe(false);
    busy(SLICE_MS - 3);
    expect(sliceUsed()).toBe(false);
    busy(5);
    // A second loop starting now with a clock of its own would be 5 ms into its slice; the task's clock yields.
    await paceTask();
    expect(other).toBe(true);
  });
});
