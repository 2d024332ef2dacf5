import { describe, expect, it } from 'vitest';
import {
  answerPatch,
  boardStatus,
  canEscalate,
  type Escalatable,
  escalationPatch,
  forwardPatch,
  inboxFor,
  mayAnswer,
  mayTakeBack,
  namePath,
  parentLevel,
} from '../../../../src/shared/domain/meeting/escalation';
import type { TreeUnit } from '../../../../src/shared/domain/rollup';
import { AppError } from '../../../../src/shared/errors';
import type { EscalationStatus } from '../../../../src/shared/schema/escalation';

const u = (id: string, parentId: string | null, kind: TreeUnit['kind'], name: string): TreeUnit => ({ id, parentId, kind, name, closedAt: null });
const UNITS: TreeUnit[] = [
  u('region', null, 'region', 'Region'),
  u('div-med', 'region', 'division', 'Medicindivisionen'),
  u('vo-med', 'div-med', 'vo', 'VO Medicin'),
  u('avd-21', 'vo-med', 'enhet', 'Avd 21'),
  u('avd-22', 'vo-med', 'enhet', 'Avd 22'),
];
const NOW = Date.UTC(2026, 10, 23, 7, 0);
const item = (fields: Partial<Escalatable> = {}): Escalatable => ({ id: 'a1', unitId: 'avd-21', ...fields });
const sent = (to: string) => ({
  escalatedTo: to,
  escalatedAt: new Date(NOW).toISOString(),
  escalationStatus: 'skickad',
  escalationReply: null,
  escalationAnsweredBy: null,
  escalationAnsweredAt: null,
});

describe('escalation patches', () => {
  it('finds the parent level', () => {
    expect(parentLevel(UNITS, 'avd-21')?.id).toBe('vo-med');
    expect(parentLevel(UNITS, 'region')).toBeNull();
    expect(parentLevel(UNITS, 'nowhere')).toBeNull();
  });

  it.each<[string, Partial<Escalatable>, boolean]>([
    ['never escalated', {}, true],
    ['explicitly not escalated', { escalatedTo: null }, true],
    ['waiting at the VO', { escalatedTo: 'vo-med', escalationStatus: 'skickad' }, false],
    ['received', { escalatedTo: 'vo-med', escalationStatus: 'mottagen' }, false],
    ['being handled', { escalatedTo: 'div-med', escalationStatus: 'atgardas' }, false],
    ['solved', { escalatedTo: 'div-med', escalationStatus: 'lost' }, false],
    ['sent back', { escalatedTo: 'vo-med', escalationStatus: 'tillbaka' }, true],
  ])('canEscalate: %s → %s', (_name, fields, can) => {
    expect(canEscalate(fields)).toBe(can);
    expect(escalationPatch(UNITS, item(fields), NOW) !== null).toBe(can);
  });

  it('escalates to the parent and clears an earlier answer', () => {
    const back = item({ escalatedTo: 'vo-med', escalationStatus: 'tillbaka', escalationReply: 'Lös lokalt', escalationAnsweredBy: 'vo-med' });
    expect(escalationPatch(UNITS, back, NOW)).toEqual(sent('vo-med'));
    expect(escalationPatch(UNITS, item({ unitId: 'region' }), NOW)).toBeNull();
  });

  it('forwards from the holder to its parent, not beyond the root', () => {
    expect(forwardPatch(UNITS, item({ escalatedTo: 'vo-med', escalationStatus: 'mottagen', escalationReply: 'x' }), NOW)).toEqual(sent('div-med'));
    expect(forwardPatch(UNITS, item({ escalatedTo: 'div-med' }), NOW)).toEqual(sent('region'));
    expect(forwardPatch(UNITS, item({ escalatedTo: 'region' }), NOW)).toBeNull();
    expect(forwardPatch(UNITS, item(), NOW)).toBeNull();
  });

  it('answers with a status, a trimmed reply and the answering level', () => {
    const held = item({ escalatedTo: 'div-med', escalationStatus: 'skickad' });
    expect(answerPatch(held, 'lost', '  Extra pass från bemanningsenheten ', 'div-med', NOW)).toEqual({
      escalationStatus: 'lost',
      escalationReply: 'Extra pass från bemanningsenheten',
      escalationAnsweredBy: 'div-med',
      escalationAnsweredAt: new Date(NOW).toISOString(),
    });
    expect(answerPatch(held, 'mottagen', '   ', 'div-med', NOW).escalationReply).toBeNull();
    expect(() => answerPatch(held, 'skickad' as 'lost', null, 'div-med', NOW)).toThrow(AppError);
    expect(() => answerPatch(item(), 'lost', null, 'div-med', NOW)).toThrow(AppError);
  });
});

