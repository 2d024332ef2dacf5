/**
 * "Ladda ner CSV" and "Ladda ner Excel" (built on the device from the report on screen, so they
 * work offline; the Excel writer loads on first use) and the printable page.
 */
import type { JSX } from 'solid-js';
import { indicatorCsv } from '../../../shared/domain/indicators';
import { indicatorWorkbook } from '../../../shared/export/indicator-sheet';
import { downloadWorkbook } from '../../kit/xlsx';
import type { IndicatorReport } from '../../../shared/indicators-api';
import { downloadText } from '../../kit/download';
import { language } from '../../kit/i18n';
import { Button } from '../../ui/Button';
import { tx } from './texts';

export function downloadReportCsv(report: IndicatorReport): void {
  const file = indicatorCsv(report, language());
  downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
}

export function downloadReportXlsx(report: IndicatorReport): Promise<void> {
  return downloadWorkbook(indicatorWorkbook(report, indicatorCsv(report, language()).filename, language()));
}

export function ExportBar(props: { report: IndicatorReport; printHref: string }): JSX.Element {
  return (
    <div class="button-row ind-export">
      <Button onClick={() => downloadReportCsv(props.report)}>{tx('csv')}</Button>
      <Button onClick={() => void downloadReportXlsx(props.report)}>{tx('xlsx')}</Button>
      <a class="btn btn-secondary" href={props.printHref}>
        {tx('print')}
      </a>
    </div>
  );
}
