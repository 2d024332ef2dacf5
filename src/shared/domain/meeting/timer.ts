/**
 * The pulse meeting as a pure state machine (issue 7). Every event carries its time `at` (epoch
 * ms); nothing here reads a clock. The state is plain JSON, so the screen can persist it per unit
 * and day and a reload mid-meeting resumes where it was.
 *
 *   idle ──start──▶ running ◀──resume── paused
 *                    │  ▲ └────pause────▶ │
 *                    │  next/prev/goto    next/prev/goto (no time counts while paused)
 *                    └──end──▶ ended ◀──end┘
 *
 * Any other event in a phase (and next past the last step, prev before the first, goto out of
 * range or to the current step, a non-finite `at`) returns the very same state object.
 * Time on a step accumulates over visits; paused time counts neither for the step nor the meeting.
 * Times going backwards (a clock corrected mid-meeting) count as zero, never negative.
 */
import { z } from 'zod/mini';
import { AgendaStep } from '../../schema/meeting';

export type MeetingPhase = 'idle' | 'running' | 'paused' | 'ended';

export type MeetingState = {
  phase: MeetingPhase;
  steps: AgendaStep[];
  index: number;
  timeboxMs: number;
  startedAt: number | null;
  endedAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
  stepStartedAt: number | null;
  stepMs: Partial<Record<AgendaStep, number>>;
};

export type MeetingEvent =
  | { type: 'start'; at: number }
  | { type: 'next'; at: number }
  | { type: 'prev'; at: number }
  | { type: 'goto'; index: number; at: number }
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number }
  | { type: 'end'; at: number };

export type MeetingEventType = MeetingEvent['type'];

const span = (from: number | null, to: number): number => (from === null ? 0 : Math.max(0, to - from));

export function initialMeeting(steps: readonly AgendaStep[], timeboxMinutes: number): MeetingState {
  return {
    phase: 'idle',
    steps: [...new Set(steps)],
    index: 0,
    timeboxMs: Math.max(0, timeboxMinutes) * 60_000,
    startedAt: null,
    endedAt: null,
    pausedAt: null,
    pausedMs: 0,
    stepStartedAt: null,
    stepMs: {},
  };
}

/** The current step's running time folded into stepMs (only while running). */
function banked(state: MeetingState, at: number): Partial<Record<AgendaStep, number>> {
  const step = state.steps[state.index];
  if (state.phase !== 'running' || step === undefined) return state.stepMs;
  return { ...state.stepMs, [step]: (state.stepMs[step] ?? 0) + span(state.stepStartedAt, at) };
}

function moveTo(state: MeetingState, index: number, at: number): MeetingState {
  if (!Number.isInteger(index) || index < 0 || index >= state.steps.length || index === state.index) return state;
  return { ...state, stepMs: banked(state, at), index, stepStartedAt: state.phase === 'running' ? at : null };
}

export function meetingReducer(state: MeetingState, event: MeetingEvent): MeetingState {
  const at = event.at;
  if (typeof at !== 'number' || !Number.isFinite(at)) return state;
  switch (state.phase) {
    case 'idle':
      if (event.type !== 'start' || state.steps.length === 0) return state;
      return { ...state, phase: 'running', index: 0, startedAt: at, stepStartedAt: at };
    case 'running':
    case 'paused':
      switch (event.type) {
        case 'next':
          return moveTo(state, state.index + 1, at);
        case 'prev':
          return moveTo(state, state.index - 1, at);
        case 'goto':
          return moveTo(state, event.index, at);
        case 'pause':
          if (state.phase !== 'running') return state;
          return { ...state, phase: 'paused', stepMs: banked(state, at), pausedAt: at, stepStartedAt: null };
        case 'resume':
          if (state.phase !== 'paused') return state;
          return { ...state, phase: 'running', pausedMs: state.pausedMs + span(state.pausedAt, at), pausedAt: null, stepStartedAt: at };
        case 'end':
          return {
            ...state,
            phase: 'ended',
            stepMs: banked(state, at),
            pausedMs: state.pausedMs + (state.phase === 'paused' ? span(state.pausedAt, at) : 0),
            pausedAt: null,
            stepStartedAt: null,
            endedAt: at,
          };
        default:
          return state;
      }
    default:
      return state;
  }
}

