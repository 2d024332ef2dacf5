import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../../src/shared/domain/facts/families';
import { FAMILY_TABLES_COMPLETE, factFeedRow, feedColumns, feedCsv, FEED_TABLES } from '../../../src/shared/feed/tables';

describe('feed tables', () => {
  it('every fact family has a table, and every table lists its columns once', () => {
    expect(FAMILY_TABLES_COMPLETE).toBe(true);
    for (const t of FEED_TABLES) expect(new Set(feedColumns(t)).size).toBe(feedColumns(t).length);
  });

  it('a BHK fact row is split into source and profession and keeps counts as counts', () => {
    const v = fieldsOf('bhk').map((_, i) => i);
    const row = factFeedRow('bhk', 'Y2026', { unitId: 'avd-21', grain: 'm', period: '2026-03', key: 's|lakare', v });
    expect(row).toMatchObject({ block: 'Y2026', unitId: 'avd-21', grain: 'month', period: '2026-03', source: 'self', profession: 'lakare', n: 0, total: 1 });
    expect(Object.keys(row).sort()).toEqual(feedColumns('bhk').sort());
  });

  it('CSV: header, comma, CRLF, quotes where needed, formulas defused, null empty', () => {
    const csv = feedCsv(['a', 'b', 'c'], [{ a: 'x,y', b: 3, c: null }, { a: '=HYPERLINK("e")', b: -1, c: true }]);
    expect(csv).toBe('a,b,c\r\n"x,y",3,\r\n"\'=HYPERLINK(""e"")",-1,true\r\n');
  });
});
