/** One figure of `bench/results.json`: its value, its target, and whether it was met. */
export interface Figure {
  readonly key: string;
  readonly value: number | null;
  readonly unit: string;
  /** e.g. `≤ 3`; empty for figures reported without a target. */
  readonly target: string;
  readonly met: boolean | null;
  readonly how: string;
}

export const atMost = (limit: number) => (value: number) => value <= limit;
export const atLeast = (limit: number) => (value: number) => value >= limit;
export const exactly = (expected: number) => (value: number) => value === expected;

export function figure(key: string, value: number | null, unit: string, target: string, check: ((value: number) => boolean) | undefined, how: string): Figure {
  return { key, value, unit, target, met: value === null || !check ? null : check(value), how };
}

const formatNumber = (value: number | null) => (value === null ? '—' : Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const verdict = (f: Figure) => (f.met === null ? (f.target ? 'not measured' : '') : f.met ? 'met' : '**not met**');

/** The Markdown table of every figure. */
export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => `| \`${f.key}\` | ${formatNumber(f.value)} ${f.unit} | ${f.target || '—'} | ${verdict(f)} | ${f.how} |`);
  return ['| key | value | target | | how it is measured |', '|---|---|---|---|---|', ...rows].join('\n');
}

export const markdownNumber = formatNumber;
