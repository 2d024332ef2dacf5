/**
 * The shape every section reports in, and the stdout table. A figure is always printed beside
 * the limit it was measured against in the same run; the verdict says whether the issue's
 * target was met, and a missed target is printed as MISSED rather than hidden.
 */

export type Verdict = 'met' | 'MISSED' | 'no target' | 'error';

export interface Figure {
  /** Issue 8's item number (1–7). */
  item: number;
  /** Stable key for JSON consumers, e.g. "write.app". */
  key: string;
  label: string;
  value: number;
  unit: string;
  limit?: { label: string; value: number; unit: string };
  /** value ÷ limit.value (or the direction the target names, see `target`). */
  ratio?: number;
  /** As the issue states it, e.g. "≤ 1.5" or "≥ 0.25". */
  target?: string;
  verdict: Verdict;
  note?: string;
  detail?: Record<string, unknown>;
}

export interface Target {
  readonly op: '≤' | '≥';
  readonly value: number;
}

export function verdictOf(ratio: number, target: Target | undefined): Verdict {
  if (target === undefined) return 'no target';
  if (!Number.isFinite(ratio)) return 'error';
  return (target.op === '≤' ? ratio <= target.value : ratio >= target.value) ? 'met' : 'MISSED';
}

export const targetText = (t: Target | undefined): string | undefined => (t ? `${t.op} ${t.value}` : undefined);

/** A figure compared with its limit: ratio = value / limit. */
export function compared(
  base: Omit<Figure, 'ratio' | 'target' | 'verdict' | 'limit'>,
  limit: NonNullable<Figure['limit']>,
  target?: Target,
): Figure {
  const ratio = base.value / limit.value;
  const t = targetText(target);
  return { ...base, limit, ratio, ...(t ? { target: t } : {}), verdict: verdictOf(ratio, target) };
}

export function fmt(v: number | undefined, unit = ''): string {
  if (v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length))) ?? [];
  return cells.map((row) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function table(figures: readonly Figure[]): string {
  const head = ['#', 'figure', 'value', 'limit (same run)', 'ratio', 'target', 'verdict'];
  const rows = figures.map((f) => [
    String(f.item),
    f.label,
    fmt(f.value, f.unit),
    f.limit ? `${f.limit.label} ${fmt(f.limit.value, f.limit.unit)}` : '',
    f.ratio === undefined ? '' : fmt(f.ratio),
    f.target ?? '',
    f.verdict === 'met' || f.verdict === 'no target' ? f.verdict : `${f.verdict}${f.note ? ` — ${f.note}` : ''}`,
  ]);
  return pad([head, ...rows]);
}
