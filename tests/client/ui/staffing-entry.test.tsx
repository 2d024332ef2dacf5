// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { shiftIdFor, type StaffingShift } from '../../../src/shared/schema/staffing-shift';
import { DayEntry } from '../../../src/client/features/staffing/DayEntry';
import type { DayPlan } from '../../../src/client/features/staffing/shift-draft';

const s = (date: string, shift: string, planned: number, sick = 0): StaffingShift =>
  ({ id: shiftIdFor('avd-21', date, shift), unitId: 'avd-21', date, shift, planned, sick, vab: 0, otherAbsence: 0, covered: 0 }) as StaffingShift;
const YESTERDAY = [s('2026-03-09', 'dag', 10), s('2026-03-09', 'kvall', 8), s('2026-03-09', 'natt', 4)];

function setup(onSave: (plan: DayPlan) => Promise<void>, today: StaffingShift[] = []) {
  const [rows, setRows] = createSignal(today);
  render(() => <DayEntry unitId="avd-21" date="2026-03-10" shifts={['dag', 'kvall', 'natt']} today={rows()} yesterday={YESTERDAY} onSave={onSave} />);
  const card = (name: string) => within(screen.getByRole('region', { name }));
  return {
    setRows,
    card,
    tap: (shift: string, button: string) => fireEvent.click(card(shift).getByRole('button', { name: button })),
    save: () => fireEvent.click(screen.getByRole('button', { name: 'Spara' })),
  };
}

afterEach(cleanup);

describe('morning entry (DayEntry)', () => {
  it("yesterday's planned staffing is the start; a few taps and one Spara record all three shifts", async () => {
    const onSave = vi.fn((_plan: DayPlan) => Promise.resolve());
    const ui = setup(onSave);
    for (const name of ['Dag', 'Kväll', 'Natt']) expect(ui.card(name).getByText('Förslag från igår – kontrollera')).toBeTruthy();
    ui.tap('Dag', 'Öka Sjukfrånvarande');
    ui.tap('Dag', 'Öka Sjukfrånvarande');
    ui.tap('Kväll', 'Öka VAB');
    ui.tap('Natt', 'Minska Planerad bemanning');
    ui.save();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const plan = onSave.mock.calls[0]?.[0];
    expect(plan?.save.map((x) => [x.shift, x.planned, x.sick, x.vab])).toEqual([['dag', 10, 2, 0], ['kvall', 8, 0, 1], ['natt', 3, 0, 0]]);
    expect(plan?.remove).toEqual([]);
    await vi.waitFor(() => expect(screen.getByText(/^Sparat: 3 pass för /)).toBeTruthy());
    for (const name of ['Dag', 'Kväll', 'Natt']) expect(ui.card(name).getByText('Sparat')).toBeTruthy();
  });

  it('a typed planned number counts; absences above it are flagged at the field and nothing is saved', async () => {
    const onSave = vi.fn((_plan: DayPlan) => Promise.resolve());
    const ui = setup(onSave);
    fireEvent.input(ui.card('Natt').getByRole('textbox', { name: 'Planerad bemanning' }), { target: { value: '1' } });
    ui.tap('Natt', 'Öka Sjukfrånvarande');
    ui.tap('Natt', 'Öka Övrig frånvaro');
    expect(ui.card('Natt').getByRole('alert').textContent).toContain('Fler frånvarande (sjuka + VAB + övrig) än planerad bemanning.');
    expect(ui.card('Natt').getByRole('textbox', { name: 'Övrig frånvaro' }).getAttribute('aria-invalid')).toBe('true');
    ui.save();
    expect(screen.getByText('Rätta det markerade först. Inget sparades.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('emptying a saved shift removes it; a failed save keeps the entry and says why', async () => {
    const onSave = vi.fn((_plan: DayPlan) => Promise.reject(new AppError('validation')));
    const ui = setup(onSave, [s('2026-03-10', 'natt', 4, 1)]);
    expect(ui.card('Natt').getByText('Sparat')).toBeTruthy();
    ui.tap('Natt', 'Töm passet');
    expect(ui.card('Natt').getByText('Tas bort när du sparar')).toBeTruthy();
    ui.save();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0].remove).toEqual([{ id: shiftIdFor('avd-21', '2026-03-10', 'natt'), unitId: 'avd-21' }]);
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Uppgifterna är inte giltiga'));
    expect(ui.card('Natt').getByText('Tas bort när du sparar')).toBeTruthy();
  });

  it("another tablet's save shows up in shifts nobody is editing here", () => {
    const ui = setup(vi.fn(() => Promise.resolve()));
    ui.tap('Dag', 'Öka Sjukfrånvarande');
    ui.setRows([s('2026-03-10', 'dag', 11, 3), s('2026-03-10', 'kvall', 9, 2)]);
    expect(ui.card('Dag').getByText('Ändrat – inte sparat')).toBeTruthy();
    expect(ui.card('Dag').getByRole('textbox', { name: 'Sjukfrånvarande' })).toHaveProperty('value', '1');
    expect(ui.card('Kväll').getByText('Sparat')).toBeTruthy();
    expect(ui.card('Kväll').getByRole('textbox', { name: 'Planerad bemanning' })).toHaveProperty('value', '9');
  });
});
