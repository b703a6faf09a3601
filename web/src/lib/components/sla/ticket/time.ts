/**
 * Business time as people read it on the SLA badges and clocks (issue 7): "2 h 15 min left",
 * "noch 2 Std. 15 Min.", "15 min overdue". Pure (the words come in), so a unit spec covers it.
 */

/** The texts the wording needs: `sla.hm`, `sla.h`, `sla.m`, `sla.left`, `sla.overdue`. */
export type Say = (key: 'sla.hm' | 'sla.h' | 'sla.m' | 'sla.over' | 'sla.left' | 'sla.overdue', params: Record<string, string | number>) => string;

/** From this many hours on, a span is only "more than …": its target date says the rest. */
const MANY_HOURS = 100;

/**
 * A span of business minutes in hours and minutes (never days: a business day is not 24 hours,
 * and which calendar it is on is not on the list); a long one (a wished date months away) as
 * "more than 99 h".
 */
export function span(minutes: number, say: Say): string {
  const m = Math.abs(Math.trunc(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h >= MANY_HOURS) return say('sla.over', { h: MANY_HOURS - 1 });
  if (h === 0) return say('sla.m', { m: rest });
  return rest === 0 ? say('sla.h', { h }) : say('sla.hm', { h, m: rest });
}

/** Remaining business minutes as "… left", or, when negative, "… overdue". Zero is "0 min left": due now, not yet late. */
export function remaining(minutes: number, say: Say): string {
  return say(minutes < 0 ? 'sla.overdue' : 'sla.left', { time: span(minutes, say) });
}
