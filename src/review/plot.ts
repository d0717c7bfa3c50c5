/**
 * Draws the review's charts with Observable Plot, made safe for a strict Content-Security-Policy
 * (`style-src 'self'`): Plot adds a <style> element and can set style attributes, which the
 * policy would refuse (and report) the moment they reached the page. So Plot draws into a
 * detached document of its own, every <style> and style attribute is removed, and only then does
 * the SVG join the page. Colours and fonts come from the component's own styles (see
 * review.styles.ts): marks are drawn in `currentColor`.
 */
import * as Plot from '@observablehq/plot';

export interface ChartDatum {
  label: string;
  /** null when the count is suppressed: the bar is not drawn. */
  value: number | null;
}

export interface ChartOptions {
  width: number;
  lang: string;
  /** Values are shares from 0 to 1, shown as percentages. */
  percent?: boolean;
}

// An inert document: nothing in it is rendered or styled, so the page's policy never sees Plot's
// own styles.
let scratch: Document | undefined;
function plotDocument(): Document {
  scratch ??= document.implementation.createHTMLDocument('plot');
  return scratch;
}

/** Removes everything the page's style-src would refuse, then moves the SVG into the page. */
export function cleanSvg(element: Element): SVGSVGElement {
  const svg = (
    element.localName === 'svg' ? element : element.querySelector('svg')
  ) as SVGSVGElement;
  for (const style of svg.querySelectorAll('style')) style.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // The chart's name and description are the page's own elements (aria-labelledby/-describedby).
  svg.removeAttribute('aria-label');
  svg.removeAttribute('aria-description');
  svg.removeAttribute('class');
  // The axes are drawn left to right in every language; without this, a right-to-left page flips
  // every text anchor and the labels land on top of the bars. (A presentation attribute, which the
  // policy allows, unlike a style attribute.)
  svg.setAttribute('direction', 'ltr');
  // Plot names each mark's group with aria-label, which ARIA does not allow on a plain <g> (and
  // the image's children are hidden from the accessibility tree anyway): keep it as a styling hook.
  for (const el of svg.querySelectorAll('[aria-label]')) {
    el.setAttribute('data-mark', el.getAttribute('aria-label') ?? '');
    el.removeAttribute('aria-label');
  }
  return document.adoptNode(svg);
}

function formatter(options: ChartOptions): (n: number) => string {
  const number = new Intl.NumberFormat(options.lang, {
    style: options.percent ? 'percent' : 'decimal',
    maximumFractionDigits: options.percent ? 0 : 1,
  });
  return (n) => number.format(n);
}

/** Horizontal bars, one per group, with the value written at the end of each bar. */
export function barChart(data: readonly ChartDatum[], options: ChartOptions): SVGSVGElement {
  const drawn = data.filter((d): d is { label: string; value: number } => d.value !== null);
  const format = formatter(options);
  const longest = Math.max(4, ...data.map((d) => d.label.length));
  // Labels get up to 40% of the width; longer ones are cut with an ellipsis (the table has them whole).
  const marginLeft = Math.min(Math.round(options.width * 0.4), longest * 7.5 + 12);
  const max = Math.max(options.percent ? 1 : 1, ...drawn.map((d) => d.value));
  const svg = Plot.plot({
    document: plotDocument(),
    width: options.width,
    height: Math.max(1, data.length) * 32 + 40,
    marginLeft,
    marginRight: 56,
    marginTop: 24,
    x: {
      domain: [0, options.percent ? 1 : max],
      grid: true,
      label: null,
      ticks: Math.max(2, Math.floor((options.width - marginLeft) / 90)),
      tickFormat: (n: number) => (Number.isInteger(n) || options.percent ? format(n) : ''),
      axis: 'top',
    },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0, padding: 0.25 },
    marks: [
      Plot.axisY({
        tickSize: 0,
        textOverflow: 'ellipsis',
        lineWidth: Math.max(4, Math.floor((marginLeft - 12) / 6.5)),
      }),
      Plot.barX(drawn, { x: 'value', y: 'label', fill: 'currentColor' }),
      Plot.text(drawn, {
        x: 'value',
        y: 'label',
        text: (d: { value: number }) => format(d.value),
        dx: 4,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  });
  return cleanSvg(svg);
}

/** A line over weeks, with a dot per week; a suppressed week leaves a gap. */
export function lineChart(
  data: ReadonlyArray<ChartDatum & { date: Date }>,
  options: ChartOptions,
): SVGSVGElement {
  const format = formatter(options);
  const day = new Intl.DateTimeFormat(options.lang, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const points = data.map((d) => ({ date: d.date, value: d.value ?? Number.NaN }));
  const max = Math.max(1, ...points.map((d) => (Number.isNaN(d.value) ? 0 : d.value)));
  const svg = Plot.plot({
    document: plotDocument(),
    width: options.width,
    height: 240,
    marginLeft: 48,
    marginRight: 24,
    x: {
      type: 'utc',
      label: null,
      // Ticks on the weeks' own Mondays, as many as fit.
      ticks: data
        .map((d) => d.date)
        .filter(
          (_, i) => i % Math.ceil(data.length / Math.max(2, Math.floor(options.width / 80))) === 0,
        ),
      tickFormat: (d: Date) => day.format(d),
    },
    y: {
      domain: [0, max],
      nice: true,
      grid: true,
      label: null,
      tickFormat: (n: number) => (Number.isInteger(n) ? format(n) : ''),
    },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(points, { x: 'date', y: 'value', stroke: 'currentColor', strokeWidth: 2.5 }),
      Plot.dot(points, { x: 'date', y: 'value', fill: 'currentColor', r: 3.5 }),
    ],
  });
  return cleanSvg(svg);
}
