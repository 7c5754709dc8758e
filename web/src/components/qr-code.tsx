import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code drawn as one SVG path, made in the browser (no request leaves the page with the
 * secret it carries). The encoder is a chunk of its own, fetched when a QR code is first shown,
 * so the pages parents open do not carry it. No inline styles: the content security policy
 * allows none.
 */
export function QrCode({ text, label, qa }: { readonly text: string; readonly label: string; readonly qa: string }) {
  const [drawn, setDrawn] = useState<{ readonly size: number; readonly path: string } | undefined>();
  useEffect(() => {
    void import('uqr').then(({ encode }) => {
      // Four modules of quiet zone, as scanners expect.
      const { data, size } = encode(text, { ecc: 'M', border: 4 });
      setDrawn({ size, path: data.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('') });
    });
  }, [text]);
  if (!drawn) return null;
  const { size, path } = drawn;
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 5} height={size * 5} shape-rendering="crispEdges" data-qa={qa}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
