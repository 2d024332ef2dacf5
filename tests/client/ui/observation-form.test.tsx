// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { UnitId } from '../../../src/shared/schema/ids';
import { ObservationForm, type RoundResult } from '../../../src/client/features/hygiene/ObservationForm';
import { draftFrom } from '../../../src/client/features/hygiene/observation-draft';
import type { NewObservation } from '../../../src/client/storage/bhk-repo';
import type { BhkObservation } from '../../../src/shared/schema/bhk-observation';

const unitId = UnitId.parse('avd-12');
const ALL_JA = {
  handDisinfectionBefore: 'ja',
  gloves: 'ja',
  apron: 'ja',
  handDisinfectionAfter: 'ja',
  shortSleeves: 'ja',
  noJewellery: 'ja',
  nails: 'ja',
  hairTiedUp: 'ja',
} as const;

function setup(onSave: (obs: NewObservation) => Promise<void>, extra: { initial?: ReturnType<typeof draftFrom> } = {}) {
  const onFinish = vi.fn((_round: RoundResult | null) => undefined);
  render(() => <ObservationForm unitId={unitId} date={() => '2026-11-22'} onSave={onSave} onFinish={onFinish} {...extra} />);
  return {
    onFinish,
    profession: (name: string) => screen.getByRole('button', { name: new RegExp(name) }),
    allCorrect: () => screen.getByRole('button', { name: /Allt korrekt/ }),
    save: () => screen.getByRole('button', { name: 'Spara' }),
    saveNext: () => screen.getByRole('button', { name: 'Spara och nästa' }),
  };
}

afterEach(cleanup);

describe('observation entry', () => {
  it('the common case is 3 taps: profession + Allt korrekt + Spara saves an all-Ja observation and finishes', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Sjuksköterska'));
    fireEvent.click(ui.allCorrect());
    fireEvent.click(ui.save());
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({ unitId, date: '2026-11-22', profession: 'sjukskoterska', selfAssessment: false, steps: ALL_JA });
    await vi.waitFor(() => expect(ui.onFinish).toHaveBeenCalledTimes(1));
    expect(ui.onFinish.mock.calls[0]?.[0]).toMatchObject({ n: 1, ok: 1, pct: expect.stringMatching(/^100\s%$/) });
  });

  it('a round of 5 with "Spara och nästa" stays on the screen, clears, and shows the running result', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    const people: [string, string | null][] = [
      ['Sjuksköterska', null],
      ['Läkare', 'Handskar'],
      ['Undersköterska', null],
      ['Student', 'Håret uppsatt'],
      ['Fysioterapeut', null],
    ];
    for (const [i, [who, wrong]] of people.entries()) {
      fireEvent.click(ui.profession(who));
      fireEvent.click(ui.allCorrect());
      if (wrong) fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${wrong}:`) }));
      fireEvent.click(ui.saveNext());
      await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(i + 1));
      // Cleared for the next person, still on the screen.
      await vi.waitFor(() => expect(ui.profession(who).getAttribute('aria-pressed')).toBe('false'));
    }
    const result = screen.getByTestId('session-result');
    // Intl puts a no-break space before %.
    expect(result.textContent).toMatch(/5 observationer · 3 helt korrekta \(60\s%\)/);
    expect(result.textContent).toMatch(/Hygienrutiner 80\s% · Klädregler 80\s%/);
    expect(screen.getByText('Sparad. Nästa person.')).toBeTruthy();
    expect(ui.onFinish).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Klar' }));
    expect(ui.onFinish.mock.calls[0]?.[0]).toMatchObject({ n: 5, ok: 3, pct: expect.stringMatching(/^60\s%$/) });
  });

  it('"Allt korrekt" leaves a step marked ej aktuellt as it is', () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Läkare'));
    const apron = () => screen.getByRole('button', { name: /^Plastförkläde\/skyddsrock:/ });
    fireEvent.click(apron()); // → Ja
    fireEvent.click(apron()); // → Nej
    fireEvent.click(apron()); // → Ej aktuellt
    fireEvent.click(ui.allCorrect());
    fireEvent.click(ui.save());
    expect(onSave.mock.calls[0]?.[0].steps).toEqual({ ...ALL_JA, apron: 'ej_aktuellt' });
  });

  it('refuses to save without a profession or with unanswered steps', () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.allCorrect());
    fireEvent.click(ui.saveNext());
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('Välj yrke och svara på alla steg.')).toBeTruthy();
  });

  it('refuses a date in the future; an earlier date is saved as chosen', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Läkare'));
    fireEvent.click(ui.allCorrect());
    fireEvent.input(screen.getByLabelText('Datum'), { target: { value: '2026-11-23' } });
    // (Spara is a submit button, which the browser's own date check already blocks.)
    fireEvent.click(ui.saveNext());
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('Datumet kan inte ligga i framtiden.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Datum'), { target: { value: '2026-10-31' } });
    fireEvent.click(ui.save());
    expect(onSave.mock.calls[0]?.[0].date).toBe('2026-10-31');
  });

  it('shows the personnummer error and keeps what was typed', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.reject(new AppError('personnummer')));
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Undersköterska'));
    fireEvent.click(ui.allCorrect());
    fireEvent.input(screen.getByLabelText(/Anteckning/), { target: { value: 'pat 19121212-1212' } });
    fireEvent.click(ui.saveNext());
    expect(onSave.mock.calls[0]?.[0].note).toBe('pat 19121212-1212');
    expect(await screen.findByText(/innehåller ett personnummer/)).toBeTruthy();
    expect(ui.profession('Undersköterska').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('session-result')).toBeNull();
  });

  it('amending starts from the record as it counts and has one save', async () => {
    const record = {
      id: 'r1', unitId, date: '2026-11-20', profession: 'lakare', selfAssessment: true,
      steps: { ...ALL_JA, nails: 'nej' }, task: 'Omläggning', createdAt: 'x',
    } as unknown as BhkObservation;
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave, { initial: draftFrom(record) });
    expect(screen.queryByRole('button', { name: 'Spara och nästa' })).toBeNull();
    expect(ui.profession('Läkare').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /^Korta naglar utan lack:/ })); // Nej → Ja
    fireEvent.click(screen.getByRole('button', { name: 'Spara ändringen' }));
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      unitId, date: '2026-11-20', profession: 'lakare', selfAssessment: true, steps: ALL_JA, task: 'Omläggning',
    });
    await vi.waitFor(() => expect(ui.onFinish).toHaveBeenCalledTimes(1));
  });
});
