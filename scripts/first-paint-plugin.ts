/**
 * Vite plugin for the first paint (issue 19; src/client/first-paint/copy.ts): builds
 * src/client/first-paint/boot.ts on its own as one small classic script (an IIFE: no module, no
 * framework), emits it as assets/first-paint-<hash>.js, and puts it right after `<div id="root">`
 * in index.html, so it runs while the page is parsed, before the app's module. It is a file, not
 * an inline script: the server's Content-Security-Policy allows `script-src 'self'` only. Being
 * in the build's output, the service worker's precache takes it like every other script, and
 * scripts/bundle-size.ts counts it in the initial JS. In `vite dev` it is served at /first-paint.js.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { build, type Plugin } from 'vite';

const ENTRY = 'src/client/first-paint/boot.ts';
const ROOT_DIV = '<div id="root"></div>';

/** The classic script's code, minified. */
export async function bundleFirstPaint(root: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      emptyOutDir: false,
      copyPublicDir: false,
      lib: { entry: path.join(root, ENTRY), formats: ['iife'], name: 'pulstavlanFirstPaint', fileName: () => 'first-paint.js' },
    },
  });
  for (const out of Array.isArray(result) ? result : [result]) {
    if (!('output' in out)) continue;
    for (const chunk of out.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error(`first-paint: building ${ENTRY} gave no script`);
}

/** index.html with the script right after #root. Throws when #root is not written as expected. */
export function withFirstPaint(html: string, src: string): string {
  if (!html.includes(ROOT_DIV)) throw new Error(`first-paint: index.html has no ${ROOT_DIV}`);
  return html.replace(ROOT_DIV, `${ROOT_DIV}\n    <script src="${src}"></script>`);
}

export function firstPaint(): Plugin {
  let root = process.cwd();
  let command: 'build' | 'serve' = 'build';
  let fileName = '';
  return {
    name: 'pulstavlan-first-paint',
    configResolved(config) {
      root = config.root;
      command = config.command;
    },
    async buildStart() {
      if (command !== 'build') return;
      const code = await bundleFirstPaint(root);
      fileName = `assets/first-paint-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
      this.emitFile({ type: 'asset', fileName, source: code });
    },
    configureServer(server) {
      server.middlewares.use('/first-paint.js', (_req, res, next) => {
        bundleFirstPaint(root).then((code) => {
          res.setHeader('content-type', 'text/javascript; charset=utf-8');
          res.end(code);
        }, next);
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Only the app's page (the bench's floor page is built beside it, without a copy).
        if (path.basename(ctx.filename) !== 'index.html') return html;
        return withFirstPaint(html, command === 'build' ? `/${fileName}` : '/first-paint.js');
      },
    },
  };
}
