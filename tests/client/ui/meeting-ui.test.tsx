// @vitest-environment jsdom
/** The phone menu and the action form's messages next to the fields (issue 7). */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionForm } from '../../../src/client/features/improvements/ActionForm';
import { emptyDraft } from '../../../src/client/features/improvements/action-model';
import { MenuButton } from '../../../src/client/ui/MenuButton';

afterEach(cleanup);

describe('the phone menu', () => {
  const items = [
    { href: '#/mal', label: 'Mål och resultat', current: false },
    { href: '#/mote', label: 'Pulsmöte', current: true },
    { href: '#/hygien', label: 'Hygien', current: false },
  ];

  it('names the current screen on its button, opens the full list with the current one marked, closes on a choice', () => {
    render(() => <MenuButton label="Huvudmeny" items={items} menuText="Meny" closeText="Stäng menyn" />);
    const button = screen.getByRole('button', { name: /Meny.*Pulsmöte/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    fireEvent.click(button);
    const links = screen.getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Mål och resultat', '✓Pulsmöte', 'Hygien']);
    expect(links[1]?.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: /Stäng menyn/ }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(links[2] as HTMLElement);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });
});

describe('the action form', () => {
  it('shows each message under its field and saves nothing until the draft is valid', () => {
    const onSave = vi.fn();
    render(() => <ActionForm initial={emptyDraft()} cause={{ kind: 'bhkPeriod', ref: '2026-10', label: 'BHK 2026-10: 72 %' }} busy={false} error={null} onSave={onSave} onCancel={() => undefined} />);
    expect(screen.getByText('Orsak: BHK 2026-10: 72 %')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSave).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Skriv vad som ska göras.');
    expect(alert.closest('label')?.textContent).toContain('Vad ska göras');
    fireEvent.input(screen.getByLabelText(/Vad ska göras/), { target: { value: 'Påminn om handdesinfektion' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSave).toHaveBeenCalledWith({ title: 'Påminn om handdesinfektion', owner: '', due: '', note: '' });
  });
});
