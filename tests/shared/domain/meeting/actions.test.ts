import { describe, expect, it } from 'vitest';
import { ideasByStage, IDEA_FLOW, isOverdue, nextStage, previousStage, rankAtEnd, sortActions } from '../../../../src/shared/domain/meeting/actions';
import type { Action, ActionStatus } from '../../../../src/shared/schema/action';
import type { Idea } from '../../../../src/shared/schema/idea';

const TODAY = '2026-11-23';
const action = (id: string, status: ActionStatus, due: string | null, createdAt = '2026-11-01T07:00:00.000Z'): Action =>
  ({ id, unitId: 'avd-21', title: id, status, due, createdAt }) as Action;

describe('actions', () => {
  it.each<[string, ActionStatus, string | null, boolean]>([
    ['open, due yesterday', 'oppen', '2026-11-22', true],
    ['in progress, due last month', 'pagar', '2026-10-30', true],
    ['open, due today', 'oppen', TODAY, false],
    ['open, due tomorrow', 'oppen', '2026-11-24', false],
    ['open, no due date', 'oppen', null, false],
    ['done, due yesterday', 'klar', '2026-11-22', false],
  ])('%s → overdue %s', (_name, status, due, overdue) => {
    expect(isOverdue({ status, due }, TODAY)).toBe(overdue);
  });

  it('sorts overdue first, then open by due (none last), done last, then by creation', () => {
    const list = [
      action('done', 'klar', '2026-11-01'),
      action('no-due', 'oppen', null),
      action('later', 'oppen', '2026-12-01'),
      action('soon-b', 'pagar', '2026-11-25', '2026-11-02T07:00:00.000Z'),
      action('soon-a', 'oppen', '2026-11-25', '2026-11-01T07:00:00.000Z'),
      action('late-2', 'oppen', '2026-11-20'),
      action('late-1', 'pagar', '2026-11-10'),
    ];
    expect(sortActions(list, TODAY).map((a) => a.id)).toEqual(['late-1', 'late-2', 'soon-a', 'soon-b', 'later', 'no-due', 'done']);
    expect(list[0]?.id).toBe('done');
  });
});

describe('ideas', () => {
  it('flow Idé → Prioriterad → Pågår → Klar, both ways', () => {
    expect(IDEA_FLOW).toEqual(['ide', 'prioriterad', 'pagar', 'klar']);
    expect(nextStage('ide')).toBe('prioriterad');
    expect(nextStage('pagar')).toBe('klar');
    expect(nextStage('klar')).toBeNull();
    expect(previousStage('klar')).toBe('pagar');
    expect(previousStage('ide')).toBeNull();
  });

  it('groups by column, ordered by rank (none last), then creation', () => {
    const idea = (id: string, stage: Idea['stage'], rank?: number, createdAt = '2026-11-01T00:00:00.000Z'): Idea =>
      ({ id, unitId: 'avd-21', title: id, stage, createdAt, ...(rank === undefined ? {} : { rank }) }) as Idea;
    const columns = ideasByStage([
      idea('c', 'ide'),
      idea('b', 'ide', 2000),
      idea('a', 'ide', 1000),
      idea('d', 'pagar', undefined, '2026-11-02T00:00:00.000Z'),
      idea('e', 'pagar', undefined, '2026-11-01T00:00:00.000Z'),
    ]);
    expect(columns.ide.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(columns.prioriterad).toEqual([]);
    expect(columns.pagar.map((i) => i.id)).toEqual(['e', 'd']);
    expect(columns.klar).toEqual([]);
    expect(rankAtEnd(columns.ide)).toBe(3000);
    expect(rankAtEnd([])).toBe(1000);
  });
});
