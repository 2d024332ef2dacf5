/**
 * Build of the client: Solid, and the service worker through vite-plugin-pwa's injectManifest
 * (our own src/client/sw.ts, so update behaviour is ours: see sw.ts and app/sw-update.ts).
 * Registration is done by the app (workbox-window), hence injectRegister: false.
 */
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { firstPaint } from './scripts/first-paint-plugin';

const THEME = '#14532d';

export default defineConfig({
  plugins: [
    solid(),
    // The board's last screen, drawn from localStorage while the page is parsed (issue 19).
    firstPaint(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/client',
      filename: 'sw.ts',
      injectRegister: false,
      injectManifest: {
        // Everything the shell needs offline, lazy feature chunks included.
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
      },
      manifest: {
        name: 'Pulstavlan',
        short_name: 'Pulstavlan',
        description: 'Digital pulstavla för dagliga pulsmöten',
        lang: 'sv',
        theme_color: THEME,
        background_color: '#0f172a',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A lazy chunk's imports are fetched side by side with it (one <link rel=modulepreload> each,
    // issued with the dynamic import) instead of level by level as the module graph is parsed:
    // the first figure waits for one round of fetches from the service worker, not five (issue 19).
    // Chromium, Safari and Firefox preload modules natively, so no polyfill.
    modulePreload: { polyfill: false },
    // Bench item 7 only (bench/sections/startup.ts): the floor page joins the precache, so it opens
    // from the same service-worker cache as the app. Never set by `npm run build`.
    ...(process.env.PULSTAVLAN_BENCH_FLOOR === '1' ? { rollupOptions: { input: { index: 'index.html', floor: 'bench/browser/floor.html' } } } : {}),
  },
});
