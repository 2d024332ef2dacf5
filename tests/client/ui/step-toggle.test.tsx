// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepAnswer } from '../../../src/shared/schema/bhk-observation';
import { nextAnswer, StepToggle } from '../../../src/client/ui/StepToggle';

afterEach(cleanup);

function renderToggle(allowNa: boolean) {
  const [value, setValue] = createSignal<StepAnswer | null>(null);
  render(() => <StepToggle label="Steg" value={value()} allowNa={allowNa} onChange={setValue} />);
  return { value, tap: () => fireEvent.click(screen.getByRole('button')) };
}

describe('step cycling', () => {
  it('cycles Ja → Nej → Ja where Ej aktuellt is not allowed', () => {
    const { value, tap } = renderToggle(false);
    const seen: (StepAnswer | null)[] = [];
    for (let i = 0; i < 6; i++) {
      tap();
      seen.push(value());
    }
    expect(seen).toEqual(['ja', 'nej', 'ja', 'nej', 'ja', 'nej']);
    expect(seen).not.toContain('ej_aktuellt');
  });

  it('cycles Ja → Nej → Ej aktuellt → Ja for handskar and plastförkläde', () => {
    const { value, tap } = renderToggle(true);
    const seen: (StepAnswer | null)[] = [];
    for (let i = 0; i < 4; i++) {
      tap();
      seen.push(value());
    }
    expect(seen).toEqual(['ja', 'nej', 'ej_aktuellt', 'ja']);
  });

  it('shows the answer as a word, not only a colour', () => {
    const { tap } = renderToggle(true);
    tap();
    tap();
    expect(screen.getByRole('button').textContent).toContain('Nej');
  });

  it('nextAnswer never yields Ej aktuellt when not allowed', () => {
    for (const current of [null, 'ja', 'nej', 'ej_aktuellt'] as const) {
      expect(nextAnswer(current, false)).not.toBe('ej_aktuellt');
    }
  });
});
