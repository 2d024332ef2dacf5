/**
 * bench/results/README.md: the machine line and the table of the committed latest.json, so the
 * figures in the repository always say where they were measured. Rewritten by each full run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';
import { machineLine } from './machine';
import { ROOT } from './proc';
import { type Figure, table } from './report';

export function writeResultsReadme(report: { date: string; durationS: number; machine: Machine; figures: Figure[]; notes: string[]; merged?: { items: number[]; date: string }[] }): void {
  const stamp = (date: string) => `${date.slice(0, 16).replace('T', ' ')} UTC`;
  const text = [
    '# Bench results',
    '',
    `\`latest.json\` is the last full \`npm run bench\` (${stamp(report.date)}, ${Math.round(report.durationS / 60)} min).`,
    ...(report.merged ?? []).map((m) => `${m.items.length > 1 ? `Items ${m.items.join(', ')} were` : `Item ${m.items[0]} was`} measured again on ${stamp(m.date)} (\`--merge\`): the figures and notes of what that run measured replace the full run's.`),
    '',
    `Machine: ${machineLine(report.machine)}.`,
    '',
    'Absolute times depend on the machine and on whatever else runs on it (here, other test runs may',
    'share the two cores); each figure was measured beside its limit in the same run (in turns, or for',
    "item 8 every route's samples before the GROUP BYs over the raw rows), so compare the ratios.",
    '',
    '```',
    table(report.figures),
    '```',
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, 'bench/results/README.md'), text);
}
