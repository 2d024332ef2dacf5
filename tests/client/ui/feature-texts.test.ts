import { describe, expect, it } from 'vitest';
import { createTexts, setLanguage } from '../../../src/client/kit/i18n';

describe('feature catalogues (createTexts)', () => {
  it('follow the language signal and fill parameters', async () => {
    const sv = { title: 'Gröna korset', days: '{n} dagar utan fall' };
    const en: typeof sv = { title: 'Green cross', days: '{n} days without a fall' };
    const t = createTexts({ sv, en });
    expect(t('days', { n: 32 })).toBe('32 dagar utan fall');
    await setLanguage('en');
    expect(t('title')).toBe('Green cross');
    await setLanguage('sv');
    expect(t('title')).toBe('Gröna korset');
  });
});
