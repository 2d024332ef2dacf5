/**
 * The first paint (issue 19): a classic script next to #root in index.html, built on its own by
 * scripts/first-paint-plugin.ts and precached with the shell. It runs while the page is parsed,
 * before the app's modules, and draws the board's last copy when it may (copy.ts says when).
 */
import { drawFirstPaint } from './copy';

drawFirstPaint(window, location.hash, Date.now());
