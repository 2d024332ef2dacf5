import { describe, expect, it } from 'vitest';
import {
  elapsedMs,
  initialMeeting,
  isOvertime,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingPhase,
  meetingReducer,
  type MeetingState,
  parseMeetingState,
  remainingMs,
  stepElapsedMs,
  stepSeconds,
} from '../../../../src/shared/domain/meeting/timer';
import type { AgendaStep } from '../../../../src/shared/schema/meeting';

const STEPS: AgendaStep[] = ['bemanning', 'patientsakerhet', 'hygien'];
const T0 = Date.UTC(2026, 10, 23, 6, 30);
const s = (n: number) => T0 + n * 1000;

function run(events: MeetingEvent[], start: MeetingState = initialMeeting(STEPS, 15)): MeetingState {
  return events.reduce(meetingReducer, start);
}

/** A state in each phase, at step 1 of 3 (so next, prev and goto all have somewhere to go). */
function inPhase(phase: MeetingPhase): MeetingState {
  const idle = initialMeeting(STEPS, 15);
  if (phase === 'idle') return idle;
  const running = run([{ type: 'start', at: s(0) }, { type: 'next', at: s(10) }], idle);
  if (phase === 'running') return running;
  if (phase === 'paused') return meetingReducer(running, { type: 'pause', at: s(20) });
  return meetingReducer(running, { type: 'end', at: s(20) });
}

function eventOf(type: MeetingEventType, at: number): MeetingEvent {
  return type === 'goto' ? { type, index: 0, at } : { type, at };
}

describe('meeting state machine: every phase × event', () => {
  // [phase, event, phase after (null = the very same state object back)]
  it.each<[MeetingPhase, MeetingEventType, MeetingPhase | null]>([
    ['idle', 'start', 'running'],
    ['idle', 'next', null],
    ['idle', 'prev', null],
    ['idle', 'goto', null],
    ['idle', 'pause', null],
    ['idle', 'resume', null],
    ['idle', 'end', null],
    ['running', 'start', null],
    ['running', 'next', 'running'],
    ['running', 'prev', 'running'],
    ['running', 'goto', 'running'],
    ['running', 'pause', 'paused'],
    ['running', 'resume', null],
    ['running', 'end', 'ended'],
    ['paused', 'start', null],
    ['paused', 'next', 'paused'],
    ['paused', 'prev', 'paused'],
    ['paused', 'goto', 'paused'],
    ['paused', 'pause', null],
    ['paused', 'resume', 'running'],
    ['paused', 'end', 'ended'],
    ['ended', 'start', null],
    ['ended', 'next', null],
    ['ended', 'prev', null],
    ['ended', 'goto', null],
    ['ended', 'pause', null],
    ['ended', 'resume', null],
    ['ended', 'end', null],
  ])('%s + %s → %s', (phase, type, after) => {
    const before = inPhase(phase);
    const next = meetingReducer(before, eventOf(type, s(30)));
    if (after === null) expect(next).toBe(before);
    else {
      expect(next).not.toBe(before);
      expect(next.phase).toBe(after);
    }
  });

  it.each<[string, MeetingState, MeetingEvent]>([
    ['next on the last step', run([{ type: 'start', at: s(0) }, { type: 'goto', index: 2, at: s(1) }]), { type: 'next', at: s(2) }],
    ['prev on the first step', run([{ type: 'start', at: s(0) }]), { type: 'prev', at: s(2) }],
    ['goto the current step', run([{ type: 'start', at: s(0) }]), { type: 'goto', index: 0, at: s(2) }],
    ['goto past the end', run([{ type: 'start', at: s(0) }]), { type: 'goto', index: 3, at: s(2) }],
    ['goto below zero', run([{ type: 'start', at: s(0) }]), { type: 'goto', index: -1, at: s(2) }],
    ['goto a fraction', run([{ type: 'start', at: s(0) }]), { type: 'goto', index: 1.5, at: s(2) }],
    ['a non-finite time', run([{ type: 'start', at: s(0) }]), { type: 'pause', at: Number.NaN }],
    ['start with an empty agenda', initialMeeting([], 15), { type: 'start', at: s(0) }],
  ])('ignores %s', (_name, state, event) => {
    expect(meetingReducer(state, event)).toBe(state);
  });
});

