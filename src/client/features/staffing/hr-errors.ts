/** An import problem as a sentence with its line number, column and value (texts in i18n). */
import type { HrCsvError } from '../../../shared/domain/hr-csv';
import type { Params } from '../../../shared/i18n/format';
import { txHr } from './texts';

export function hrErrorText(e: HrCsvError): string {
  const params: Record<string, string | number> = { line: e.line };
  for (const k of ['column', 'value', 'expected', 'got', 'firstLine'] as const) {
    const v = e[k];
    if (v !== undefined) params[k] = v;
  }
  return txHr(`err.${e.code}`, params as Params);
}
