/**
 * Username + password → a device credential for this browser (auth/session.ts); and, when the
 * server has one, **Logga in med <the provider's name>**, which goes to the region's identity
 * provider and comes back with a one-time ticket in the URL (external-sign-in.ts). A refused
 * external sign-in comes back with its error code and is shown in Swedish.
 */
import { createResource, createSignal, onMount, Show, type JSX } from 'solid-js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import { useApp } from '../../kit/context';
import { signInTexts } from '../../../shared/i18n/features/sign-in';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { redirect, route } from '../../kit/router';
import { login } from '../../auth/session';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ERROR_PARAM, redeemTicket, signInMethods, TICKET_PARAM } from './external-sign-in';

const tx = createTexts(signInTexts);

export function LoginForm(): JSX.Element {
  const { db, setSession } = useApp();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [methods] = createResource(signInMethods);

  onMount(async () => {
    const { query } = route();
    const failed = query[ERROR_PARAM];
    if (failed !== undefined) {
      const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(failed) ? (failed as ErrorCode) : 'internal';
      setError(errorOf(new AppError(code)));
      history.replaceState(null, '', '#/');
    }
    const ticket = query[TICKET_PARAM];
    if (ticket === undefined) return;
    history.replaceState(null, '', '#/');
    setBusy(true);
    try {
      setSession(await redeemTicket(db, ticket));
      redirect([]);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  });

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

  const external = () => methods()?.external[0];
  const passwords = () => methods()?.password !== false;
  return (
    <form class="card form" onSubmit={submit}>
      <h1>{t('auth.title')}</h1>
      <Show when={external()}>
        {(m) => (
          <>
            <Button variant="primary" size="big" disabled={busy()} onClick={() => location.assign(m().start)}>
              {busy() ? tx('externalBusy') : tx('external', { name: m().name })}
            </Button>
            <Show when={passwords()}>
              <p>{tx('orPassword')}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={error()}>{(msg) => <Banner tone="error">{msg()}</Banner>}</Show>
      <Show when={passwords()}>
        <TextField label={t('auth.username')} value={username()} onValue={setUsername} autocomplete="username" autocapitalize="none" required />
        <TextField label={t('auth.password')} type="password" value={password()} onValue={setPassword} autocomplete="current-password" required />
        <Button type="submit" variant={external() ? 'secondary' : 'primary'} size="big" disabled={busy()}>
          {t('auth.login')}
        </Button>
      </Show>
    </form>
  );
}
