/**
 * The fact feed's rows written as JSON by the database (blockContents(…, true), issue 17): every
 * block of the demo region goes out as exactly the text the rows read as FactRows encode to, on
 * SQLite (json_array) and PostgreSQL (the array spelt out, texts through to_json), and the feed's
 * page over HTTP decodes to
 * those rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock, FactsPullResponse } from '../../src/shared/facts-api';
import type { Store } from '../../src/server/store/store';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, enrolTablet, type Harness, harness, loginAs, NOW, push } from './helpers';

describe.each(STORES)('fact blocks written by the database (%s)', (dialect, factory) => {
  let h: Harness;
  let store: Store;
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    store = await factory();
    h = await harness({}, store);
    const admin = await loginAs(h, 'admin');
    // Observations on two units over two months: year and month blocks with several keys.
    for (const unit of ['avd-21', 'avd-22']) {
      const tablet = await enrolTablet(h, admin, unit);
      const box = outbox(tablet.deviceId, NOW);
      const dates = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? `2026-02-${String(1 + (i % 27)).padStart(2, '0')}` : `2026-03-0${1 + (i % 9)}`));
      const changes = dates.map((d, i) => box.insertObs(observation(unit, d, i % 3 === 0 ? { profession: 'lakare' } : {})));
      expect(await push(h, tablet, changes)).toMatchObject({ ok: true, rejected: [] });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are the same text as the rows encoded in Node, block by block', async () => {
    const refs = await store.facts.blocksAfter('/region/', 0, 10_000, '', '');
    expect(refs.length).toBeGreaterThanOrEqual(6);
    const rows = await store.facts.blockContents(refs);
    const encoded = await store.facts.blockContents(refs, true);
    let seen = 0;
    for (const b of refs) {
      const k = `${b.unitId}\u0000${b.block}`;
      const r = rows.get(k);
      const e = encoded.get(k);
      expect(e?.rows).toEqual([]);
      const viaRows = JSON.stringify(encodeBlock(b.unitId, b.block, b.seq, r?.rows ?? [], r?.hr ?? [], r?.falls ?? [], r?.fallBefore ?? null));
      const viaJson = JSON.stringify(encodeBlock(b.unitId, b.block, b.seq, e?.encoded ?? new Map(), e?.hr ?? [], e?.falls ?? [], e?.fallBefore ?? null));
      // Rows may come in another order; as decoded they are the same.
      const sort = (s: string) => {
        const d = decodeBlock(JSON.parse(s));
        return { ...d, rows: [...d.rows].sort((x, y) => `${x.family}${x.period}${x.key}`.localeCompare(`${y.family}${y.period}${y.key}`)) };
      };
      expect(sort(viaJson)).toEqual(sort(viaRows));
      expect(viaJson.length).toBe(viaRows.length);
      seen += r?.rows.length ?? 0;
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('go out over HTTP as a page that parses and decodes', async () => {
    const vochef = await loginAs(h, 'vochef');
    const res = await call(h, 'GET', '/api/sync/facts?cursor=0&protocolVersion=4', { token: vochef });
    expect(res.statusCode).toBe(200);
    const page = FactsPullResponse.parse(res.json());
    if (!page.ok) throw new Error('refused');
    const decoded = page.blocks.flatMap((b) => decodeBlock(b).rows);
    expect(decoded.length).toBeGreaterThan(10);
    const direct = await store.facts.blockContents(page.blocks.map((b) => ({ unitId: b.unitId, block: b.block })));
    expect(decoded.length).toBe([...direct.values()].reduce((n, c) => n + c.rows.length, 0));
    // A row that is not [text or number, …] is refused, as any malformed page is.
    const raw = res.json() as { blocks: { rows: Record<string, unknown[][]> }[] };
    const family = Object.keys(raw.blocks[0]?.rows ?? {})[0] as string;
    for (const bad of [[['2026-01', '', { n: 1 }]], [['2026-01', '', null]], ['2026-01']]) {
      const tampered = structuredClone(raw);
      (tampered.blocks[0] as { rows: Record<string, unknown[]> }).rows[family] = bad;
      expect(FactsPullResponse.safeParse(tampered).success).toBe(false);
    }
  });
});
