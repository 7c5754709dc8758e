import { describe, expect, it } from 'vitest';
import {
  acceptedTotpStep,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpCodeAt,
  totpStep,
  totpUri,
} from '#use-cases/second-factor';

/** RFC 6238 Appendix B's SHA-1 key, the ASCII of `12345678901234567890`, in base32. */
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('TOTP codes (RFC 6238, SHA-1, 30-second steps)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('should give the test vector of Appendix B at T = %i: %s (8 digits)', (seconds, expected) => {
    // Act
    const code = totpCodeAt(rfcSecret, totpStep(at(seconds)), 8);
    // Assess
    expect(code).toBe(expected);
  });

  it('should accept the last six digits of the vector as the 6-digit code of its step', () => {
    // Act
    const step = acceptedTotpStep(rfcSecret, '287082', at(59), undefined);
    // Assess: T = 59 is step 1
    expect(step).toBe(1);
  });

  it('should accept a code one step either side of now and refuse two steps away', () => {
    // Prepare: 1111111109 is step 37037036; its code 081804, the step after's 050471
    const now = at(1111111109);
    // Act / Assess
    expect(acceptedTotpStep(rfcSecret, '081804', at(1111111109 + 30), undefined)).toBe(37037036);
    expect(acceptedTotpStep(rfcSecret, '050471', now, undefined)).toBe(37037037);
    expect(acceptedTotpStep(rfcSecret, '081804', at(1111111109 + 60), undefined)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, '050471', at(1111111109 - 30), undefined)).toBeUndefined();
  });

  it('should refuse a code of a step at or below the last accepted one (a replay)', () => {
    // Prepare
    const now = at(1111111109);
    // Act / Assess
    expect(acceptedTotpStep(rfcSecret, '081804', now, 37037036)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, '081804', now, 37037040)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, '081804', now, 37037035)).toBe(37037036);
  });

  it('should refuse a wrong code, a short one and letters', () => {
    const now = at(59);
    expect(acceptedTotpStep(rfcSecret, '287083', now, undefined)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, '28708', now, undefined)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, 'abcdef', now, undefined)).toBeUndefined();
    expect(acceptedTotpStep(rfcSecret, '', now, undefined)).toBeUndefined();
  });

  it('should make 160-bit secrets (32 base32 characters), each new, and an otpauth URI apps read', () => {
    // Act
    const secret = newTotpSecret();
    // Assess
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(totpUri(rfcSecret, 'admin@demo.kezek.kz')).toBe(
      'otpauth://totp/kezek:admin%40demo.kezek.kz?issuer=kezek&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('recovery codes', () => {
  it('should make ten different codes shaped XXXXX-XXXXX, hashed as stored', () => {
    // Act
    const { codes, hashes } = newRecoveryCodes();
    // Assess
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(hashes[0]).toBe(recoveryCodeHash(codes[0]!));
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should compare a typed code without case, dashes or spaces', () => {
    expect(recoveryCodeHash('abcde-12345')).toBe(recoveryCodeHash('ABCDE 12345'));
    expect(recoveryCodeHash('ABCDE12345')).not.toBe(recoveryCodeHash('ABCDE12346'));
    expect(looksLikeRecoveryCode('abcde-12345')).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(looksLikeRecoveryCode('ABCDE-1234U')).toBe(false);
  });
});
