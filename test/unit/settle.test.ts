import { describe, expect, it } from 'vitest';
import { settle } from '../support/runtime.ts';

describe('settle (test support)', () => {
  it('should fail when jobs are still due after its rounds', async () => {
    const forever = { pollSchedules: async () => ['campaign-close#c1'] };
    await expect(settle(forever, 3)).rejects.toThrow('jobs still due after 3 rounds: campaign-close#c1');
  });

  it('should return once no job is due', async () => {
    let due = 2;
    const draining = { pollSchedules: async () => (due-- > 0 ? ['reminder#c1'] : []) };
    await expect(settle(draining)).resolves.toBeUndefined();
    expect(due).toBe(-1);
  });
});