describe('meeting time', () => {
  it('accumulates time per step over revisits, without the pauses', () => {
    const state = run([
      { type: 'start', at: s(0) },
      { type: 'next', at: s(60) }, // bemanning 60
      { type: 'pause', at: s(90) }, // patientsakerhet 30
      { type: 'resume', at: s(150) }, // 60 s paused
      { type: 'prev', at: s(160) }, // patientsakerhet +10 = 40
      { type: 'goto', index: 2, at: s(200) }, // bemanning +40 = 100
    ]);
    expect(state.stepMs).toEqual({ bemanning: 100_000, patientsakerhet: 40_000 });
    expect(stepElapsedMs(state, s(215))).toBe(15_000);
    expect(elapsedMs(state, s(215))).toBe(155_000);
    expect(stepSeconds(state, s(215))).toEqual({ bemanning: 100, patientsakerhet: 40, hygien: 15 });
  });

  it('moving between steps while paused counts no time', () => {
    const state = run([
      { type: 'start', at: s(0) },
      { type: 'pause', at: s(10) },
      { type: 'next', at: s(50) },
      { type: 'resume', at: s(70) },
    ]);
    expect(state.index).toBe(1);
    expect(state.stepMs).toEqual({ bemanning: 10_000 });
    expect(stepElapsedMs(state, s(75))).toBe(5_000);
    expect(elapsedMs(state, s(75))).toBe(15_000);
  });

  it('counts down the time box and goes negative when over time', () => {
    const started = run([{ type: 'start', at: s(0) }], initialMeeting(STEPS, 15));
    expect(remainingMs(started, s(0))).toBe(15 * 60_000);
    expect(isOvertime(started, s(15 * 60))).toBe(false);
    expect(remainingMs(started, s(15 * 60 + 30))).toBe(-30_000);
    expect(isOvertime(started, s(15 * 60 + 30))).toBe(true);
  });

  it('is frozen while paused and once ended; the end banks the last step', () => {
    const paused = run([{ type: 'start', at: s(0) }, { type: 'pause', at: s(100) }]);
    expect(elapsedMs(paused, s(5000))).toBe(100_000);
    const ended = run([{ type: 'start', at: s(0) }, { type: 'next', at: s(30) }, { type: 'pause', at: s(40) }, { type: 'end', at: s(100) }]);
    expect(ended.endedAt).toBe(s(100));
    expect(ended.pausedMs).toBe(60_000);
    expect(elapsedMs(ended, s(9999))).toBe(40_000);
    expect(stepSeconds(ended, s(9999))).toEqual({ bemanning: 30, patientsakerhet: 10 });
  });

  it('before the start nothing has elapsed', () => {
    const idle = initialMeeting(STEPS, 10);
    expect(elapsedMs(idle, s(100))).toBe(0);
    expect(remainingMs(idle, s(100))).toBe(600_000);
    expect(stepSeconds(idle, s(100))).toEqual({});
  });

  it('a clock going backwards counts as zero, never negative', () => {
    const state = run([{ type: 'start', at: s(100) }, { type: 'next', at: s(50) }]);
    expect(state.stepMs).toEqual({ bemanning: 0 });
    expect(elapsedMs(state, s(10))).toBe(0);
  });
});

const started = () => run([{ type: 'start', at: s(0) }]);

describe('persisted meeting state', () => {
  it('survives a JSON round trip and resumes where it was', () => {
    const state = run([{ type: 'start', at: s(0) }, { type: 'next', at: s(60) }, { type: 'pause', at: s(70) }]);
    const back = parseMeetingState(JSON.parse(JSON.stringify(state)));
    expect(back).toEqual(state);
    const resumed = meetingReducer(back as MeetingState, { type: 'resume', at: s(100) });
    expect(elapsedMs(resumed, s(110))).toBe(80_000);
  });

  it.each<MeetingPhase>(['idle', 'running', 'paused', 'ended'])('a %s meeting survives a JSON round trip', (phase) => {
    const state = inPhase(phase);
    expect(parseMeetingState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('a meeting the clock moved backwards in still restores', () => {
    const state = run([{ type: 'start', at: s(100) }, { type: 'end', at: s(50) }]);
    expect(parseMeetingState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('an agenda with a repeated step keeps it once (time per step stays per step)', () => {
    expect(initialMeeting(['hygien', 'bemanning', 'hygien'], 15).steps).toEqual(['hygien', 'bemanning']);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'running'],
    ['an unknown phase', { ...initialMeeting(STEPS, 15), phase: 'lunch' }],
    ['an unknown step', { ...initialMeeting(STEPS, 15), steps: ['kaffe'] }],
    ['an index past the agenda', { ...initialMeeting(STEPS, 15), index: 3 }],
    ['a negative pause', { ...initialMeeting(STEPS, 15), pausedMs: -1 }],
    ['a step twice in the agenda', { ...initialMeeting(STEPS, 15), steps: ['hygien', 'hygien'] }],
    ['an infinite time box', { ...initialMeeting(STEPS, 15), timeboxMs: Number.POSITIVE_INFINITY }],
    ['running with no start', { ...started(), startedAt: null }],
    ['running with no step start', { ...started(), stepStartedAt: null }],
    ['running with an empty agenda', { ...started(), steps: [], index: 0 }],
    ['paused with no pause time', { ...meetingReducer(started(), { type: 'pause', at: s(5) }), pausedAt: null }],
    ['paused with no start', { ...meetingReducer(started(), { type: 'pause', at: s(5) }), startedAt: null }],
    ['ended with no end time', { ...meetingReducer(started(), { type: 'end', at: s(5) }), endedAt: null }],
    ['ended while still paused', { ...meetingReducer(started(), { type: 'end', at: s(5) }), pausedAt: s(4) }],
    ['idle with a start time', { ...initialMeeting(STEPS, 15), startedAt: s(0) }],
  ])('refuses %s', (_name, value) => {
    expect(parseMeetingState(value)).toBeNull();
  });
});
