import { describe, expect, it } from 'vitest';
import { backdateVerdict, MAX_OFFLINE_DAYS, writeDay } from '../../../src/shared/domain/safety-backdate';
import type { Role } from '../../../src/shared/api';

describe('back-dating window', () => {
  it.each<[string, string, number, Role, string]>([
    ['today', '2026-11-22', 7, 'staff', 'ok'],
    ['7 days back with a 7-day window', '2026-11-15', 7, 'staff', 'ok'],
    ['8 days back with a 7-day window', '2026-11-14', 7, 'staff', 'too-old'],
    ['across a year boundary', '2025-12-31', 7, 'staff', 'ok'],
    ['a window of 0: today only', '2026-11-21', 0, 'staff', 'too-old'],
    ['a manager may go further back', '2026-01-01', 7, 'manager', 'ok'],
    ['so may an admin', '2025-01-01', 7, 'admin', 'ok'],
    ['nobody enters a future day', '2026-11-23', 7, 'admin', 'future'],
    ['not staff either', '2026-11-23', 7, 'staff', 'future'],
  ])('%s', (_name, date, window, role, verdict) => {
    const writtenOn = date.startsWith('2025-12') ? '2026-01-05' : '2026-11-22';
    expect(backdateVerdict(date, writtenOn, window, role)).toBe(verdict);
  });

  it('dates a change by its HLC wall time in Stockholm, capped at the server clock', () => {
    const evening = Date.UTC(2026, 10, 21, 22, 30); // 23:30 in Stockholm on the 21st
    expect(writeDay(evening, evening + 3 * 86_400_000)).toBe('2026-11-21');
    expect(writeDay(Date.UTC(2026, 10, 21, 23, 30), Date.UTC(2026, 10, 30))).toBe('2026-11-22'); // 00:30 next day
    expect(writeDay(Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 24, 12))).toBe('2026-11-24');
  });

  it('sync rule 19: an HLC further back than MAX_OFFLINE_DAYS before receipt is dated MAX_OFFLINE_DAYS back', () => {
    const received = Date.UTC(2026, 11, 3, 10); // 3 December, 11:00 in Stockholm
    const day = 86_400_000;
    expect(MAX_OFFLINE_DAYS).toBe(14);
    expect(writeDay(received - 13 * day, received)).toBe('2026-11-20');
    expect(writeDay(received - 14 * day, received)).toBe('2026-11-19');
    expect(writeDay(received - 30 * day, received)).toBe('2026-11-19');
    expect(writeDay(0, received)).toBe('2026-11-19');
    // So an event 30 days back with its HLC set 30 days back is 14 days older than its window allows.
    expect(backdateVerdict('2026-11-03', writeDay(received - 30 * day, received), 7, 'staff')).toBe('too-old');
  });
});
