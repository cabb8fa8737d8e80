// Plain SVG bar charts for the fleet page (no script, no library): each chart has a title and a
// text description for screen readers, and every bar carries its number as text.
export interface BarSeries {
  name: string;
  color: string;
}

export interface BarGroup {
  label: string;
  values: number[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Stacked horizontal bars: one row per group, one segment per series. */
export function stackedBars(id: string, title: string, series: BarSeries[], groups: BarGroup[]): string {
  const rowH = 28;
  const labelW = 190;
  const barW = 420;
  const h = Math.max(1, groups.length) * rowH + 40;
  const max = Math.max(1, ...groups.map((g) => g.values.reduce((a, b) => a + b, 0)));
  const desc = groups.map((g) => `${g.label}: ${g.values.map((v, i) => `${series[i]!.name} ${v}`).join(', ')}`).join('; ');
  const rows = groups
    .map((g, r) => {
      let x = labelW;
      const y = 30 + r * rowH;
      const segs = g.values
        .map((v, i) => {
          const w = (v / max) * barW;
          const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${series[i]!.color}"/>` : '';
          x += w;
          return rect;
        })
        .join('');
      const total = g.values.reduce((a, b) => a + b, 0);
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(g.label)}</text>${segs}<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${total}</text>`;
    })
    .join('');
  const legend = series.map((s, i) => `<rect x="${labelW + i * 140}" y="4" width="14" height="14" fill="${s.color}"/><text x="${labelW + i * 140 + 20}" y="16">${esc(s.name)}</text>`).join('');
  return `<figure><figcaption><strong>${esc(title)}</strong></figcaption><svg id="${esc(id)}" role="img" aria-labelledby="${esc(id)}-t ${esc(id)}-d" viewBox="0 0 ${labelW + barW + 60} ${h}" width="100%" style="max-width:${labelW + barW + 60}px" font-size="13" font-family="sans-serif"><title id="${esc(id)}-t">${esc(title)}</title><desc id="${esc(id)}-d">${esc(desc || '无数据 / no data')}</desc>${legend}${rows}</svg></figure>`;
}
