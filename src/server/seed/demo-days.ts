/**
 * Which past days the demo seeds fill: the recent weeks every board shows, plus the same weeks a
 * year ago, so indicators that compare with the same period last year (issue 6) have something
 * to compare with. Oldest first, so the change log reads like history.
 */
export const LAST_YEAR_FROM = 400;
export const LAST_YEAR_TO = 330;

export function demoDaysBack(recentFrom: number, recentTo: number): number[] {
  const out: number[] = [];
  for (let back = LAST_YEAR_FROM; back >= LAST_YEAR_TO; back--) out.push(back);
  for (let back = recentFrom; back >= recentTo; back--) out.push(back);
  return out;
}
