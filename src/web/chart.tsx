/** Small server-drawn SVG charts (no script): horizontal bars with signed values. */
import { Dec } from '../../connectors/canonical/money.ts';
import { money } from './format.ts';

export interface Bar {
  label: string;
  value: Dec;
  color: string;
}

export function BarChart(props: { bars: Bar[]; title: string; width?: number }) {
  const width = props.width ?? 640;
  const labelW = 190;
  const valueW = 110;
  const rowH = 26;
  const plot = width - labelW - valueW;
  const max = props.bars.reduce((m, b) => Dec.max(m, b.value.abs()), new Dec(0));
  const hasNegative = props.bars.some((b) => b.value.isNegative());
  const zeroX = labelW + (hasNegative ? plot / 2 : 0);
  const scale = (v: Dec) =>
    max.isZero()
      ? 0
      : v
          .abs()
          .div(max)
          .times(hasNegative ? plot / 2 : plot)
          .toNumber();
  return (
    <svg
      class="chart"
      role="img"
      aria-label={props.title}
      width={width}
      height={props.bars.length * rowH + 8}
    >
      <title>{props.title}</title>
      {props.bars.map((b, i) => {
        const w = scale(b.value);
        const x = b.value.isNegative() ? zeroX - w : zeroX;
        const y = 4 + i * rowH;
        return (
          <g>
            <text x={0} y={y + 15}>
              {b.label}
            </text>
            <rect x={x} y={y + 3} width={Math.max(w, 1)} height={rowH - 8} fill={b.color} />
            <text x={width - 4} y={y + 15} text-anchor="end">
              {money(b.value)}
            </text>
          </g>
        );
      })}
      <line x1={zeroX} x2={zeroX} y1={0} y2={props.bars.length * rowH + 8} stroke="#98a2b3" />
    </svg>
  );
}
