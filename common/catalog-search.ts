// Search over the service catalog by Chinese text, full pinyin or pinyin initials
// ("sbk" → 社保卡). Runs where the catalog lives (the backend), so the renderer bundle
// does not carry the pinyin dictionary.
import { pinyin } from 'pinyin-pro';
import type { Catalog, Service } from './catalog';

interface Entry {
  service: Service;
  /** Chinese strings: name, keywords, department name */
  texts: string[];
  /** pinyin initials of each text, e.g. "sbk" */
  initials: string[];
  /** full pinyin without spaces, e.g. "shebaoka" */
  full: string[];
  english: string;
}

function initialsOf(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function fullOf(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export class CatalogSearch {
  private readonly entries: Entry[];

  constructor(catalog: Catalog) {
    const deptName = new Map(catalog.departments.map((d) => [d.id, d.name]));
    this.entries = catalog.services.map((service) => {
      const texts = [service.name, ...service.keywords, deptName.get(service.departmentId) ?? ''].filter(Boolean);
      return {
        service,
        texts,
        initials: texts.map(initialsOf),
        full: texts.map(fullOf),
        english: `${service.nameEn} ${service.code}`.toLowerCase(),
      };
    });
  }

  /** Services matching `query`, best first. An empty query matches nothing. */
  search(query: string, limit = 30): Service[] {
    const q = query.trim().toLowerCase().replace(/\s+/g, '');
    if (!q) return [];
    const latin = /^[a-z0-9]+$/.test(q);
    const hits: { e: Entry; score: number; order: number }[] = [];
    this.entries.forEach((e, order) => {
      let score = 0;
      e.texts.forEach((t, i) => {
        const weight = i === 0 ? 3 : 1; // the service's own name outranks keywords and department
        if (t === q) score = Math.max(score, 100 * weight);
        else if (t.startsWith(q)) score = Math.max(score, 60 * weight);
        else if (t.includes(q)) score = Math.max(score, 40 * weight);
        if (latin) {
          const ini = e.initials[i]!;
          const full = e.full[i]!;
          if (ini === q) score = Math.max(score, 90 * weight);
          else if (ini.startsWith(q)) score = Math.max(score, 50 * weight);
          else if (q.length >= 2 && ini.includes(q)) score = Math.max(score, 30 * weight);
          if (q.length >= 3 && full.includes(q)) score = Math.max(score, (full.startsWith(q) ? 55 : 35) * weight);
        }
      });
      if (latin && q.length >= 3 && e.english.includes(q)) score = Math.max(score, 20);
      if (score > 0) hits.push({ e, score, order });
    });
    hits.sort((a, b) => b.score - a.score || a.order - b.order);
    return hits.slice(0, limit).map((h) => h.e.service);
  }
}
