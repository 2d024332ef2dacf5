/**
 * Page-side source (a string, for addInitScript: tsx wraps named functions in a helper that does
 * not exist inside the page) of `shape(el)`: a figure as tags, classes, labels, grid places, test
 * ids and text, so the first paint's copy can be compared with the live figure that replaces it.
 * Bench item 7 and the first-paint browser test both compare with it.
 */
export const FIGURE_SHAPE = `
    const shape = (el) => {
      const out = [];
      const walk = (n) => {
        if (n.nodeType === 3) { out.push(n.data); return; }
        if (n.nodeType !== 1) return;
        const a = (k) => (n.getAttribute(k) || '').trim().split(/\\s+/).join(' ');
        out.push('<' + n.localName + ' ' + a('class') + '|' + a('aria-label') + '|' + a('style') + '|' + a('data-testid') + '>');
        for (const c of n.childNodes) walk(c);
        out.push('</>');
      };
      walk(el);
      return out.join('');
    };
`;
