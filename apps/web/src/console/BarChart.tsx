import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';

// Only the pieces a bar chart needs (chart.js is tree-shaken to these; it lives in the console's chunk only).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490'];

export interface Series {
  label: string;
  values: number[];
}

/**
 * A bar chart for sighted users; the same numbers are in the table next to it (the canvas is
 * hidden from screen readers, which read the table).
 */
export function BarChart({ labels, series, format }: { labels: string[]; series: Series[]; format: (value: number) => string }) {
  return (
    <div className="grafico" aria-hidden="true">
      <Bar
        data={{
          labels,
          datasets: series.map((serie, index) => ({
            label: serie.label,
            data: serie.values,
            backgroundColor: PALETTE[index % PALETTE.length],
          })),
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          // Every series counts whole things (messages, centavos): no ticks between them (0,1 mensagem).
          scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: (value) => format(Number(value)) } } },
          plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } } },
        }}
      />
    </div>
  );
}
