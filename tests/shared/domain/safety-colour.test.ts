import { describe, expect, it } from 'vitest';
import { categoryDayStatus, dayStatus, worstSeverity } from '../../../src/shared/domain/safety-colour';
import type { Severity } from '../../../src/shared/schema/safety-event';

const TODAY = '2026-11-22';

describe('day colour: the most serious event, green only when confirmed', () => {
  it.each<[string, string, boolean, Severity[], string]>([
    ['future day, nothing', '2026-11-23', false, [], 'framtid'],
    ['future day, even if confirmed', '2026-11-30', true, [], 'framtid'],
    ['past day, nothing: ej ifylld (never assumed green)', '2026-11-21', false, [], 'ej_ifylld'],
    ['today, nothing yet', TODAY, false, [], 'idag'],
    ['today, confirmed', TODAY, true, [], 'gron'],
    ['past day confirmed green', '2026-11-01', true, [], 'gron'],
    ['one risk', '2026-11-20', false, ['gul'], 'gul'],
    ['risk and harm: harm', '2026-11-20', false, ['gul', 'orange'], 'orange'],
    ['serious harm wins over all', '2026-11-20', false, ['orange', 'rod', 'gul'], 'rod'],
    ['a green confirmation that meets an event takes the event colour', '2026-11-20', true, ['orange'], 'orange'],
    ['event today, confirmed too', TODAY, true, ['gul'], 'gul'],
    ['crossing a year: last year is past', '2025-12-31', false, [], 'ej_ifylld'],
  ])('%s', (_name, date, confirmed, severities, expected) => {
    expect(dayStatus({ date, today: TODAY, confirmed, severities })).toBe(expected);
  });

  it('is independent of the order events arrive in', () => {
    const orders: Severity[][] = [['gul', 'rod', 'orange'], ['rod', 'orange', 'gul'], ['orange', 'gul', 'rod']];
    for (const o of orders) expect(worstSeverity(o)).toBe('rod');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('category crosses (fallkorset)', () => {
  const base = { date: '2026-11-20', today: TODAY };
  it.each<[string, boolean, { category: string; severity: Severity }[], string, string]>([
    ['a fall colours the fall cross', false, [{ category: 'fall', severity: 'orange' }], 'fall', 'orange'],
    ['a fall leaves the pressure-ulcer cross green: the day was reviewed', false, [{ category: 'fall', severity: 'orange' }], 'trycksar', 'gron'],
    ['confirmed green, no events: green on every cross', true, [], 'trycksar', 'gron'],
    ['nothing recorded: ej ifylld', false, [], 'fall', 'ej_ifylld'],
    ['worst of the category only', false, [{ category: 'fall', severity: 'gul' }, { category: 'vri', severity: 'rod' }, { category: 'fall', severity: 'orange' }], 'fall', 'orange'],
  ])('%s', (_name, confirmedGreen, events, category, expected) => {
    expect(categoryDayStatus({ ...base, confirmedGreen, events }, category)).toBe(expected);
  });
});
