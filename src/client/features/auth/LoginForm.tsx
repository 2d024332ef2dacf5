/** Username + password → a device credential for this browser (auth/session.ts). */
import { createSignal, Show, type JSX } from 'solid-js';
import { useApp } from '../../kit/context';
import { errorOf, t } from '../../kit/i18n';
import { redirect } from '../../kit/router';
import { login } from '../../auth/session';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';

export function LoginForm(): JSX.Element {
  const { db, setSession } = useApp();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await login(db, username().trim(), password()));
      redirect([]);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit}>
      <h1>{t('auth.title')}</h1>
      <TextField label={t('auth.username')} value={username()} onValue={setUsername} autocomplete="username" autocapitalize="none" required />
      <TextField label={t('auth.password')} type="password" value={password()} onValue={setPassword} autocomplete="current-password" required />
      <Show when={error()}>{(msg) => <Banner tone="error">{msg()}</Banner>}</Show>
      <Button type="submit" variant="primary" size="big" disabled={busy()}>
        {t('auth.login')}
      </Button>
    </form>
  );
}
