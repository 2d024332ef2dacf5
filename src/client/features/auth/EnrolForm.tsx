/**
 * Enrol this tablet for a ward with a one-time code. Big input, forgiving of spaces, dashes and
 * lower case; the code is checked locally first so a typo is explained without a round trip.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { useApp } from '../../kit/context';
import { errorOf, t } from '../../kit/i18n';
import { redirect } from '../../kit/router';
import { enrol } from '../../auth/session';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { checkEnrolCode } from './enrol-code';

export function EnrolForm(): JSX.Element {
  const { db, engine, setSession } = useApp();
  const [code, setCode] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const check = checkEnrolCode(code());
    if (!check.ok) {
      setError(
        check.reason === 'chars'
          ? t('auth.enrolCodeChars', { chars: check.chars })
          : t('auth.enrolCodeShort', { n: check.length }),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSession(await enrol(db, check.code, label().trim() || undefined));
      // A re-enrolled tablet's engine is already running: push its kept outbox now.
      engine.syncNow().catch(() => undefined);
      redirect([]);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit}>
      <h1>{t('auth.enrolTitle')}</h1>
      <p>{t('auth.enrolHelp')}</p>
      <TextField
        class="field-code"
        label={t('auth.enrolCode')}
        value={code()}
        onValue={setCode}
        autocomplete="one-time-code"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={16}
        required
      />
      <TextField label={t('auth.deviceLabel')} value={label()} onValue={setLabel} maxLength={80} />
      <Show when={error()}>{(msg) => <Banner tone="error">{msg()}</Banner>}</Show>
      <Button type="submit" variant="primary" size="big" disabled={busy()}>
        {t('auth.enrol')}
      </Button>
    </form>
  );
}
