// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { UnitId } from '../../../src/shared/schema/ids';
import { ObservationForm } from '../../../src/client/features/hygiene/ObservationForm';
import type { NewObservation } from '../../../src/client/storage/bhk-repo';

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
};

function setup(onSave: (obs: NewObservation) => Promise<void>) {
  render(() => <ObservationForm unitId={unitId} date={() => '2026-11-22'} onSave={onSave} />);
  return {
    profession: (name: string) => screen.getByRole('button', { name: new RegExp(name) }),
    allCorrect: () => screen.getByRole('button', { name: /Allt korrekt/ }),
    save: () => screen.getByRole('button', { name: 'Spara' }),
  };
}

afterEach(cleanup);

describe('observation entry', () => {
  it('profession + Allt korrekt + Spara (3 taps) saves an all-Ja observation', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Sjuksköterska'));
    fireEvent.click(ui.allCorrect());
    fireEvent.click(ui.save());
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      unitId,
      date: '2026-11-22',
      profession: 'sjukskoterska',
      selfAssessment: false,
      steps: ALL_JA,
    });
    expect(await screen.findByText('Sparad')).toBeTruthy();
    expect(screen.getByText('1 observation sparad nu')).toBeTruthy();
    // Cleared for the next person.
    expect(ui.profession('Sjuksköterska').getAttribute('aria-pressed')).toBe('false');
  });

  it('a tapped step is saved with its answer', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Läkare'));
    fireEvent.click(ui.allCorrect());
    fireEvent.click(screen.getByRole('button', { name: /^Handskar:/ })); // Ja → Nej
    fireEvent.click(ui.save());
    expect(onSave.mock.calls[0]?.[0].steps).toEqual({ ...ALL_JA, gloves: 'nej' });
  });

  it('refuses to save without a profession or with unanswered steps', () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.click(ui.allCorrect());
    fireEvent.click(ui.save());
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('Välj yrke och svara på alla steg.')).toBeTruthy();
  });

  it('shows the personnummer error and keeps what was typed', async () => {
    const onSave = vi.fn((_obs: NewObservation) => Promise.reject(new AppError('personnummer')));
    const ui = setup(onSave);
    fireEvent.click(ui.profession('Undersköterska'));
    fireEvent.click(ui.allCorrect());
    fireEvent.input(screen.getByLabelText(/Anteckning/), { target: { value: 'pat 19121212-1212' } });
    fireEvent.click(ui.save());
    expect(onSave.mock.calls[0]?.[0].note).toBe('pat 19121212-1212');
    expect(await screen.findByText(/innehåller ett personnummer/)).toBeTruthy();
    expect(ui.profession('Undersköterska').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByText(/sparad nu/)).toBeNull();
  });
});
