/**
 * CSV of a unit's period, made on the device from the local replica (works offline) with the
 * shared builder the server's export uses, so the file matches the board.
 */
import type { BhkFigures } from '../../../shared/domain/bhk';
import { bhkCsv, type BhkCsvContext, bhkCsvFilename } from '../../../shared/domain/bhk-csv';
import { bhkWorkbook } from '../../../shared/export/bhk-sheet';
import type { Workbook } from '../../../shared/export/sheet';
import { type BhkSource, observationsInPeriod } from '../../../shared/domain/bhk-period';
import { periodRange } from '../../../shared/domain';
import type { BhkObservation } from '../../../shared/schema/bhk-observation';
import { sv } from '../../../shared/i18n/sv';
import type { BhkProfession } from '../../../shared/schema/bhk-config';
import { downloadText } from '../../kit/download';

export interface UnitCsvInput {
  raw: readonly BhkObservation[];
  unitName: string;
  period: string;
  source: BhkSource;
  /** The list in force; null = default list. The file is in Swedish whatever the UI language. */
  professions: readonly BhkProfession[] | null;
}

function contextOf(input: UnitCsvInput): BhkCsvContext {
  const labels = new Map((input.professions ?? []).map((p) => [p.code, p.label]));
  return {
    unitName: () => input.unitName,
    professionLabel: (code) => labels.get(code) ?? (sv as Record<string, string>)[`profession.${code}`] ?? code,
  };
}

export function unitCsv(input: UnitCsvInput): { filename: string; csv: string } {
  const csv = bhkCsv(observationsInPeriod(input.raw, periodRange(input.period), input.source), contextOf(input));
  return { filename: bhkCsvFilename(input.unitName, input.period), csv };
}

/** The same period as an Excel workbook: the board's figures, then the CSV's observations. */
export function unitWorkbook(input: UnitCsvInput, figures: BhkFigures): Workbook {
  return bhkWorkbook({
    filename: bhkCsvFilename(input.unitName, input.period),
    unitName: input.unitName,
    period: input.period,
    figures,
    observations: observationsInPeriod(input.raw, periodRange(input.period), input.source),
    ctx: contextOf(input),
  });
}

export function downloadCsv(file: { filename: string; csv: string }): void {
  downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
}
