// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { IndicatorRow } from '../../../src/client/features/indicators/IndicatorRow';
import { PulseTable } from '../../../src/client/features/indicators/PulseTable';
import { cell, def, report } from './indicators-fixtures';

afterEach(cleanup);

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');

describe('IndicatorRow', () => {
  it('shows value with unit, target, status as symbol and word, trend as arrow and word, n and completeness', () => {
    const c = cell('div', 'a', 'partial', 86.4, { n: 120, reporting: 9, expected: 11, trend: 'up', improving: true });
    render(() => <IndicatorRow def={def('a')} cell={c} href="#/mal/trend?key=a" name="BHK total följsamhet" />);
    const row = screen.getByRole('link');
    expect(row.getAttribute('href')).toBe('#/mal/trend?key=a');
    expect(text(row.querySelector('.ind-value'))).toBe('86,4 %');
    expect(text(row)).toContain('mål ≥ 90 %');
    expect(text(row)).toContain('n = 120 · 9 av 11 enheter');
    expect(text(row.querySelector('.ind-status'))).toBe('▲delvis');
    expect(within(row).getByTitle('bättre').textContent).toContain('↑');
    expect(row.className).toContain('ind-row-partial');
  });

  it('without a cell: "–" and □ ej mätbart, never a made-up 0', () => {
    render(() => <IndicatorRow def={def('a', { unit: 'days', target: { op: 'gte', value: 30 } })} cell={null} href="#" name="Dagar sedan senaste fall" />);
    const row = screen.getByRole('link');
    expect(text(row.querySelector('.ind-value'))).toBe('–');
    expect(text(row.querySelector('.ind-status'))).toBe('□ej mätbart');
    expect(text(row)).toContain('mål ≥ 30 dagar');
  });

  it('below the minimum n, the count leads ("3 av 10 observationer") before the small grey value, as on the boards', () => {
    const c = cell('avd', 'a', 'unmeasurable', 100, { n: 3 });
    render(() => <IndicatorRow def={def('a', { minN: 10 })} cell={c} href="#" name="BHK total följsamhet" />);
    const row = screen.getByRole('link');
    const lead = row.querySelector('[data-testid="count-lead"]');
    expect(text(lead)).toBe('3 av 10 observationer');
    expect(lead?.nextElementSibling?.classList.contains('ind-value')).toBe(true);
    expect(row.className).toContain('ind-row-unmeasurable');
    // At or above the minimum, no count leads.
    cleanup();
    render(() => <IndicatorRow def={def('a', { minN: 10 })} cell={cell('avd', 'a', 'met', 100, { n: 10 })} href="#" name="BHK" />);
    expect(screen.getByRole('link').querySelector('[data-testid="count-lead"]')).toBeNull();
  });

  it('shows K and M when the source has them', () => {
    const c = cell('div', 'a', 'notMet', 6.8, { valueK: 7.1, valueM: 5.2, trend: 'diverging' });
    render(() => <IndicatorRow def={def('a', { direction: 'lower' })} cell={c} href="#" name="Sjukfrånvarokvot (HR)" />);
    expect(text(screen.getByRole('link'))).toContain('K 7,1 % · M 5,2 %');
    expect(screen.getByTitle('K och M åt olika håll').textContent).toContain('↕');
  });
});

describe('a target per sex on Mål och resultat', () => {
  const target = { op: 'lte' as const, k: 16, m: 17.2 };
  it('IndicatorRow: the target per sex, and women\'s and men\'s own status as symbol and word', () => {
    const c = cell('div', 'a', 'partial', 16, { valueK: 14.5, valueM: 17.5, target, n: 200 });
    render(() => <IndicatorRow def={def('a', { direction: 'lower', target, minN: 0 })} cell={c} href="#" name="Återinskrivningar" />);
    const row = screen.getByRole('link');
    expect(text(row)).toContain('mål K ≤ 16 % · M ≤ 17,2 %');
    expect(text(screen.getByTestId('indicator-km'))).toBe('K 14,5 % ● uppfyllt · M 17,5 % ▲ delvis');
    expect(text(row.querySelector('.ind-status'))).toBe('▲delvis');
  });

  it('IndicatorRow: a total bound beside the per-sex ones; no per-sex status without the split', () => {
    const both = { ...target, value: 16.5 };
    const c = cell('div', 'a', 'met', 15, { target: both, n: 200 });
    render(() => <IndicatorRow def={def('a', { direction: 'lower', target: both, minN: 0 })} cell={c} href="#" name="Återinskrivningar" />);
    expect(text(screen.getByRole('link'))).toContain('mål ≤ 16,5 %; mål K ≤ 16 % · M ≤ 17,2 %');
    expect(screen.queryByTestId('indicator-km')).toBeNull();
  });

  it('PulseTable: K\'s and M\'s status and ↕ in the cell', () => {
    const r = report({ u1: ['notMet', 'met'] });
    const first = r.cells.find((c) => c.unitId === 'u1' && c.key === 'a');
    if (first === undefined) throw new Error('fixture');
    Object.assign(first, { value: 16.9, valueK: 18, valueM: 15.8, compareK: 16, compareM: 17, target, trend: 'diverging', n: 200 });
    r.defs = r.defs.map((d) => (d.key === 'a' ? { ...d, direction: 'lower', target, minN: 0 } : d));
    render(() => <PulseTable report={r} />);
    const td = screen.getByRole('table').querySelector('tbody tr td') as HTMLElement;
    expect(text(td)).toContain('↕');
    expect(text(td)).toContain('K och M åt olika håll');
    expect(text(within(td).getByTestId('pulse-km'))).toBe('K ◆ ej uppfyllt M ● uppfyllt');
  });
});

describe('PulseTable', () => {
  it('units worst first with a symbol and a hidden word in every cell, linked to the trend', () => {
    const r = report({ u1: ['met', 'met'], u2: ['notMet', 'partial'], u3: ['partial', 'unmeasurable'] });
    render(() => <PulseTable report={r} link={(unit, key) => `#/mal/trend?unit=${unit}&key=${key}`} />);
    const table = screen.getByRole('table');
    const bodyRows = table.querySelectorAll('tbody tr');
    expect([...bodyRows].map((tr) => tr.querySelector('th .ind-pulse-unit')?.textContent)).toEqual(['Enhet 2', 'Enhet 3', 'Enhet 1']);
    const first = bodyRows[0] as HTMLElement;
    expect(text(first.querySelector('th'))).toContain('1 ◆ · 1 ▲ · 0 □');
    expect([...first.querySelectorAll('td')].map((td) => text(td).trim())).toEqual(['◆ 50 % ej uppfyllt', '▲ 50 % delvis']);
    expect(first.querySelector('td a')?.getAttribute('href')).toBe('#/mal/trend?unit=u2&key=a');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Enhet', 'Namn a', 'Namn b']);
  });
});
