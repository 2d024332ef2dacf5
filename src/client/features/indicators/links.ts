/** The screen's state from the address bar, and the addresses of its views (period left out when it is this month). */
import type { Accessor } from 'solid-js';
import { periodKey } from '../../../shared/domain/periods';
import { href } from '../../kit/router';

export interface ScreenState {
  scopeId: string;
  unitId: string;
  period: string;
  key: string | null;
  /** Perspective filter on the list, or null for all. */
  perspective: string | null;
  today: string;
}

export interface Links {
  list(q?: { unit?: string; period?: string; p?: string | null }): string;
  trend(key: string, q?: { unit?: string; period?: string }): string;
  pulse(q?: { unit?: string; period?: string }): string;
  print(): string;
  catalogue(): string;
  reported(): string;
  report(): string;
}

export function makeLinks(state: Accessor<ScreenState>): Links {
  const base = (q: { unit?: string | undefined; period?: string | undefined }) => {
    const s = state();
    const unit = q.unit ?? s.unitId;
    const period = q.period ?? s.period;
    return { unit: unit === s.scopeId ? undefined : unit, period: period === periodKey(s.today, 'month') ? undefined : period };
  };
  return {
    list: (q = {}) => href(['mal'], { ...base(q), p: q.p === undefined ? (state().perspective ?? undefined) : (q.p ?? undefined) }),
    trend: (key, q = {}) => href(['mal', 'trend'], { ...base(q), key }),
    pulse: (q = {}) => href(['mal', 'puls'], base(q)),
    print: () => {
      const s = state();
      return href(['mal', 'utskrift'], { unit: s.unitId, period: s.period });
    },
    catalogue: () => href(['mal', 'katalog'], { unit: base({}).unit }),
    reported: () => href(['mal', 'rapportera'], { unit: base({}).unit }),
    report: () => href(['mal', 'rapport'], { unit: base({}).unit }),
  };
}
