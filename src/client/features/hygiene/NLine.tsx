/** "n = 8 · varav 2 självskattning": every figure names its n, and how much is självskattning. */
import { Show, type JSX } from 'solid-js';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { createTexts } from '../../kit/i18n';

const tx = createTexts(hygieneTexts);

export function NLine(props: { n: number; selfAssessmentN: number; quota?: number | undefined }): JSX.Element {
  return (
    <>
      {props.quota === undefined ? tx('figure.n', { n: props.n }) : tx('figure.nQuota', { n: props.n, quota: props.quota })}
      <Show when={props.selfAssessmentN > 0}> · {tx('figure.nSelf', { n: props.selfAssessmentN })}</Show>
    </>
  );
}
