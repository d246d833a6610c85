import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export type Series = { label: string; values: number[]; color: string; bars?: boolean };

/**
 * A uPlot line (or bar) chart over months (`YYYY-MM`), sized to its container. The canvas is an image to
 * assistive technology: `label` names it, and each view shows the same numbers in a table.
 */
export function MonthChart(props: {
  label: string;
  /** The legend's name of the x value (the month), in the page's language. */
  monthLabel: string;
  months: string[];
  series: Series[];
  height?: number;
  format?: (value: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { monthLabel, format } = props;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = props.months.map(
      (month) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000,
    );
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: props.height ?? 260,
      scales: { x: { time: true } },
      axes: [{}, { size: 80, values: (_, ticks) => ticks.map((tick) => (format ? format(tick) : String(tick))) }],
      series: [
        { label: monthLabel, value: (_, ts) => (ts === null ? '--' : new Date(ts * 1000).toISOString().slice(0, 7)) },
        ...props.series.map((series) => ({
          label: series.label,
          stroke: series.color,
          width: 2,
          fill: series.bars ? `${series.color}55` : undefined,
          paths: series.bars ? uPlot.paths.bars?.({ size: [0.6, 40] }) : undefined,
          points: { show: true },
          value: (_: uPlot, v: number | null) => (v === null ? '--' : format ? format(v) : String(v)),
        })),
      ],
    };
    const chart = new uPlot(options, [xs, ...props.series.map((series) => series.values)], element);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(280, element.clientWidth), height: options.height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [props.months, props.series, props.height, monthLabel, format]);
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}
