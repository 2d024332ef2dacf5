// @vitest-environment jsdom
/**
 * The view models of issue 7's screens: which actions stand out as overdue and in what order,
 * the inline form's messages, the kanban's moves, the escalation lines, the timer's words, and
 * the meeting kept per unit and day on the device.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { actionRows, causeFromQuery, changedFields, draftFields, openCounts, validateDraft } from '../../../src/client/features/improvements/action-model';
import { escalationLine, offersEscalation } from '../../../src/client/features/improvements/escalation-model';
import { kanban, moveLabel, movePatch } from '../../../src/client/features/improvements/idea-model';
import { loadMeeting, saveMeeting } from '../../../src/client/features/meeting/meeting-store';
import { clock, timerView } from '../../../src/client/features/meeting/timer-view';
import { initialMeeting, meetingReducer } from '../../../src/shared/domain/meeting/timer';
import type { Action } from '../../../src/shared/schema/action';
import type { Idea } from '../../../src/shared/schema/idea';

const action = (id: string, status: Action['status'], due: string | null, extra: Partial<Action> = {}): Action =>
  ({ id, unitId: 'avd-21', title: `Åtgärd ${id}`, status, due, createdAt: '2026-11-01T07:00:00.000Z', ...extra }) as Action;
const idea = (id: string, stage: Idea['stage'], rank?: number): Idea =>
  ({ id, unitId: 'avd-21', title: `Idé ${id}`, stage, createdAt: '2026-11-01T07:00:00.000Z', ...(rank === undefined ? {} : { rank }) }) as Idea;

describe('action list', () => {
  const list = [action('late', 'oppen', '2026-11-19'), action('done-late', 'klar', '2026-11-01'), action('today', 'pagar', '2026-11-20'), action('none', 'oppen', null)];

  it.each([
    ['open', ['late', 'today', 'none'], [true, false, false]],
    ['all', ['late', 'today', 'none', 'done-late'], [true, false, false, false]],
  ] as const)('filter %s: overdue first and marked, done ones never overdue', (filter, ids, overdue) => {
    const rows = actionRows(list, '2026-11-20', filter);
    expect(rows.map((r) => r.action.id)).toEqual(ids);
    expect(rows.map((r) => r.overdue)).toEqual(overdue);
    expect(rows[0]?.statusText).toBe('Öppen');
  });

  it('counts open and overdue ones', () => {
    expect(openCounts(list, '2026-11-20')).toEqual({ open: 3, late: 1 });
  });

  it.each([
    [{ title: '', owner: '', due: '', note: '' }, { title: 'Skriv vad som ska göras.' }],
    [{ title: '  ', owner: 'AB', due: '2026-11-31', note: '' }, { title: 'Skriv vad som ska göras.', due: 'Ange ett datum (ÅÅÅÅ-MM-DD).' }],
    [{ title: 'Ring 19121212-1212', owner: '', due: '', note: '' }, { title: 'Texten ser ut att innehålla ett personnummer. Skriv inga patientuppgifter.' }],
    [{ title: 'Extra pool', owner: 'x'.repeat(41), due: '', note: '' }, { owner: 'För lång text (högst 40 tecken).' }],
    [{ title: 'Extra pool', owner: 'AB', due: '2026-12-01', note: 'Fråga VO' }, {}],
  ])('validates a draft next to each field: %o', (draft, errors) => {
    expect(validateDraft(draft)).toEqual(errors);
  });

  it('stores empty optional fields as null and patches only what changed', () => {
    const fields = draftFields({ title: ' Extra pool ', owner: '', due: '2026-12-01', note: ' ' });
    expect(fields).toEqual({ title: 'Extra pool', owner: null, due: '2026-12-01', note: null });
    const current = action('a', 'oppen', '2026-12-01', { title: 'Extra pool', owner: null });
    expect(changedFields(current, { ...fields, owner: 'AB' })).toEqual({ owner: 'AB' });
  });

  it.each([
    [{ ny: '1', orsak: 'bhkPeriod', ref: '2026-10', etikett: 'BHK 2026-10: 72 %' }, { kind: 'bhkPeriod', ref: '2026-10', label: 'BHK 2026-10: 72 %' }],
    [{ ny: '1', orsak: 'safetyDay', ref: '2026-11-20', etikett: 'Röd dag 2026-11-20' }, { kind: 'safetyDay', ref: '2026-11-20', label: 'Röd dag 2026-11-20' }],
    // Issue 13: a unit's action that carries out a division's strategic action.
    [{ ny: '1', orsak: 'strategic', ref: '01900000-0000-7000-8000-000000000101', etikett: 'Strategisk åtgärd 1: Införa produktionsplanering' }, { kind: 'strategic', ref: '01900000-0000-7000-8000-000000000101', label: 'Strategisk åtgärd 1: Införa produktionsplanering' }],
    [{ ny: '1', orsak: 'patient', ref: 'x', etikett: 'y' }, null],
    [{ ny: '1', orsak: 'other', ref: 'x', etikett: '' }, null],
    [{ ny: '1', orsak: 'other', ref: 'x', etikett: '19121212-1212' }, null],
  ])('reads a cause from the address: %o', (q, cause) => {
    expect(causeFromQuery(q)).toEqual(cause);
  });
});

describe('ideas kanban', () => {
  const ideas = [idea('a', 'ide', 2000), idea('b', 'ide', 1000), idea('c', 'pagar', 1000), idea('d', 'klar')];

  it('four columns in flow order, cards by rank', () => {
    const cols = kanban(ideas);
    expect(cols.map((c) => c.title)).toEqual(['Idé', 'Prioriterad', 'Pågår (PDSA)', 'Klar']);
    expect(cols[0]?.cards.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it.each([
    ['a', 1, { stage: 'prioriterad', rank: 1000 }],
    ['c', 1, { stage: 'klar', rank: 1000 }],
    ['c', -1, { stage: 'prioriterad', rank: 1000 }],
    ['b', -1, null],
    ['d', 1, null],
  ] as const)('moving %s by %i', (id, dir, patch) => {
    const card = ideas.find((i) => i.id === id) as Idea;
    expect(movePatch(ideas, card, dir)).toEqual(patch);
  });

  it('a move lands last in its column; the buttons say where to', () => {
    const moved = movePatch([...ideas, idea('e', 'klar', 5000)], ideas[2] as Idea, 1);
    expect(moved).toEqual({ stage: 'klar', rank: 6000 });
    expect(moveLabel(ideas[0] as Idea, 1)).toBe('Flytta Idé a till Prioriterad');
    expect(moveLabel(ideas[2] as Idea, -1)).toBe('Flytta Idé c tillbaka till Prioriterad');
    expect(moveLabel(ideas[0] as Idea, -1)).toBeNull();
  });
});

describe('escalation lines', () => {
  it.each([
    [null, null],
    [{ holderName: 'VO Medicin', status: 'skickad', reply: null, answeredByName: null }, 'Eskalerad till VO Medicin – väntar på svar'],
    [{ holderName: 'VO Medicin', status: 'mottagen', reply: null, answeredByName: 'VO Medicin' }, 'Mottagen – VO Medicin'],
    [
      { holderName: 'Division Länssjukvård', status: 'lost', reply: 'Extra pool från måndag', answeredByName: 'Division Länssjukvård' },
      'Löst – Division Länssjukvård: ”Extra pool från måndag”',
    ],
    [{ holderName: 'VO Medicin', status: 'tillbaka', reply: 'Lös på enheten', answeredByName: 'VO Medicin' }, 'Tillbaka – VO Medicin: ”Lös på enheten”'],
    [{ holderName: 'VO Medicin', status: 'atgardas', reply: null, answeredByName: null }, 'Åtgärdas – VO Medicin'],
  ] as const)('%o → %s', (status, text) => {
    expect(escalationLine(status)).toBe(text);
  });
});

describe('offering "Eskalera till …"', () => {
  it.each([
    ['an open action', action('a', 'oppen', null), true],
    ['an action in progress', action('a', 'pagar', null), true],
    ['a done action', action('a', 'klar', null), false],
    ['an action waiting at the VO', action('a', 'oppen', null, { escalatedTo: 'vo-med' as Action['unitId'], escalationStatus: 'skickad' }), false],
    ['an action sent back', action('a', 'oppen', null, { escalatedTo: 'vo-med' as Action['unitId'], escalationStatus: 'tillbaka' }), true],
    ['an idea in progress', idea('i', 'pagar'), true],
    ['a done idea', idea('i', 'klar'), false],
  ] as const)('%s → %s', (_name, item, offered) => {
    expect(offersEscalation(item)).toBe(offered);
  });
});

describe('meeting timer display', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [65_000, '1:05'],
    [15 * 60_000, '15:00'],
    [3_725_000, '1:02:05'],
    [-65_000, '1:05'],
  ])('clock(%i) = %s', (ms, text) => {
    expect(clock(ms)).toBe(text);
  });

  const started = meetingReducer(initialMeeting(['bemanning', 'hygien'], 15), { type: 'start', at: 0 });

  it('counts down the time box, then says "över tiden" with ⚠, not colour alone', () => {
    expect(timerView(started, 0)).toMatchObject({ text: '15:00 kvar', overtime: false, symbol: '◔', stepText: 'Den här punkten: 0:00' });
    expect(timerView(started, 60_500).text).toBe('14:00 kvar');
    expect(timerView(started, 15 * 60_000).text).toBe('0:00 kvar');
    expect(timerView(started, 16 * 60_000 + 5_000)).toMatchObject({ text: 'Över tiden: +1:05', overtime: true, symbol: '⚠' });
  });

  it('shows the current item time and a pause', () => {
    const next = meetingReducer(started, { type: 'next', at: 120_000 });
    expect(timerView(next, 150_000).stepText).toBe('Den här punkten: 0:30');
    const paused = meetingReducer(next, { type: 'pause', at: 150_000 });
    expect(timerView(paused, 900_000)).toMatchObject({ paused: true, text: '12:30 kvar' });
  });
});

describe('the meeting on this device', () => {
  afterEach(() => localStorage.clear());

  it('survives a reload per unit and day, and forgets the unit’s earlier days', () => {
    const state = meetingReducer(initialMeeting(['bemanning', 'hygien'], 15), { type: 'start', at: 1000 });
    saveMeeting('avd-21', '2026-11-19', { state, facilitator: 'AB', present: 6, decisions: '' });
    saveMeeting('avd-22', '2026-11-19', { state, facilitator: 'CD', present: 3, decisions: '' });
    saveMeeting('avd-21', '2026-11-20', { state, facilitator: 'EF', present: 7, decisions: 'Extra pool' });
    expect(loadMeeting('avd-21', '2026-11-20')).toEqual({ state, facilitator: 'EF', present: 7, decisions: 'Extra pool' });
    expect(loadMeeting('avd-21', '2026-11-19')).toBeNull();
    expect(loadMeeting('avd-22', '2026-11-19')?.facilitator).toBe('CD');
  });

  it('reads a damaged entry as no meeting', () => {
    localStorage.setItem('pulstavlan.meeting.avd-21.2026-11-20', '{"state":{"phase":"flying"}}');
    expect(loadMeeting('avd-21', '2026-11-20')).toBeNull();
    localStorage.setItem('pulstavlan.meeting.avd-21.2026-11-20', 'not json');
    expect(loadMeeting('avd-21', '2026-11-20')).toBeNull();
  });
});
