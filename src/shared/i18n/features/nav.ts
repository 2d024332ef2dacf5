/**
 * The phone menu's own words (the menu labels themselves are in ../sv.ts). Tiny, and part of the
 * shell: the phone menu is in the first load.
 */
const sv = { menu: 'Meny', close: 'Stäng menyn' };
const en: typeof sv = { menu: 'Menu', close: 'Close the menu' };
export const navTexts = { sv, en };
