/**
 * Tillgänglighet: the accessibility statement the law asks every public-sector digital service to
 * publish (standard and level, known gaps, how to report, DIGG's complaint form, last review).
 * Reachable logged out (from the login screen) and from Inställningar.
 */
import type { JSX } from 'solid-js';
import { accessibilityTexts, DIGG_REPORT_URL } from '../../../shared/i18n/features/accessibility';
import { createTexts } from '../../kit/i18n';

const tx = createTexts(accessibilityTexts);

export default function AccessibilityScreen(): JSX.Element {
  return (
    <article class="screen prose statement" data-testid="accessibility-statement">
      <header class="screen-head">
        <h1>{tx('title')}</h1>
      </header>
      <p class="statement-lead">{tx('lead')}</p>
      <p>{tx('intro')}</p>
      <h2>{tx('statusTitle')}</h2>
      <p>{tx('status')}</p>
      <h2>{tx('gapsTitle')}</h2>
      <ul>
        <li>{tx('gap1')}</li>
        <li>{tx('gap2')}</li>
      </ul>
      <h2>{tx('reportTitle')}</h2>
      <p>{tx('report')}</p>
      <h2>{tx('diggTitle')}</h2>
      <p>{tx('digg')}</p>
      <p>
        <a class="btn btn-secondary" href={DIGG_REPORT_URL} rel="noopener" target="_blank">
          {tx('diggLink')}
        </a>
      </p>
      <h2>{tx('testedTitle')}</h2>
      <p>{tx('tested')}</p>
      <p class="muted">{tx('reviewed')}</p>
      <p>
        <a class="btn btn-link" href="#/">
          ← {tx('back')}
        </a>
      </p>
    </article>
  );
}
