import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The header CloudFront adds to every request it forwards to the API (an origin custom header),
 * carrying the origin secret. A caller that reaches the API any other way cannot know it.
 */
export const originVerifyHeader = 'x-kezek-origin-verify';

/** Equal strings in time that does not depend on where they differ (digests: equal lengths). */
function sameSecret(presented: string, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

/**
 * The caller's address for abuse limits. CloudFront's `CloudFront-Viewer-Address` (ip:port) is
 * believed only on a request that carries a valid origin secret, i.e. one CloudFront forwarded;
 * anyone else could write any address there and dodge the per-address limits. Otherwise the
 * address API Gateway saw.
 */
export function clientAddress(event: AddressedEvent, originSecrets: readonly string[]): string {
  return clientAddressOf(event, originSecrets).address;
}

type AddressedEvent = { headers?: Record<string, string | undefined>; requestContext: { http: { sourceIp: string } } };

/** The caller's address and where it came from (`viewer`: CloudFront's header, believed; `source`: the connection's). */
export function clientAddressOf(event: AddressedEvent, originSecrets: readonly string[]): { address: string; from: 'viewer' | 'source' } {
  const viewer = event.headers?.['cloudfront-viewer-address'];
  const presented = event.headers?.[originVerifyHeader];
  // Every secret is compared, so the time taken does not tell which one (if any) matched.
  const trusted = presented !== undefined && originSecrets.map((secret) => sameSecret(presented, secret)).includes(true);
  if (!viewer || !trusted) return { address: event.requestContext.http.sourceIp, from: 'source' };
  return { address: viewer.slice(0, viewer.lastIndexOf(':')) || viewer, from: 'viewer' };
}
