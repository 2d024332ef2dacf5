/**
 * A server action for a form: runs it, tracks busy state, and keeps one result line — the
 * success text or the error in plain language. Shared by the admin tabs.
 */
import { createSignal, type Accessor } from 'solid-js';
import { errorOf } from '../../kit/i18n';

export interface ActionState {
  busy: Accessor<boolean>;
  result: Accessor<{ tone: 'success' | 'error'; text: string } | null>;
  run: (action: () => Promise<string | null>) => Promise<boolean>;
}

export function createAction(): ActionState {
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  return {
    busy,
    result,
    async run(action) {
      setBusy(true);
      setResult(null);
      try {
        const text = await action();
        if (text !== null) setResult({ tone: 'success', text });
        return true;
      } catch (err) {
        setResult({ tone: 'error', text: errorOf(err) });
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
