/**
 * The tertial report's .docx (features/goals/report-docx.ts), written with `docx` and opened
 * here by a second library (jszip): the document holds the same numbers and words as the report
 * model the screen shows, the seed's column order, the analyses, the actions' follow-up, and a
 * landscape section for the actions. The .xlsx model (tables.ts) carries the same figures.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { contextFromRows } from '../../src/shared/domain/indicators';
import { tertialReport } from '../../src/shared/domain/goals/report';
import { GOAL_COLUMNS, tertialWorkbook } from '../../src/shared/domain/goals/tables';
import { reportDocxBuffer } from '../../src/client/features/indicators/report-docx';
import { data, DOC, NOW } from '../shared/domain/goals/fixtures';

/** The document's visible text per paragraph, from word/document.xml. */
async function paragraphs(buf: Buffer): Promise<{ xml: string; text: string[] }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
  return { xml, text };
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

describe('the tertial report as .docx', () => {
  it('holds the screen\'s numbers, words and structure', async () => {
    const report = await tertialReport(contextFromRows(data()), DOC, '2026-DA04', NOW);
    const { xml, text } = await paragraphs(await reportDocxBuffer(report));
    const all = text.map(unescape);
    expect(all).toContain('Bilaga produktion och måluppfyllelse');
    expect(all).toContain('Division · DÅ04 2026');
    expect(all).toContain('Strategiskt mål: God nära och samordnad vård');
    // The seed's header row, in its order.
    const header = all.indexOf('Framgångsfaktor');
    expect(all.slice(header, header + GOAL_COLUMNS.length)).toEqual([...GOAL_COLUMNS]);
    for (const row of report.perspectives.flatMap((p) => p.goals.flatMap((g) => g.rows))) {
      expect(all).toContain(row.outcome);
      expect(all).toContain(row.styrmatt);
    }
    expect(all).toContain('K: 43,5 % M: 57,7 %');
    expect(all).toContain('\u221217,7 mnkr');
    expect(all).toContain('Data saknas');
    expect(all).toContain('Informationsunderlag till styrmåttet saknas');
    expect(all).toContain('▲ delvis');
    expect(all).toContain('Väntetiderna minskar på två av tre enheter.');
    expect(all).toContain('Åtgärd: Produktionsplanering');
    expect(all).toContain('Ansvarig: VO-chefer');
    expect(all).toContain('Pågår');
    expect(all).toContain('Arbetet pågår inom divisionen');
    // Two sections: the goal tables portrait, the actions landscape.
    expect([...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => /w:orient="landscape"/.test(m[0]))).toEqual([false, true]);
  });

  it('the workbook model holds one sheet per perspective plus the actions, values as numbers', async () => {
    const report = await tertialReport(contextFromRows(data()), DOC, '2026-DA04', NOW);
    const wb = tertialWorkbook(report);
    expect(wb.filename).toBe('tertialrapport-division-2026-DA04');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Medborgare', 'Ekonomi', 'Strategiska åtgärder']);
    const wait = wb.sheets[0]?.rows[0] ?? [];
    expect(wait[5]).toBe('K: 43,5 % M: 57,7 %');
    expect(wait[6]).toBeCloseTo((71 / 140) * 100, 9);
    expect(wb.sheets[1]?.rows[0]?.[6]).toBeCloseTo(-17.7, 9);
  });
});
