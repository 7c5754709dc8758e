import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readSessionToken, sessionCookie } from '#http/cookies';

const token = 'T'.repeat(43);

describe('the session cookie', () => {
  it('should be named with the __Host- prefix whenever it is Secure, with Path=/ and no Domain', () => {
    expect(sessionCookie(token, 3600, true)).toBe(`__Host-kezek_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
    expect(clearedSessionCookie(true)).toBe('__Host-kezek_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
  });

  it('should keep the plain name over plain HTTP, where a browser refuses a __Host- cookie', () => {
    expect(sessionCookie(token, 3600, false)).toBe(`kezek_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
  });

  it('should read only the __Host- cookie where cookies are Secure, ignoring a plain one another host could have set', () => {
    // Prepare: a cookie a sibling subdomain planted, next to the real one
    const header = 'kezek_session=planted; __Host-kezek_session=real';
    // Act and assess
    expect(readSessionToken(undefined, header, true)).toBe('real');
    expect(readSessionToken(['kezek_session=planted'], undefined, true)).toBeUndefined();
  });

  it('should read the plain cookie over plain HTTP', () => {
    expect(readSessionToken(['kezek_session=local'], undefined, false)).toBe('local');
    expect(readSessionToken(['__Host-kezek_session=other'], undefined, false)).toBeUndefined();
  });
});
