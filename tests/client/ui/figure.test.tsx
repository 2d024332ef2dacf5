// @vitest-environment jsdom
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Figure } from '../../../src/client/ui/Figure';

afterEach(cleanup);

describe('Figure', () => {
  it('greys out below the minimum n and says so in words', () => {
    render(() => <Figure label="Totalt" pct={100} n={3} tooFew={true} status="met" />);
    const fig = screen.getByTestId('figure');
    expect(fig.classList.contains('figure-grey')).toBe(true);
    expect(screen.getByText('för få observationer')).toBeTruthy();
    expect(screen.getByText('n = 3')).toBeTruthy();
    // A goal status on too few observations would mislead: it is not shown.
    expect(screen.queryByText('uppfyllt')).toBeNull();
    // The count leads and the percentage follows it, so "100 %" never reads as the result.
    const lead = fig.querySelector('.figure-n-lead');
    expect(lead?.textContent).toBe('n = 3');
    expect(lead?.nextElementSibling?.classList.contains('figure-value')).toBe(true);
  });

  it('with the minimum n known, leads with "3 av 10 observationer" and keeps its detail below the small percentage', () => {
    render(() => <Figure label="Totalt" pct={100} n={3} tooFew={true} minN={10} detail={<span>n = 3 av 10</span>} />);
    const fig = screen.getByTestId('figure');
    const lead = fig.querySelector('.figure-n-lead');
    expect(lead?.textContent).toBe('3 av 10 observationer');
    expect(lead?.nextElementSibling?.classList.contains('figure-value')).toBe(true);
    expect(lead?.nextElementSibling?.nextElementSibling?.textContent).toBe('n = 3 av 10');
    expect(screen.getByText('för få observationer')).toBeTruthy();
  });

  it('says "inga observationer" when n is 0', () => {
    render(() => <Figure label="Totalt" pct={null} n={0} tooFew={true} />);
    expect(screen.getByText('inga observationer')).toBeTruthy();
    expect(screen.getByText('–')).toBeTruthy();
  });

  it('shows percentage, n and goal status as symbol and word', () => {
    render(() => <Figure label="Totalt" pct={86.7} n={15} tooFew={false} status="partly" />);
    const fig = screen.getByTestId('figure');
    expect(fig.classList.contains('figure-grey')).toBe(false);
    expect(fig.textContent).toMatch(/87\s%/);
    expect(screen.getByText('n = 15')).toBeTruthy();
    expect(fig.querySelector('.figure-status')?.textContent).toBe('▲ delvis');
  });
});
