/**
 * The web app's Content-Security-Policy, declared once: CloudFront's response-headers policy
 * (`lib/web-stack.ts`) and the local server (`local/server.ts`) both send this string.
 * Plain TypeScript, no CDK imports, so the local runtime can use it.
 */

/** The options that change the policy; everything else is fixed. */
export interface ContentSecurityPolicyOptions {
  /** The dashboard map's tile URL template (`https://tiles.example.kz/{z}/{x}/{y}.png`); its origin may serve images. */
  readonly mapTileUrl?: string;
}

/**
 * The origin of a tile URL template as a CSP host source. A `{s}` (or any `{…}`) placeholder in
 * the host name becomes `*`, so `https://{s}.tile.example.kz/{z}/{x}/{y}.png` allows
 * `https://*.tile.example.kz`.
 */
export function tileSource(mapTileUrl: string): string {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(mapTileUrl.trim());
  if (!match) throw new Error(`mapTiles url must be an http(s) URL template, not "${mapTileUrl}"`);
  const [, scheme, host] = match as unknown as [string, string, string];
  const hostSource = host.toLowerCase().replace(/\{[^}]*\}/g, '*');
  if (!/^[a-z0-9*.-]+(:\d+)?$/.test(hostSource)) throw new Error(`mapTiles url has an unusable host: "${mapTileUrl}"`);
  return `${scheme.toLowerCase()}://${hostSource}`;
}

/**
 * The API is reached on the same origin (through CloudFront, or the local server), so `'self'`
 * covers it. No `upgrade-insecure-requests`: every source is `'self'` (HTTPS-only behind
 * CloudFront with HSTS) or the configured tile server, and the local server speaks plain HTTP.
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const imageSources = ["'self'", 'data:', ...(options.mapTileUrl ? [tileSource(options.mapTileUrl)] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${imageSources.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