describe('who may answer', () => {
  const held = item({ escalatedTo: 'vo-med', escalationStatus: 'skickad' });
  it.each<[string, string, boolean]>([
    ['the holding VO', 'vo-med', true],
    ['the division above it', 'div-med', true],
    ['the region', 'region', true],
    ['the raising unit itself', 'avd-21', false],
    ['a sibling unit', 'avd-22', false],
  ])('%s → %s', (_name, scope, may) => {
    expect(mayAnswer(UNITS, scope, held)).toBe(may);
  });
  it('nobody answers what is not escalated', () => {
    expect(mayAnswer(UNITS, 'region', item())).toBe(false);
  });
});

describe('what the raising side may take back', () => {
  // [item, may withdraw or send again, may delete]
  it.each<[string, Partial<Escalatable>, boolean, boolean]>([
    ['never escalated', {}, true, true],
    ['waiting unanswered at the VO', { escalatedTo: 'vo-med', escalationStatus: 'skickad' }, true, true],
    // No status recorded means nobody answered: it counts as sent, as boardStatus shows it.
    ['at the VO without a recorded status', { escalatedTo: 'vo-med', escalationStatus: null }, true, true],
    ['received by the VO', { escalatedTo: 'vo-med', escalationStatus: 'mottagen' }, false, false],
    ['being handled by the VO', { escalatedTo: 'vo-med', escalationStatus: 'atgardas' }, false, false],
    ['forwarded to the division, unanswered', { escalatedTo: 'div-med', escalationStatus: 'skickad' }, false, false],
    ['sent back by the division', { escalatedTo: 'div-med', escalationStatus: 'tillbaka' }, true, true],
    ['solved by the division', { escalatedTo: 'div-med', escalationStatus: 'lost' }, false, true],
  ])('%s → withdraw %s, delete %s', (_name, fields, withdraw, del) => {
    expect(mayTakeBack(UNITS, item(fields), false)).toBe(withdraw);
    expect(mayTakeBack(UNITS, item(fields), true)).toBe(del);
  });
});

describe('inbox and board', () => {
  it('names the raising unit with the levels between it and the viewer', () => {
    expect(namePath(UNITS, 'avd-21', 'vo-med')).toBe('Avd 21');
    expect(namePath(UNITS, 'avd-21', 'div-med')).toBe('Avd 21 (VO Medicin)');
    expect(namePath(UNITS, 'avd-21', 'region')).toBe('Avd 21 (VO Medicin, Medicindivisionen)');
  });

  it('lists what a level holds, unanswered first, then oldest first', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h)).toISOString();
    const items: Escalatable[] = [
      item({ id: 'answered', escalatedTo: 'div-med', escalationStatus: 'mottagen', escalatedAt: at(5) }),
      item({ id: 'new', escalatedTo: 'div-med', escalationStatus: 'skickad', escalatedAt: at(7) }),
      item({ id: 'old', unitId: 'avd-22', escalatedTo: 'div-med', escalationStatus: 'skickad', escalatedAt: at(6) }),
      item({ id: 'at-vo', escalatedTo: 'vo-med', escalationStatus: 'skickad', escalatedAt: at(4) }),
      item({ id: 'none' }),
    ];
    const inbox = inboxFor(UNITS, items, 'div-med');
    expect(inbox.map((e) => [e.item.id, e.fromUnitId, e.fromName])).toEqual([
      ['old', 'avd-22', 'Avd 22 (VO Medicin)'],
      ['new', 'avd-21', 'Avd 21 (VO Medicin)'],
      ['answered', 'avd-21', 'Avd 21 (VO Medicin)'],
    ]);
    expect(inboxFor(UNITS, items, 'avd-21')).toEqual([]);
  });

  it.each<[string, Partial<Escalatable>, ReturnType<typeof boardStatus>]>([
    ['not escalated', {}, null],
    [
      'waiting at the VO',
      { escalatedTo: 'vo-med', escalationStatus: 'skickad' },
      { holderId: 'vo-med', holderName: 'VO Medicin', status: 'skickad', reply: null, answeredByName: null, answeredAt: null },
    ],
    [
      'solved by the division',
      { escalatedTo: 'div-med', escalationStatus: 'lost' as EscalationStatus, escalationReply: 'Klart', escalationAnsweredBy: 'div-med', escalationAnsweredAt: 'T' },
      { holderId: 'div-med', holderName: 'Medicindivisionen', status: 'lost', reply: 'Klart', answeredByName: 'Medicindivisionen', answeredAt: 'T' },
    ],
  ])('board status: %s', (_name, fields, expected) => {
    expect(boardStatus(UNITS, item(fields))).toEqual(expected);
  });
});
