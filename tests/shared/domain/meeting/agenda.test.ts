import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA, DEFAULT_TIMEBOX_MINUTES, meetingConfig, missingSteps, moveStep } from '../../../../src/shared/domain/meeting/agenda';
import type { AgendaStep, MeetingSettings } from '../../../../src/shared/schema/meeting';

describe('meeting agenda', () => {
  it('defaults to seven sections of the board (docs/domain.md §4.1) in 15 minutes', () => {
    expect(DEFAULT_AGENDA).toEqual(['bemanning', 'patientsakerhet', 'hygien', 'mal', 'forbattringar', 'atgarder', 'eskalera']);
    expect(meetingConfig()).toEqual({ agenda: [...DEFAULT_AGENDA], timeboxMinutes: DEFAULT_TIMEBOX_MINUTES });
  });

  it.each<[string, Partial<MeetingSettings>, AgendaStep[], number]>([
    ['own agenda and time box', { agenda: ['hygien', 'fokus'], timeboxMinutes: 10 }, ['hygien', 'fokus'], 10],
    ['only the time box set', { timeboxMinutes: 20 }, [...DEFAULT_AGENDA], 20],
    ['empty agenda falls back', { agenda: [] }, [...DEFAULT_AGENDA], 15],
    ['repeated steps kept once', { agenda: ['mal', 'mal', 'hygien'] }, ['mal', 'hygien'], 15],
    ['unknown steps dropped', { agenda: ['mal', 'kaffe' as AgendaStep] }, ['mal'], 15],
    ['too short a time box', { timeboxMinutes: 2 }, [...DEFAULT_AGENDA], 15],
    ['too long a time box', { timeboxMinutes: 90 }, [...DEFAULT_AGENDA], 15],
    ['a fractional time box', { timeboxMinutes: 7.5 }, [...DEFAULT_AGENDA], 15],
  ])('%s', (_name, settings, agenda, minutes) => {
    expect(meetingConfig(settings)).toEqual({ agenda, timeboxMinutes: minutes });
  });

  it('lists the steps a unit can add and moves steps without mutating', () => {
    expect(missingSteps(DEFAULT_AGENDA)).toEqual(['fokus']);
    const agenda: AgendaStep[] = ['bemanning', 'hygien', 'mal'];
    expect(moveStep(agenda, 2, -1)).toEqual(['bemanning', 'mal', 'hygien']);
    expect(moveStep(agenda, 0, -1)).toEqual(agenda);
    expect(moveStep(agenda, 0, 5)).toEqual(['hygien', 'mal', 'bemanning']);
    expect(moveStep(agenda, 7, 1)).toEqual(agenda);
    expect(agenda).toEqual(['bemanning', 'hygien', 'mal']);
  });
});
