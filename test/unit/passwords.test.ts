import { describe, expect, it } from 'vitest';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '#use-cases/passwords';

describe('password hashes', () => {
  it('should hash with scrypt N = 2^17, r = 8, p = 1 and store the parameters with the hash', async () => {
    // Act
    const stored = await hashPassword('correct horse');
    // Assess
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
  });

  it('should ask for a rehash only when a stored parameter is weaker than today’s', () => {
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    const hash = 'A'.repeat(43);
    expect(passwordNeedsRehash(`scrypt$32768$8$1$${salt}$${hash}`)).toBe(true);
    expect(passwordNeedsRehash(`scrypt$131072$4$1$${salt}$${hash}`)).toBe(true);
    expect(passwordNeedsRehash(`scrypt$131072$8$1$${salt}$${hash}`)).toBe(false);
    expect(passwordNeedsRehash(`scrypt$262144$8$1$${salt}$${hash}`)).toBe(false);
  });

  it('should refuse, without computing, a stored hash whose parameters are out of bounds', async () => {
    // A planted N = 2^24 would take 16 GiB per attempt
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    const hash = 'A'.repeat(43);
    expect(await verifyPassword('x', `scrypt$16777216$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('x', `scrypt$100000$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('x', `bcrypt$131072$8$1$${salt}$${hash}`)).toBe(false);
  });
});
