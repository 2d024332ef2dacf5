/**
 * The tertial report as a Word document (.docx), for the region to edit and merge into its
 * delårsrapport. Written with `docx` (MIT, maintained, runs in the browser without a server;
 * chosen over templating a .docx by hand because it writes valid OOXML tables, headings and
 * page sections). Loaded only when the download is asked for: never in the first load.
 * Layout as the seed: A4 portrait; per perspective a heading, per strategiskt mål its table in
 * the seed's column order and the analysis paragraphs under it; the actions' follow-up in a
 * landscape section (its Åtgärd column is wide). Black and white: the symbols carry the meaning.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { TertialReport } from '../../../shared/domain/goals/report';
import { ACTION_COLUMNS, actionCells, GOAL_COLUMNS, goalCells } from '../../../shared/domain/goals/tables';

const FONT = 'Calibri';
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const textParas = (text: string, bold = false): Paragraph[] => text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: FONT, size: 18 })] }));

function table(headers: readonly string[], rows: readonly string[][], widths: readonly number[]): Table {
  const cell = (text: string, i: number, head: boolean) => new TableCell({ children: textParas(text, head), width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE }, borders });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) }))],
  });
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function reportDocument(r: TertialReport): Document {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: 'Bilaga produktion och måluppfyllelse', font: FONT })] }),
    new Paragraph({ children: [new TextRun({ text: `${r.rootName} · ${r.label}`, bold: true, font: FONT })] }),
    new Paragraph({ children: [new TextRun({ text: `Data från ${when(r.computedAt)} (UTC). Måluppfyllelse: ● uppfyllt, ▲ delvis, ◆ ej uppfyllt, □ ej mätbart. Utveckling jämfört med samma period föregående år: ↑ ↓ →, ↕ kvinnor och män åt olika håll.`, font: FONT, size: 18 })] }),
  ];
  for (const p of r.perspectives) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: `Perspektiv ${p.label}`, font: FONT })] }));
    for (const g of p.goals) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `Strategiskt mål: ${g.title}`, font: FONT })] }));
      body.push(table(GOAL_COLUMNS, g.rows.map(goalCells), [16, 22, 11, 12, 15, 13, 11]));
      for (const row of g.rows) {
        if (row.analysis === null) continue;
        body.push(new Paragraph({ spacing: { before: 160 }, children: [new TextRun({ text: row.styrmatt, bold: true, font: FONT })] }));
        body.push(...row.analysis.text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: FONT })] })));
        body.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: `${row.analysis.author}, ${row.analysis.writtenAt.slice(0, 10)}`, italics: true, font: FONT, size: 18 })] }));
      }
    }
  }
  const actions: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: 'Uppföljning av strategiska åtgärder', font: FONT })] }),
    r.actions.length === 0 ? new Paragraph({ children: [new TextRun({ text: 'Inga strategiska åtgärder för året.', font: FONT })] }) : table(ACTION_COLUMNS, r.actions.map(actionCells), [5, 18, 42, 10, 25]),
  ];
  const a4 = { width: 11906, height: 16838 };
  return new Document({
    creator: 'Pulstavlan',
    title: `Bilaga produktion och måluppfyllelse ${r.rootName} ${r.label}`,
    sections: [
      { properties: { page: { size: { ...a4, orientation: PageOrientation.PORTRAIT } } }, children: body },
      { properties: { page: { size: { ...a4, orientation: PageOrientation.LANDSCAPE } } }, children: actions },
    ],
  });
}

export const reportDocxBlob = (r: TertialReport): Promise<Blob> => Packer.toBlob(reportDocument(r));
export const reportDocxBuffer = (r: TertialReport): Promise<Buffer> => Packer.toBuffer(reportDocument(r));
