/**
 * Logged out (or re-enrolling a revoked tablet): log in with an account, or enrol a ward tablet
 * with the 8-character code a manager created. Both need the network; errors are plain Swedish.
 */
import { createSignal, Match, Switch, type JSX } from 'solid-js';
import { useApp } from '../../kit/context';
import { t } from '../../kit/i18n';
import { route } from '../../kit/router';
import { ENROL_SEGMENT } from '../../kit/screens';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { EnrolForm } from './EnrolForm';
import { LoginForm } from './LoginForm';

export default function AuthScreen(): JSX.Element {
  const { online } = useApp();
  const [mode, setMode] = createSignal<'login' | 'enrol'>(route().path[0] === ENROL_SEGMENT ? 'enrol' : 'login');
  return (
    <div class="auth">
      {!online() && <Banner tone="warning">{t('auth.offline')}</Banner>}
      <Switch>
        <Match when={mode() === 'login'}>
          <LoginForm />
          <Button variant="link" onClick={() => setMode('enrol')}>
            {t('auth.orEnrol')}
          </Button>
        </Match>
        <Match when={mode() === 'enrol'}>
          <EnrolForm />
          <Button variant="link" onClick={() => setMode('login')}>
            {t('auth.orLogin')}
          </Button>
        </Match>
      </Switch>
      <a class="btn btn-link" href="#/tillganglighet">
        {t('nav.accessibility')}
      </a>
    </div>
  );
}
