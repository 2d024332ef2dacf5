/**
 * Where the board's "Under målet – planera en åtgärd" leads. The action list (åtgärdslista) is a
 * later issue: until it exists this answers null and the banner offers no link. When it lands,
 * return its route for the unit here; the banner picks it up.
 */
export function actionListHref(_unitId: string): string | null {
  return null;
}