/** Meeting time so far, pauses excluded (0 before the start; frozen once ended or paused). */
export function elapsedMs(state: MeetingState, now: number): number {
  if (state.startedAt === null) return 0;
  const until = state.phase === 'ended' ? (state.endedAt ?? now) : state.phase === 'paused' ? (state.pausedAt ?? now) : now;
  return Math.max(0, span(state.startedAt, until) - state.pausedMs);
}

/** Time left in the time box; negative when over time. */
export function remainingMs(state: MeetingState, now: number): number {
  return state.timeboxMs - elapsedMs(state, now);
}

export function isOvertime(state: MeetingState, now: number): boolean {
  return remainingMs(state, now) < 0;
}

/** Time on the current step, earlier visits included. */
export function stepElapsedMs(state: MeetingState, now: number): number {
  const step = state.steps[state.index];
  return step === undefined ? 0 : (banked(state, now)[step] ?? 0);
}

/** Whole seconds per visited step (for the meeting log's stepSeconds), capped at a day. */
export function stepSeconds(state: MeetingState, now: number): Partial<Record<AgendaStep, number>> {
  const out: Partial<Record<AgendaStep, number>> = {};
  for (const [step, ms] of Object.entries(banked(state, now)) as [AgendaStep, number][]) {
    out[step] = Math.min(86_400, Math.max(0, Math.round(ms / 1000)));
  }
  return out;
}

/** The current step, or null for an empty agenda. */
export function currentStep(state: MeetingState): AgendaStep | null {
  return state.steps[state.index] ?? null;
}

const Ms = z.number().check(z.gte(0));
const StoredMeeting = z.object({
  phase: z.enum(['idle', 'running', 'paused', 'ended']),
  steps: z.array(AgendaStep),
  index: z.int().check(z.gte(0)),
  timeboxMs: Ms,
  startedAt: z.nullable(Ms),
  endedAt: z.nullable(Ms),
  pausedAt: z.nullable(Ms),
  pausedMs: Ms,
  stepStartedAt: z.nullable(Ms),
  stepMs: z.partialRecord(AgendaStep, Ms),
});

/** The times each phase needs set (true) or empty (false), as the reducer leaves them. */
const PHASE_TIMES: Record<MeetingPhase, Record<'startedAt' | 'stepStartedAt' | 'pausedAt' | 'endedAt', boolean>> = {
  idle: { startedAt: false, stepStartedAt: false, pausedAt: false, endedAt: false },
  running: { startedAt: true, stepStartedAt: true, pausedAt: false, endedAt: false },
  paused: { startedAt: true, stepStartedAt: false, pausedAt: true, endedAt: false },
  ended: { startedAt: true, stepStartedAt: false, pausedAt: false, endedAt: true },
};

/**
 * A persisted state read back (localStorage, IndexedDB), or null when it is not one the reducer
 * can have produced: unknown fields' values, a repeated step, an index outside the agenda, or a
 * phase without its times (a "running" meeting with no start would never count down).
 */
export function parseMeetingState(value: unknown): MeetingState | null {
  const parsed = StoredMeeting.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data as MeetingState;
  if (new Set(s.steps).size !== s.steps.length) return null;
  if (s.phase === 'idle' ? s.steps.length > 0 && s.index >= s.steps.length : s.index >= s.steps.length) return null;
  const want = PHASE_TIMES[s.phase];
  for (const key of Object.keys(want) as (keyof typeof want)[]) if ((s[key] !== null) !== want[key]) return null;
  return s;
}
