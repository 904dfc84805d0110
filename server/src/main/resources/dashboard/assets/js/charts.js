// Chart.js (loaded from its WebJar as a classic script) with the dashboard's look. Charts are destroyed by the
// views' cleanup so a canvas is never reused by two charts.
export const PALETTE = ['#0172ad', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#8e7dbe', '#5fa8d3', '#90be6d', '#adb5bd'];

function chartLib() {
  if (!window.Chart) throw new Error('the chart library did not load');
  const Chart = window.Chart;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  Chart.defaults.color = dark ? '#c2c7d0' : '#505866';
  Chart.defaults.borderColor = dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)';
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 };
  return Chart;
}

/** Stacked bars: labels on x, one dataset per series {label, data}. */
export function bars(canvas, labels, series, { money = false, stacked = true } = {}) {
  const Chart = chartLib();
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: series.map((s, i) => ({ ...s, backgroundColor: PALETTE[i % PALETTE.length], borderRadius: 3, maxBarThickness: 36 })) },
    options: {
      plugins: { legend: { display: series.length > 1, position: 'bottom' }, tooltip: { callbacks: money ? { label: moneyLabel } : {} } },
      scales: { x: { stacked, grid: { display: false } }, y: { stacked, beginAtZero: true, ticks: money ? { callback: v => `$${v}` } : {} } },
    },
  });
}

export function doughnut(canvas, labels, data, { money = false } = {}) {
  const Chart = chartLib();
  return new Chart(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]), borderWidth: 1 }] },
    options: { cutout: '62%', plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: money ? { label: moneyLabel } : {} } } },
  });
}

/** A live line chart; push(label, values[]) appends a point per dataset and keeps the last `keep`. */
export function live(canvas, names, { keep = 60 } = {}) {
  const Chart = chartLib();
  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: names.map((label, i) => ({ label, data: [], borderColor: PALETTE[i], backgroundColor: PALETTE[i] + '33', fill: i === 0, tension: 0.3, pointRadius: 0 })) },
    options: { animation: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true }, x: { grid: { display: false }, ticks: { maxTicksLimit: 8 } } } },
  });
  return {
    chart,
    push(label, values) {
      chart.data.labels.push(label);
      chart.data.datasets.forEach((d, i) => d.data.push(values[i] ?? 0));
      if (chart.data.labels.length > keep) {
        chart.data.labels.shift();
        chart.data.datasets.forEach(d => d.data.shift());
      }
      chart.update('none');
    },
  };
}

function moneyLabel(ctx) {
  const value = ctx.parsed?.y ?? ctx.parsed;
  return `${ctx.dataset.label || ctx.label}: $${Number(value).toFixed(4)}`;
}

/** Chart data must be numbers; this is for drawing only, amounts shown as text stay exact. */
export function num(value) {
  return Number(value ?? 0);
}
