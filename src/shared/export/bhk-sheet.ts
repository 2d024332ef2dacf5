/**
 * The BHK board's period as a Workbook (sheet.ts) for "Ladda ner Excel": a summary sheet with the
 * figures the board shows (share correct as a formatted percentage, with the count correct and n
 * as numbers) and the observations the CSV holds (the date typed as a date). Pure.
 */
import { bhkRows, type BhkCsvContext } from '../domain/bhk-csv';
import type { BhkFigures, Ratio } from '../domain/bhk';
import { sv } from '../i18n/sv';
import { BHK_STEPS, type BhkObservation } from '../schema/bhk-observation';
import type { Workbook } from './sheet';

export function bhkWorkbook(input: { filename: string; unitName: string; period: string; figures: BhkFigures; observations: readonly BhkObservation[]; ctx: BhkCsvContext }): Workbook {
  const f = input.figures;
  const line = (label: string, r: Ratio) => [input.unitName, input.period, label, r.pct, r.num, r.den];
  const summary = [
    line('Alla steg korrekta', f.total),
    line(sv['hygiene.hygieneAll'], f.hygieneAll),
    line(sv['hygiene.dressAll'], f.dressAll),
    ...BHK_STEPS.map((s) => line(sv[`step.${s}`], f.steps[s])),
  ];
  const [header, ...rows] = bhkRows(input.observations, input.ctx);
  return {
    filename: input.filename,
    sheets: [
      {
        name: 'Sammanställning',
        columns: [
          { header: 'Enhet', type: 'text' },
          { header: 'Period', type: 'text' },
          { header: 'Mått', type: 'text' },
          { header: 'Andel korrekt', type: 'percent', decimals: 1 },
          { header: 'Korrekt', type: 'integer' },
          { header: 'Observationer (n)', type: 'integer' },
        ],
        rows: summary,
      },
      {
        name: 'Observationer',
        columns: (header ?? []).map((h, i) => ({ header: h, type: i === 0 ? 'date' : 'text' })),
        rows: rows ?? [],
      },
    ],
  };
}
