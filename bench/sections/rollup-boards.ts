/**
 * The roll-up routes item 4 times, each with the GROUP BY it is measured against and the total
 * both must agree on. A board is measured if its entities are in the registry and its route
 * answers; otherwise the report says which part is not there yet.
 */
import { expandSafetyRollup, PackedSafetyRollupResponse, type SafetyRollupResponse } from '../../src/shared/api-safety';
import { ENTITY_NAMES } from '../../src/shared/schema/registry';
import type { GroupBoard, Totals } from './rollup-sql';

export interface Board {
  readonly key: GroupBoard;
  readonly label: string;
  readonly entities: readonly string[];
  route(rootId: string, month: string): string;
  /** What the route says for the division, in the GROUP BY's terms; null: nothing comparable. */
  fromRoute(answer: unknown, rootId: string): Totals | null;
  /** The GROUP BY columns that must equal fromRoute's. */
  readonly compare: readonly string[];
}

interface Node<C> {
  unitId: string;
  counts: C;
}
const nodeOf = <C>(answer: unknown, id: string): C | undefined =>
  (answer as { nodes?: Node<C>[] }).nodes?.find((n) => n.unitId === id)?.counts;

export const BOARDS: readonly Board[] = [
  {
    key: 'bhk',
    label: 'BHK',
    entities: ['bhkObservation'],
    route: (root, month) => `/api/rollup/bhk?rootId=${root}&month=${month}`,
    fromRoute: (answer, root) => {
      const c = nodeOf<{ n: number; totalAllOk: number }>(answer, root);
      return c ? { n: c.n, total_ok: c.totalAllOk } : null;
    },
    compare: ['n', 'total_ok'],
  },
  {
    key: 'safety',
    label: 'Gröna korset',
    entities: ['safetyEvent', 'safetyDay'],
    // As the app asks for it (packed: a unit's days as characters, a level's as tuples), expanded as the app does.
    route: (root, month) => `/api/rollup/safety?rootId=${root}&month=${month}&form=packed`,
    fromRoute: (answer, root) => {
      const c = nodeOf<SafetyRollupResponse['nodes'][number]['counts']>(expandSafetyRollup(PackedSafetyRollupResponse.parse(answer)), root);
      if (!c) return null;
      const bySeverity = Object.values(c.events);
      const days = (status: 'gron' | 'gul' | 'orange' | 'rod') => c.days.reduce((s, d) => s + d[status], 0);
      return {
        events: bySeverity.reduce((s, e) => s + e.gul + e.orange + e.rod, 0),
        red: bySeverity.reduce((s, e) => s + e.rod, 0),
        green_days: days('gron'),
        yellow_days: days('gul'),
        orange_days: days('orange'),
        red_days: days('rod'),
      };
    },
    compare: ['events', 'red', 'green_days', 'yellow_days', 'orange_days', 'red_days'],
  },
  {
    key: 'staffing',
    label: 'staffing',
    entities: ['staffingShift'],
    // The route also reads the months of its trend; the board counts are the month's own.
    route: (root, month) => `/api/rollup/staffing?rootId=${root}&month=${month}`,
    fromRoute: (answer, root) => {
      const node = (answer as { nodes?: { unitId: string; board: { planned: number; sick: number } }[] }).nodes?.find((n) => n.unitId === root);
      return node ? { planned: node.board.planned, sick: node.board.sick } : null;
    },
    compare: ['planned', 'sick'],
  },
];

export const hasEntities = (b: Board): boolean => b.entities.every((e) => (ENTITY_NAMES as readonly string[]).includes(e));
