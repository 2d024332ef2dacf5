/**
 * The wall screen's rotation (issue 14): a VO's staff-room TV shows its units, or chosen boards of
 * them, in turn, set up once in the address and left alone:
 *
 *   #/vagg?enheter=avd-21,avd-22&tavlor=alla,korset&sek=30
 *
 *  - `enheter`: unit ids in the order shown; units outside the signed-in account's scope (or
 *    unknown ones) are left out. Without it, `unit=` or the account's own unit: no rotation of
 *    units.
 *  - `tavlor`: what each unit shows, in turn: `alla` (the whole wall, the default), `bemanning`,
 *    `korset`, `hygien`, `atgarder` (open actions, ideas in progress, escalation answers).
 *  - `sek`: seconds per view, 5 to 3600 (default 30).
 *
 * The views are units × boards, unit by unit. Which view shows is a pure function of the clock
 * (epoch time / interval), so every TV with the same address shows the same view, a reload
 * resumes where it was, and nothing needs to be paused or stored. Pure: table-tested.
 */
import { UnitId } from '../../../shared/schema/ids';

export const WALL_BOARDS = ['alla', 'bemanning', 'korset', 'hygien', 'atgarder'] as const;
export type WallBoard = (typeof WALL_BOARDS)[number];

export const WALL_SECONDS = { min: 5, max: 3600, default: 30 } as const;

export interface WallConfig {
  units: string[];
  boards: WallBoard[];
  seconds: number;
}

export interface WallView {
  unitId: string;
  board: WallBoard;
}

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * The rotation an address asks for. `allowed` says whether a unit id may be shown (in the
 * caller's subtree); `fallbackUnit` is the wall's unit when `enheter` names none that is.
 */
export function parseWallConfig(query: Readonly<Record<string, string | undefined>>, fallbackUnit: string, allowed: (unitId: string) => boolean): WallConfig {
  const units = unique(list(query.enheter).filter((id) => UnitId.safeParse(id).success && allowed(id)));
  const boards = unique(list(query.tavlor).filter((b): b is WallBoard => (WALL_BOARDS as readonly string[]).includes(b)));
  const sek = /^\d{1,6}$/.test(query.sek ?? '') ? Number(query.sek) : WALL_SECONDS.default;
  return {
    units: units.length > 0 ? units : [fallbackUnit],
    boards: boards.length > 0 ? boards : ['alla'],
    seconds: Math.min(WALL_SECONDS.max, Math.max(WALL_SECONDS.min, sek)),
  };
}

/** Every view in order: each unit's boards, then the next unit's. */
export function wallViews(cfg: WallConfig): WallView[] {
  return cfg.units.flatMap((unitId) => cfg.boards.map((board) => ({ unitId, board })));
}

/** Whether the wall changes by itself at all. */
export const rotates = (cfg: WallConfig): boolean => wallViews(cfg).length > 1;

/**
 * The view shown at `nowMs` (epoch milliseconds), its position ("2 av 4") and how long until the
 * next one. With one view it is always shown and the wait is Infinity.
 */
export function viewAt(cfg: WallConfig, nowMs: number): { view: WallView; index: number; count: number; nextInMs: number } {
  const views = wallViews(cfg);
  const period = cfg.seconds * 1000;
  const count = views.length;
  if (count === 1) return { view: views[0] as WallView, index: 0, count, nextInMs: Infinity };
  const slot = Math.floor(nowMs / period);
  const index = ((slot % count) + count) % count;
  return { view: views[index] as WallView, index, count, nextInMs: (slot + 1) * period - nowMs };
}
