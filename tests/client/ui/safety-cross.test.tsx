// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { UnitId } from '../../../src/shared/schema/ids';
import type { DayStatus } from '../../../src/shared/domain/safety-colour';
import { Cross } from '../../../src/client/features/safety-cross/Cross';
import { EventForm } from '../../../src/client/features/safety-cross/EventForm';
import { QuickConfirm } from '../../../src/client/features/safety-cross/QuickConfirm';
import { DayPanel } from '../../../src/client/features/safety-cross/DayPanel';
import { SafetyEvent } from '../../../src/shared/schema/safety-event';
import type { NewSafetyEvent } from '../../../src/client/storage/safety-repo';

afterEach(cleanup);

const unitId = UnitId.parse('avd-21');
const CATEGORIES = ['fall', 'trycksar', 'vri', 'Suicid/självskada'];

function form(onSave: (ev: NewSafetyEvent) => Promise<void>, levels: 3 | 4 = 4) {
  render(() => (
    <EventForm unitId={unitId} categories={CATEGORIES} levels={levels} date="2026-11-22" minDate="2026-11-15" maxDate="2026-11-22" backdateDays={7} onSave={onSave} />
  ));
}

describe('the cross', () => {
  it('draws a 30-day month: 30 day cells with date and status in words, 3 blanks, taps report the date', () => {
    const statuses: DayStatus[] = Array.from({ length: 30 }, (_, i) => (i < 20 ? 'gron' : i === 20 ? 'rod' : i === 21 ? 'idag' : 'framtid'));
    statuses[4] = 'ej_ifylld';
    statuses[9] = 'gul';
    const onSelect = vi.fn();
    const { container } = render(() => <Cross month="2026-11" statuses={statuses} title="Gröna korset, november 2026" onSelect={onSelect} />);
    const cells = screen.getAllByRole('button');
    expect(cells).toHaveLength(30);
    expect(container.querySelectorAll('.cell-blank')).toHaveLength(3);
    expect(cells[0]?.getAttribute('aria-label')).toMatch(/^1 Grön – ingen händelse, 1 nov/);
    expect(cells[4]?.getAttribute('aria-label')).toMatch(/Ej ifylld/);
    expect(cells[9]?.getAttribute('aria-label')).toMatch(/Gul – risk för vårdskada/);
    expect(cells[20]?.getAttribute('aria-label')).toMatch(/Röd – allvarlig vårdskada/);
    expect(cells[20]?.textContent).toContain('✖');
    fireEvent.click(cells[20] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith('2026-11-21');
    expect(screen.getByRole('group', { name: 'Gröna korset, november 2026' })).toBeTruthy();
  });

  it('a mini cross is one image with its summary as name, no tab stops', () => {
    render(() => <Cross month="2026-02" statuses={[]} title="Avdelning 22: 18 av 21 dagar ifyllda" size="mini" />);
    expect(screen.getByRole('img', { name: 'Avdelning 22: 18 av 21 dagar ifyllda' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

describe('event registration', () => {
  it('category + severity + text + Spara (4 actions) saves the event', async () => {
    const onSave = vi.fn((_ev: NewSafetyEvent) => Promise.resolve());
    form(onSave);
    fireEvent.click(screen.getByRole('button', { name: /Fall/ }));
    fireEvent.click(screen.getByRole('button', { name: /Orange – vårdskada/ }));
    fireEvent.input(screen.getByLabelText(/Kort beskrivning/), { target: { value: ' Föll vid toalettbesök ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      unitId: 'avd-21',
      date: '2026-11-22',
      category: 'fall',
      severity: 'orange',
      reportedInDeviationSystem: false,
      description: 'Föll vid toalettbesök',
    });
  });

  it('asks for category and severity before saving; a refused save keeps the input and says why', async () => {
    const onSave = vi.fn((_ev: NewSafetyEvent) => Promise.reject(new AppError('personnummer')));
    form(onSave);
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Välj kategori och allvarlighetsgrad');
    fireEvent.click(screen.getByRole('button', { name: /Suicid\/självskada/ }));
    fireEvent.click(screen.getByRole('button', { name: /Gul – risk/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Rapporterad i avvikelsesystemet/ }));
    fireEvent.input(screen.getByLabelText(/Ärendenummer/), { target: { value: 'AVV-1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('personnummer'));
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ category: 'Suicid/självskada', severity: 'gul', reportedInDeviationSystem: true, caseNumber: 'AVV-1234' });
    expect(screen.getByRole('button', { name: /Suicid\/självskada/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('a 3-level unit has no orange, and red means harm', () => {
    form(() => Promise.resolve(), 3);
    expect(screen.queryByRole('button', { name: /Orange/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Röd – vårdskada/ })).toBeTruthy();
  });
});

describe('one-tap green', () => {
  it('offers "Bekräfta grönt" for an open day, "Ångra" for a confirmed one, and shows a day with events', () => {
    const onConfirm = vi.fn();
    render(() => (
      <QuickConfirm
        levels={4}
        busy={false}
        onConfirm={onConfirm}
        days={[
          { date: '2026-11-21', label: 'Igår', status: 'ej_ifylld', events: 0, confirmed: false, writable: true },
          { date: '2026-11-22', label: 'Idag', status: 'gron', events: 0, confirmed: true, writable: true },
        ]}
      />
    ));
    fireEvent.click(screen.getByRole('button', { name: /Bekräfta grönt – igår 21 nov/ }));
    expect(onConfirm).toHaveBeenCalledWith('2026-11-21', true);
    fireEvent.click(screen.getByRole('button', { name: 'Ångra' }));
    expect(onConfirm).toHaveBeenLastCalledWith('2026-11-22', false);
    cleanup();
    render(() => (
      <QuickConfirm levels={4} busy={false} onConfirm={onConfirm} days={[{ date: '2026-11-21', label: 'Igår', status: 'rod', events: 2, confirmed: true, writable: true }]} />
    ));
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/Igår 21 nov.*Röd – allvarlig vårdskada/).textContent).toContain('2 händelser');
  });

  it('cannot confirm a day outside the window', () => {
    render(() => (
      <QuickConfirm levels={4} busy={false} onConfirm={() => undefined} days={[{ date: '2026-11-01', label: 'Igår', status: 'ej_ifylld', events: 0, confirmed: false, writable: false }]} />
    ));
    expect((screen.getByRole('button', { name: /Bekräfta grönt/ }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the day panel', () => {
  const fall = SafetyEvent.parse({
    id: 'ev-1', unitId: 'avd-21', date: '2026-11-20', category: 'fall', severity: 'orange', description: 'Föll i korridoren',
    reportedInDeviationSystem: true, caseNumber: 'AVV-1234', createdAt: '2026-11-20T08:00:00.000Z',
  });
  const panel = (over: Partial<Parameters<typeof DayPanel>[0]> = {}) => {
    const onVoid = vi.fn();
    const onConfirm = vi.fn();
    render(() => (
      <DayPanel date="2026-11-20" status="orange" levels={4} events={[fall]} confirmed={true} writable={true} backdateDays={7} busy={false}
        newEventHref="#/korset/handelse" onConfirm={onConfirm} onVoid={onVoid} onClose={() => undefined} {...over} />
    ));
    return { onVoid, onConfirm };
  };

  it('shows the detail list, says a green confirmation met an event, and voids only after a second tap', () => {
    const { onVoid } = panel();
    expect(screen.getByText('Föll i korridoren')).toBeTruthy();
    expect(screen.getByText(/AVV-1234/)).toBeTruthy();
    expect(screen.getByText(/bekräftades grön, men en händelse/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Makulera' }));
    expect(onVoid).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Avbryt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Makulera' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, makulera händelsen' }));
    expect(onVoid).toHaveBeenCalledWith(fall);
  });

  it('outside the window it explains who can change the day and offers nothing to change', () => {
    panel({ writable: false, confirmed: false, events: [], status: 'ej_ifylld' });
    expect(screen.getByText(/mer än 7 dagar bak. Bara en chef/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Bekräfta grönt|Makulera/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Registrera/ })).toBeNull();
  });
});
