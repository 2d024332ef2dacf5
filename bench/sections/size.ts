/**
 * Item 6: what the app costs to download. The shell is what index.html loads before the app can
 * start (scripts/initial-chunks.ts: the entry, everything it imports statically, the stylesheets),
 * gzip level 9 as scripts/bundle-size.ts measures it, beside the project's 21 KB budget. Each lazy route is its screen chunk plus the
 * chunks it imports that the shell does not already hold. The precache is every entry the
 * service worker's manifest lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialCss, initialJs } from '../../scripts/initial-chunks';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';

const BUDGET_KB = 21;

interface Chunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const kb = (bytes: number) => bytes / 1024;

export const sizeSection: Section = {
  name: 'size',
  items: [6],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const dist = await ctx.appDist();
    const read = (file: string) => fs.readFileSync(path.join(dist, file.replace(/^\//, '')));
    const gz = (file: string) => gzipSync(read(file), { level: 9 }).length;
    const shellJs = initialJs(dist);
    const shellCss = initialCss(dist);
    const shellJsGz = shellJs.reduce((s, f) => s + gz(f), 0);
    const shellCssGz = shellCss.reduce((s, f) => s + gz(f), 0);

    const manifest = JSON.parse(read('.vite/manifest.json').toString('utf8')) as Record<string, Chunk>;
    const inShell = new Set([...shellJs, ...shellCss]);
    const routes = Object.values(manifest)
      .filter((c) => c.isDynamicEntry && c.src?.startsWith('src/client/features/'))
      .map((entry) => {
        const files = new Set<string>();
        const seen = new Set<string>();
        const visit = (c: Chunk | undefined) => {
          if (!c || seen.has(c.file)) return;
          seen.add(c.file);
          if (!inShell.has(c.file)) files.add(c.file);
          for (const css of c.css ?? []) if (!inShell.has(css)) files.add(css);
          for (const key of c.imports ?? []) visit(manifest[key]);
        };
        visit(entry);
        const js = [...files].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
        const css = [...files].filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
        return { route: path.basename(entry.src as string).replace(/\.tsx?$/, ''), jsGz: js, cssGz: css, files: [...files] };
      })
      .sort((a, b) => a.route.localeCompare(b.route));

    const sw = read('sw.js').toString('utf8');
    const urls = [...new Set([...sw.matchAll(/\{"revision":(?:null|"[^"]*"),"url":"([^"]+)"\}/g)].map((m) => m[1] as string))];
    const precacheBytes = urls.reduce((s, u) => s + read(u).length, 0);
    const precacheGz = urls.reduce((s, u) => s + gz(u), 0);

    const figures: Figure[] = [
      compared({ item: 6, key: 'size.shell.js', label: 'app shell initial JS (gzip)', value: kb(shellJsGz), unit: 'KB' }, { label: 'budget', value: BUDGET_KB, unit: 'KB' }, { op: '≤', value: 1 }),
      { item: 6, key: 'size.shell.css', label: 'app shell CSS (gzip)', value: kb(shellCssGz), unit: 'KB', verdict: 'no target' },
      ...routes.map((r): Figure => ({
        item: 6,
        key: `size.route.${r.route}`,
        label: `lazy route ${r.route} (gzip${r.cssGz > 0 ? `, incl. ${kb(r.cssGz).toFixed(1)} KB CSS` : ''})`,
        value: kb(r.jsGz + r.cssGz),
        unit: 'KB',
        verdict: 'no target',
      })),
      { item: 6, key: 'size.precache', label: `service-worker precache (${urls.length} entries; gzip ${kb(precacheGz).toFixed(0)} KB)`, value: kb(precacheBytes), unit: 'KB', verdict: 'no target' },
    ];
    return {
      figures,
      data: {
        shell: { js: shellJs, jsGzipBytes: shellJsGz, css: shellCss, cssGzipBytes: shellCssGz },
        routes: routes.map((r) => ({ route: r.route, jsGzipBytes: r.jsGz, cssGzipBytes: r.cssGz, files: r.files })),
        precache: { entries: urls.length, bytes: precacheBytes, gzipBytes: precacheGz },
      },
      notes: [
        'Item 6: a lazy route counts its screen chunk and the static imports the shell does not hold; texts and helpers a screen imports dynamically load later and are not counted. The precache is stored uncompressed (gzip shown for the first download).',
      ],
    };
  },
};
