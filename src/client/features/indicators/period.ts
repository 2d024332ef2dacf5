/** How many periods an indicator trend shows: 2 years of months, 26 weeks, 12 tertials (4 years), 6 years.
 * The period model itself is the board kit's (kit/period.ts). */
import type { BoardPeriodKind } from '../../kit/period';

export const SERIES_COUNT: Record<BoardPeriodKind, number> = { week: 26, month: 24, tertial: 12, year: 6 };
