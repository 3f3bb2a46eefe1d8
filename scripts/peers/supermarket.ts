// A real implicit-feedback data set for the recommendation quality check: Weka's
// supermarket.arff (4,627 shopping baskets of a New Zealand supermarket over the
// departments bought from, one 't' per department in a basket), as shipped in Debian's
// `weka` package under /usr/share/doc/weka/examples. Installing weka pulls in Java, so
// when the file is not there the package is only downloaded with apt and unpacked into
// .cache/ (no install, nothing from outside Debian's archive).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Csr, csrFrom } from '../../src/main/partners/targeting/csr';

const INSTALLED = '/usr/share/doc/weka/examples/supermarket.arff';
const CACHE = path.resolve('.cache/weka');
const UNPACKED = path.join(CACHE, 'root/usr/share/doc/weka/examples/supermarket.arff');

/** The ARFF's path, fetched from Debian's archive into .cache/ when weka is not installed; or why it cannot be had. */
export function supermarketArff(): { file: string } | { missing: string } {
  for (const f of [process.env.SUPERMARKET_ARFF, INSTALLED, UNPACKED]) if (f && fs.existsSync(f)) return { file: f };
  fs.mkdirSync(CACHE, { recursive: true });
  const debOf = () => fs.readdirSync(CACHE).find((f) => /^weka_.*\.deb$/.test(f));
  const download = debOf() ? null : spawnSync('apt-get', ['download', 'weka'], { cwd: CACHE, encoding: 'utf8' });
  const deb = debOf();
  if (!deb) return { missing: `weka's package could not be downloaded with apt (${(download?.stderr || download?.error?.message || '').trim().split('\n').pop()})` };
  const unpack = spawnSync('dpkg-deb', ['-x', path.join(CACHE, deb), path.join(CACHE, 'root')], { encoding: 'utf8' });
  return fs.existsSync(UNPACKED) ? { file: UNPACKED } : { missing: `dpkg-deb could not unpack ${deb}: ${unpack.stderr}` };
}

/** Baskets as users, departments as items (the last attribute, the basket's total, is not an item). */
export function supermarketMatrix(file: string): { matrix: Csr; departments: string[] } {
  const text = fs.readFileSync(file, 'latin1');
  const [head, data] = text.split(/@data\s*\n/i);
  const attributes = head.split('\n').filter((l) => /^@attribute/i.test(l)).map((l) => l.replace(/^@attribute\s+'?([^']+)'?.*$/i, '$1'));
  const departments = attributes.slice(0, -1);
  const users: number[] = [];
  const items: number[] = [];
  let basket = 0;
  for (const line of data.split('\n')) {
    if (!line.trim()) continue;
    const cells = line.split(',');
    for (let i = 0; i < departments.length; i++) if (cells[i] === 't') (users.push(basket), items.push(i));
    basket++;
  }
  return { matrix: csrFrom(basket, departments.length, users, items, new Float32Array(users.length).fill(1)), departments };
}
