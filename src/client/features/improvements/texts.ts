/** The meeting, improvements and wall screens' `t` (one catalogue: they share most words). */
import { meetingTexts } from '../../../shared/i18n/features/meeting';
import type { AgendaStep } from '../../../shared/schema/meeting';
import { createTexts } from '../../kit/i18n';

export const tx = createTexts(meetingTexts);

export const stepLabel = (step: AgendaStep): string => tx(`step.${step}`);
