/** "Ladda ner CSV" (built on the device from the report on screen, so it works offline) and the printable page. */
import type { JSX } from 'solid-js';
import { indicatorCsv } from '../../../shared/domain/indicators';
import type { IndicatorReport } from '../../../shared/indicators-api';
import { downloadText } from '../../kit/download';
import { language } from '../../kit/i18n';
import { Button } from '../../ui/Button';
import { tx } from './texts';

export function downloadReportCsv(report: IndicatorReport): void {
  const file = indicatorCsv(report, language());
  downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
}

export function ExportBar(props: { report: IndicatorReport; printHref: string }): JSX.Element {
  return (
    <div class="button-row ind-export">
      <Button onClick={() => downloadReportCsv(props.report)}>{tx('csv')}</Button>
      <a class="btn btn-secondary" href={props.printHref}>
        {tx('print')}
      </a>
    </div>
  );
}
