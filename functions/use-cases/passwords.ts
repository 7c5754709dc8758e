import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * scrypt at the minimum of OWASP's Password Storage Cheat Sheet: N = 2^17, r = 8, p = 1, which
 * takes 128 MiB per hash and makes guessing offline slow. Each hash keeps the parameters it was
 * made with, so a later rise only rehashes a password at its owner's next login.
 */
export const scryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const keyLength = 32;

/**
 * Parameters a stored hash may name. Above these a hash is refused rather than computed: a planted
 * hash with a huge N would hold gigabytes and seconds for every login attempt.
 */
const ceiling: ScryptParams = { N: 2 ** 20, r: 16, p: 4 };

/** What scrypt needs (128 · r · (N + p) bytes), and a megabyte to spare: Node's default maximum is 32 MiB. */
const maxmemFor = ({ N, r, p }: ScryptParams) => 128 * r * (N + p) + 1024 * 1024;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...params, maxmem: maxmemFor(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` with base64url salt and hash. */
export async function hashPassword(password: string, params: ScryptParams = scryptParams): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  const inRange = (Object.keys(ceiling) as (keyof ScryptParams)[]).every((key) => Number.isInteger(params[key]) && params[key] >= 1 && params[key] <= ceiling[key]);
  if (!powerOfTwo || !inRange) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** Whether `password` is the one behind `stored`, computed with the parameters stored with it. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made with weaker parameters than today's (then the next login rehashes it). */
export function passwordNeedsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  return parsed.params.N < scryptParams.N || parsed.params.r < scryptParams.r || parsed.params.p < scryptParams.p;
}

/**
 * A hash of a password nobody has, so that a login for an unknown account costs the same time
 * as one for a known account and does not reveal which logins exist.
 */
let decoy: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
