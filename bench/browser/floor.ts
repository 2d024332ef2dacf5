/** The floor page's script: see floor.html. No imports, so nothing but this file loads. */
// Parameters ride in the hash: a query string would not match the precache entry, and the
// service worker would answer with the app's index.html instead.
const q = new URLSearchParams(location.hash.slice(1));
const store = q.get('store') ?? 'rows';
const unit = q.get('unit') ?? '';
const entities = (q.get('entities') ?? '').split(',').filter((e) => e !== '');
const now = new Date();
const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

function show(text: string): void {
  const el = document.createElement('div');
  el.dataset.testid = 'figure';
  el.textContent = text;
  document.getElementById('floor')?.append(el);
}

const request = indexedDB.open('pulstavlan');
request.onerror = () => show(`fel: ${String(request.error)}`);
request.onsuccess = () => {
  const db = request.result;
  const tx = db.transaction(store, 'readonly');
  const rows: unknown[] = [];
  if (store === 'facts') {
    const r = tx.objectStore('facts').getAll();
    r.onsuccess = () => rows.push(...(r.result as unknown[]));
  } else {
    const index = tx.objectStore('rows').index('[entity+unitId+sortKey]');
    for (const entity of entities) {
      const r = index.getAll(IDBKeyRange.bound([entity, unit, month], [entity, unit, `${month}\uffff`]));
      r.onsuccess = () => rows.push(...(r.result as unknown[]));
    }
  }
  tx.oncomplete = () => {
    // One computation over what was read: the share of rows whose data is not voided.
    const live = rows.filter((r) => (r as { data?: { voided?: boolean } }).data?.voided !== true).length;
    show(`${rows.length === 0 ? 0 : Math.round((100 * live) / rows.length)} % (n = ${rows.length})`);
  };
};
export {};
