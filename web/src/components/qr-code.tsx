import { encode } from 'uqr';

/**
 * A QR code drawn as one SVG path, made in the browser (no request leaves the page with the
 * secret it carries). No inline styles: the content security policy allows none.
 */
export function QrCode({ text, label, qa }: { readonly text: string; readonly label: string; readonly qa: string }) {
  // Four modules of quiet zone, as scanners expect.
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const path = data.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('');
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 5} height={size * 5} shape-rendering="crispEdges" data-qa={qa}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
