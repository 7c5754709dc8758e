import { describe, expect, it } from 'vitest';
import { lazily } from '#adapters/lazy';

describe('lazily', () => {
  it('should load the adapter on the first call only, once, and forward every call to it', async () => {
    // Prepare
    let loads = 0;
    const port = lazily<{ greet(name: string): Promise<string> }>(async () => {
      loads++;
      return { greet: async (name: string) => `сәлем, ${name}` };
    });
    // Act
    const before = loads;
    const answers = await Promise.all([port.greet('Әлия'), port.greet('Дина')]);
    // Assess
    expect(before).toBe(0);
    expect(loads).toBe(1);
    expect(answers).toEqual(['сәлем, Әлия', 'сәлем, Дина']);
  });
});
