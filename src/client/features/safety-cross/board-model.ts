/**
 * A unit's Gröna korset board as the screen shows it, computed on the device from the local
 * replica with the shared domain functions (the same ones the server's roll-up calls). Pure, so
 * the board's rules are tested without a DOM.
 */
import { categoryDayStatus, dayStatus, type DayStatus } from '../../../shared/domain/safety-colour';
import { daysWithout, type Counter } from '../../../shared/domain/safety-counters';
import { monthDates } from '../../../shared/domain/safety-cross';
import { effectiveRecords } from '../../../shared/domain/corrections';
import { safetyFigures, type SafetyFigures, unitMonthCounts, unitMonthStatuses } from '../../../shared/domain/safety-month';
import { confirmedDates } from '../../../shared/domain/safety-rollup';
import type { SafetyDay } from '../../../shared/schema/safety-day';
import type { SafetyEvent } from '../../../shared/schema/safety-event';
import type { SafetySettings } from '../../../shared/schema/safety-settings';

export interface CrossModel {
  /** null: the cross for all events. */
  category: string | null;
  /** Index 0 = the 1st of the month. */
  statuses: DayStatus[];
}

export interface BoardModel {
  month: string;
  today: string;
  crosses: CrossModel[];
  /** Every effective event of the unit, any month (counters and yesterday on the 1st need them). */
  effective: SafetyEvent[];
  /** Effective events (after corrections) of the month, by date. */
  eventsByDate: Map<string, SafetyEvent[]>;
  confirmed: Set<string>;
  /** Over all categories first, then one per category of the unit's list. */
  counters: Counter[];
  figures: SafetyFigures;
  levels: 3 | 4;
}

export function buildBoard(input: {
  month: string;
  today: string;
  events: readonly SafetyEvent[];
  days: readonly SafetyDay[];
  settings: SafetySettings;
}): BoardModel {
  const { month, today, settings } = input;
  const effective = effectiveRecords(input.events);
  const confirmed = confirmedDates(input.days);
  const eventsByDate = new Map<string, SafetyEvent[]>();
  for (const e of effective) {
    if (!e.date.startsWith(month)) continue;
    const list = eventsByDate.get(e.date) ?? [];
    list.push(e);
    eventsByDate.set(e.date, list);
  }
  const all: CrossModel = { category: null, statuses: unitMonthStatuses(month, today, effective, confirmed) };
  const crosses =
    settings.crossCategories.length === 0
      ? [all]
      : settings.crossCategories.map((category) => ({
          category,
          statuses: monthDates(month).map((date) =>
            categoryDayStatus({ date, today, confirmedGreen: confirmed.has(date), events: eventsByDate.get(date) ?? [] }, category),
          ),
        }));
  // A category that is no longer on the unit's list still counts if it has events.
  const categories = [...new Set([...settings.categories, ...effective.map((e) => e.category)])];
  return {
    month,
    today,
    crosses,
    effective,
    eventsByDate,
    confirmed,
    counters: [daysWithout(effective, today, null), ...categories.map((c) => daysWithout(effective, today, c))],
    figures: safetyFigures(unitMonthCounts({ month, today, events: effective, confirmed, expected: true })),
    levels: settings.levels,
  };
}

/** Severities offered when registering: a 3-level scale has no orange. */
export function severitiesFor(levels: 3 | 4): readonly SafetyEvent['severity'][] {
  return levels === 3 ? ['gul', 'rod'] : ['gul', 'orange', 'rod'];
}

export interface DayView {
  date: string;
  status: DayStatus;
  /** Effective events of the day. */
  events: SafetyEvent[];
  confirmed: boolean;
}

/** Any day of the unit, in or outside the board's month (the all-events colour). */
export function dayView(board: BoardModel, date: string): DayView {
  const events = board.effective.filter((e) => e.date === date);
  const confirmed = board.confirmed.has(date);
  return { date, events, confirmed, status: dayStatus({ date, today: board.today, confirmed, severities: events.map((e) => e.severity) }) };
}
