/**
 * Axis scales for the charts drawn at build time: round tick values and the mapping from a value
 * to a length in the picture. A few lines, so no charting library is shipped for them.
 */

/**
 * Round ticks from 0 to at least `max`, about `count` of them, with a whole-number step (the
 * figures are counts of people): `niceTicks(876)` → `[0, 200, 400, 600, 800, 1000]`. The step is
 * 1, 2, 5 or 10 times a power of ten, the one nearest to `max / count` (as d3-array's ticks choose).
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const error = rough / magnitude;
  const factor =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  const step = Math.max(1, factor * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/**
 * Maps `[0, domainMax]` onto `[0, length]`; values outside are clamped, results rounded to a tenth
 * of a pixel (finer is invisible, and weighs on the page).
 */
export function linear(domainMax: number, length: number): (value: number) => number {
  return (value) =>
    Math.round((Math.min(Math.max(value, 0), domainMax) / domainMax) * length * 10) / 10;
}
