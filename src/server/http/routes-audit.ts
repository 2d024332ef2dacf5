/**
 * The audit log (issue 12): GET only. A manager reads the change log of their subtree, an admin
 * any subtree in scope (read-audit on rootId), changes and security events alike.
 */
import type { FastifyInstance } from 'fastify';
import { AuditChangesQuery, AuditEventsQuery } from '../../shared/audit-api';
import { auditRows, auditSheet } from '../audit/csv';
import { auditChanges, auditEvents } from '../audit/service';
import type { Store } from '../store/store';
import { XLSX_TYPE, xlsxFile } from '../export/xlsx';
import { csvReply, xlsxReply } from './file-reply';
import { route, unitRule } from './route';

export function auditRoutes(app: FastifyInstance, store: Store, now: () => number) {
  const changes = { rule: unitRule('read-audit', 'query', 'rootId'), query: AuditChangesQuery };
  route(app, 'GET', '/api/audit/changes', changes, async ({ unit, query: { rootId: _, ...q } }) => auditChanges(store, unit, q));
  route(app, 'GET', '/api/audit/changes.csv', changes, async ({ req, reply, unit, query: { rootId: _, ...q } }) => {
    const day = new Date(now()).toISOString().slice(0, 10);
    return csvReply(req, reply, { filename: `logg-${unit.id}-${day}.csv`, rows: auditRows(store, unit, q) });
  });
  const xlsx = { ...changes, description: 'The same log as an Excel file (typed cells, header frozen).' };
  route(app, 'GET', '/api/audit/changes.xlsx', xlsx, async ({ req, reply, unit, query: { rootId: _, ...q } }) => {
    const day = new Date(now()).toISOString().slice(0, 10);
    return xlsxReply(req, reply, await xlsxFile({ filename: `logg-${unit.id}-${day}`, sheets: [await auditSheet(store, unit, q)] }), XLSX_TYPE);
  });
  // The security events of the same subtree (a manager's own); events about no unit are admins'.
  route(app, 'GET', '/api/audit/events', { rule: unitRule('read-audit', 'query', 'rootId'), query: AuditEventsQuery }, async ({ principal, unit, query: { rootId: _, ...q } }) =>
    auditEvents(store, unit, principal, q),
  );
}
