/**
 * The non-media columns of the marketing-mix model: a linear trend, yearly Fourier terms
 * (order 2, from each period's day of the year, so gaps in the calendar stay aligned),
 * numeric controls as they are and categorical ones one-hot (the first level is the
 * baseline). Constant columns carry nothing and are left out.
 */
export interface BaseColumn {
  name: string;
  values: Float64Array;
}

const DAY = 86_400_000;

export function dayOfYear(iso: string): number {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return (d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY + 1;
}

export function baseColumns(periods: string[], controls: Record<string, (number | string | null)[]>, fourierOrder = 2): BaseColumn[] {
  const n = periods.length;
  const cols: BaseColumn[] = [{ name: 'trend', values: Float64Array.from({ length: n }, (_, t) => t / n) }];
  const doy = periods.map(dayOfYear);
  for (let k = 1; k <= fourierOrder; k++) {
    cols.push({ name: `sin${k}`, values: Float64Array.from(doy, (d) => Math.sin((2 * Math.PI * k * d) / 365.25)) });
    cols.push({ name: `cos${k}`, values: Float64Array.from(doy, (d) => Math.cos((2 * Math.PI * k * d) / 365.25)) });
  }
  for (const [name, values] of Object.entries(controls)) {
    const numeric = values.every((v) => v === null || typeof v === 'number');
    if (numeric) cols.push({ name, values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : 0)) });
    else {
      const levels = [...new Set(values.map((v) => String(v ?? '')))].sort();
      for (const level of levels.slice(1)) cols.push({ name: `${name}=${level}`, values: Float64Array.from(values, (v) => (String(v ?? '') === level ? 1 : 0)) });
    }
  }
  return cols.filter((c) => c.values.some((v) => v !== c.values[0]));
}
