// A small stacked bar chart in plain SVG: one bar per category (a day), one coloured part per
// series (an operation). Pages show the same numbers in a table beside it; the SVG carries a
// title and a summary for screen readers, and each part names its value on hover.
import { useId } from 'react';
import { formatNumber } from './format';
import './chart.css';

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartCategory {
  key: string;
  /** Under the bar (thinned out when there are many). */
  label: string;
  /** In the hover text; `label` when absent. */
  longLabel?: string;
}

interface StackedBarChartProps {
  title: string;
  /** What the chart shows, in words (the SVG's description). */
  summary: string;
  categories: ChartCategory[];
  series: ChartSeries[];
  value: (category: string, series: string) => number;
  /** The unit of the values, for the axis and hover texts ("credits"). */
  unit: string;
  /** Shown in the plot when every value is 0. */
  emptyText?: string;
}

/** Colour-blind-friendly, distinguishable on white (Okabe–Ito, then two more). */
const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7A5195', '#9C9C2B'];
const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length]!;

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 48 };
const MAX_X_LABELS = 10;

/** The smallest of 1, 2, 2.5, 5 × 10^n at or above `value` (axis tops that read well). */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

export function StackedBarChart({ title, summary, categories, series, value, unit, emptyText }: StackedBarChartProps) {
  const id = useId();
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = categories.map((category) => series.reduce((sum, s) => sum + value(category.key, s.key), 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * top).filter((tick) => Number.isInteger(tick));
  const slot = plotWidth / Math.max(categories.length, 1);
  const barWidth = Math.max(2, Math.min(36, slot * 0.7));
  const labelEvery = Math.ceil(categories.length / MAX_X_LABELS);
  const y = (amount: number) => MARGIN.top + plotHeight - (amount / top) * plotHeight;

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
        data-testid="stacked-bar-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, index) => {
          const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
          let stacked = 0;
          return (
            <g key={category.key}>
              {series.map((s, seriesIndex) => {
                const amount = value(category.key, s.key);
                if (amount <= 0) return null;
                const bottom = stacked;
                stacked += amount;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    width={barWidth}
                    y={y(stacked)}
                    height={y(bottom) - y(stacked)}
                    fill={seriesColour(seriesIndex)}
                    data-testid="chart-bar"
                  >
                    <title>{`${category.longLabel ?? category.label}: ${s.label}, ${formatNumber(amount)} ${unit}`}</title>
                  </rect>
                );
              })}
              {index % labelEvery === 0 && (
                <text className="chart-axis-label" x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle">
                  {category.label}
                </text>
              )}
            </g>
          );
        })}
        <line
          className="chart-axis"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + plotHeight}
          y2={MARGIN.top + plotHeight}
        />
        {totals.every((total) => total === 0) && emptyText && (
          <text
            className="chart-empty"
            x={MARGIN.left + plotWidth / 2}
            y={MARGIN.top + plotHeight / 2}
            textAnchor="middle"
          >
            {emptyText}
          </text>
        )}
      </svg>
      {series.length > 0 && (
        <figcaption>
          <ul className="chart-legend" aria-label="Legend">
            {series.map((s, index) => (
              <li key={s.key}>
                <span className="chart-swatch" style={{ background: seriesColour(index) }} aria-hidden="true" />
                {s.label}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
