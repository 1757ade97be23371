/**
 * The WHERE clause of a log query from optional filters: a condition is
 * used only when its value is given, so the logs' list methods share one
 * way of turning query parameters into SQL with bound values.
 */
export function logFilter(conditions: readonly [clause: string, value: string | undefined][]): { where: string; args: string[] } {
  const used = conditions.filter((c): c is [string, string] => c[1] !== undefined && c[1] !== '');
  return { where: used.length === 0 ? '' : `WHERE ${used.map(([clause]) => clause).join(' AND ')}`, args: used.map(([, value]) => value) };
}
