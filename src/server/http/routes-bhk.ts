/** The BHK board's routes beside the foundation's month roll-up (src/client/README.md). */
import type { FastifyInstance } from 'fastify';
import { BhkRollupQuery } from '../../shared/api';
import { BhkConfigQuery, BhkExportQuery, BhkPeriodRollupQuery } from '../../shared/bhk-api';
import { bhkPeriodRollupFor, bhkRollupFor } from '../rollup/bhk';
import { bhkConfigFor } from '../rollup/bhk-config';
import { XLSX_TYPE, xlsxFile } from '../export/xlsx';
import { bhkExportFor, bhkWorkbookFor } from '../rollup/bhk-export';
import type { Store } from '../store/store';
import { csvReply, xlsxReply } from './file-reply';
import { jsonReply } from './json-stream';
import { route, unitRule } from './route';

export function bhkRoutes(app: FastifyInstance, store: Store) {
  const read = (field: string) => unitRule('read', 'query', field);
  route(app, 'GET', '/api/rollup/bhk', { rule: read('rootId'), query: BhkRollupQuery }, async ({ reply, query, unit, org }) =>
    jsonReply(reply, await bhkRollupFor(store, await org(), unit, query.month)),
  );
  route(app, 'GET', '/api/bhk/rollup', { rule: read('rootId'), query: BhkPeriodRollupQuery }, async ({ query, unit, org }) =>
    bhkPeriodRollupFor(store, await org(), unit, query),
  );
  route(app, 'GET', '/api/bhk/config', { rule: read('unitId'), query: BhkConfigQuery }, async ({ unit, org }) => bhkConfigFor(store, await org(), unit));
  route(app, 'GET', '/api/export/bhk.csv', { rule: unitRule('export', 'query', 'rootId'), query: BhkExportQuery }, async ({ req, reply, query, unit, org }) =>
    csvReply(req, reply, await bhkExportFor(store, await org(), unit, query)),
  );
  route(
    app,
    'GET',
    '/api/export/bhk.xlsx',
    { rule: unitRule('export', 'query', 'rootId'), query: BhkExportQuery, description: 'The period\'s BHK figures and observations under rootId as an Excel file.' },
    async ({ req, reply, query, unit, org }) => xlsxReply(req, reply, await xlsxFile(await bhkWorkbookFor(store, await org(), unit, query)), XLSX_TYPE),
  );
}
