/**
 * `node --import tsx bench/lib/merge-file.ts FILE…`: adds the figures, notes and sections of other
 * runs' JSON (`--out=FILE`) to bench/results/latest.json — for a section run in parts, e.g. item 8
 * on SQLite and on PostgreSQL in two processes — and rewrites bench/results/README.md. A figure
 * whose key is already there is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './proc';
import type { Figure } from './report';
import { writeResultsReadme } from './results';

/** One figure per key, the later one kept (a section's figures measured again replace the old). */
const byKey = (figures: Figure[]): Figure[] => [...new Map(figures.map((f) => [f.key, f])).values()];

const latest = path.join(ROOT, 'bench/results/latest.json');
const into = JSON.parse(fs.readFileSync(latest, 'utf8')) as Parameters<typeof writeResultsReadme>[0] & { sections: Record<string, unknown>; merged?: { items: number[]; date: string }[] };
for (const file of process.argv.slice(2)) {
  const run = JSON.parse(fs.readFileSync(file, 'utf8')) as { date: string; items: number[]; figures: Figure[]; notes: string[]; sections: Record<string, unknown> };
  const keys = new Set(run.figures.map((f) => f.key));
  into.figures = [...into.figures.filter((f) => !keys.has(f.key)), ...run.figures].sort((a, b) => a.item - b.item);
  into.notes = [...into.notes, ...run.notes.filter((n) => !into.notes.includes(n))];
  for (const [name, section] of Object.entries(run.sections)) {
    const old = into.sections[name];
    into.sections[name] = old && typeof old === 'object' && !('error' in old) && typeof section === 'object' && section !== null && 'data' in section
      ? { ...old, ...section, figures: byKey([...((old as { figures?: Figure[] }).figures ?? []), ...((section as { figures?: Figure[] }).figures ?? [])]), data: { ...(old as { data?: object }).data, ...(section as { data: object }).data } }
      : section;
  }
  into.merged = [...(into.merged ?? []), { items: run.items, date: run.date }];
}
fs.writeFileSync(latest, `${JSON.stringify(into, null, 2)}\n`);
writeResultsReadme(into);
process.stdout.write(`merged ${process.argv.length - 2} file(s) into ${path.relative(process.cwd(), latest)}\n`);
