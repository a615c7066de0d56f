import { makeStyles, tokens } from '@fluentui/react-components';
import type { ExternalContactView } from '../../shared/api';
import { useI18n } from '../common/i18n';

/** Forced colours (Windows contrast themes) would repaint the bars as background: keep them, in system colours. */
const forced = '@media (forced-colors: active)';

const useStyles = makeStyles({
  chart: { display: 'block', width: '100%', height: 'auto', maxWidth: '320px' },
  sent: { fill: tokens.colorBrandBackground, [forced]: { forcedColorAdjust: 'none', fill: 'CanvasText' } },
  received: {
    fill: tokens.colorPaletteTealBorderActive,
    [forced]: { forcedColorAdjust: 'none', fill: 'Highlight' },
  },
  axis: { stroke: tokens.colorNeutralStroke1, [forced]: { forcedColorAdjust: 'none', stroke: 'CanvasText' } },
  label: {
    fill: tokens.colorNeutralForeground3,
    fontSize: '9px',
    [forced]: { forcedColorAdjust: 'none', fill: 'CanvasText' },
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
  },
  swatch: { display: 'inline-block', width: '8px', height: '8px', marginRight: '4px' },
  sentSwatch: {
    backgroundColor: tokens.colorBrandBackground,
    [forced]: { forcedColorAdjust: 'none', backgroundColor: 'CanvasText' },
  },
  receivedSwatch: {
    backgroundColor: tokens.colorPaletteTealBorderActive,
    [forced]: { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
  },
});

/** The twelve months up to `now`, oldest first, as yyyy-mm (UTC). */
export function lastTwelveMonths(now: Date): string[] {
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** Contact frequency by month: stacked bars of sent and received, plain SVG. */
export function ContactFrequencyChart({
  contact,
  now = new Date(),
}: {
  contact: ExternalContactView;
  now?: Date;
}) {
  const tr = useI18n();
  const styles = useStyles();
  const byMonth = new Map(contact.months.map((m) => [m.month, m]));
  const bars = lastTwelveMonths(now).map((month) => ({
    month,
    sent: byMonth.get(month)?.sent ?? 0,
    received: byMonth.get(month)?.received ?? 0,
  }));
  const total = bars.reduce((n, b) => n + b.sent + b.received, 0);
  const busiest = bars.reduce((a, b) => (b.sent + b.received > a.sent + a.received ? b : a), bars[0]!);
  const max = Math.max(1, ...bars.map((b) => b.sent + b.received));
  const name = contact.name ?? contact.email;
  const summary =
    total === 0
      ? tr.t('contact.chartEmpty')
      : tr.plural('contact.chartSummary', total, {
          month: tr.month(busiest.month),
          busiest: tr.number(busiest.sent + busiest.received),
        });
  const width = 240;
  const height = 64;
  const slot = width / bars.length;
  const scale = (n: number) => (n / max) * (height - 12);
  // The first tick names its year unless a January tick close by does (they would overlap).
  const januaryNear = bars.slice(2, 4).some((b) => b.month.endsWith('-01'));
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${tr.t('contact.chartTitle', { name })}. ${summary}`}
      >
        {bars.map((b, i) => {
          const x = i * slot + 2;
          const w = slot - 4;
          const hs = scale(b.sent);
          const hr = scale(b.received);
          return (
            <g key={b.month}>
              <rect className={styles.received} x={x} y={height - 10 - hr} width={w} height={hr} />
              <rect className={styles.sent} x={x} y={height - 10 - hr - hs} width={w} height={hs} />
              {(i === 0 || i === 11 || (b.month.endsWith('-01') && i > 1 && i < 10)) && (
                <text
                  className={styles.label}
                  x={i === 11 ? x + w : x}
                  y={height - 1}
                  textAnchor={i === 11 ? 'end' : 'start'}
                >
                  {tr.monthTick(b.month, b.month.endsWith('-01') || (i === 0 && !januaryNear))}
                </text>
              )}
            </g>
          );
        })}
        <line className={styles.axis} x1={0} x2={width} y1={height - 10} y2={height - 10} />
      </svg>
      <figcaption className={styles.legend}>
        <span>
          <span className={`${styles.swatch} ${styles.sentSwatch}`} aria-hidden="true" />
          {tr.t('contact.chartLegendSent')}
        </span>
        <span>
          <span className={`${styles.swatch} ${styles.receivedSwatch}`} aria-hidden="true" />
          {tr.t('contact.chartLegendReceived')}
        </span>
      </figcaption>
    </figure>
  );
}
