import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { translate } from '../../../shared/i18n';
import type { ReportBlock, ReportDocument, ReportSection } from '../../../shared/report';
import { PAPER } from '../charts';
import { chartSvg } from './chartSvg';
import { REPORT_FONTS } from './fonts';

const A4 = { width: 595.28, height: 841.89 };
const M = { top: 60, bottom: 64, side: 54 };
const WIDTH = A4.width - 2 * M.side;
const ACCENT = PAPER.series[0];

type Doc = PDFKit.PDFDocument;

/**
 * The report as a PDF: a cover, a contents page with each section's page number, one
 * section per page run (its note boxed after the heading, its blocks in order — facts,
 * paragraphs, tables that repeat their header across pages, and charts as vectors), and
 * "page n of N" at the foot of every page but the cover. The app's export and the CLI's
 * `report` both come here, so they print the same file.
 */
export async function renderPdf(input: ReportDocument): Promise<Buffer> {
  const report = input.lang === 'en' ? straightQuotes(input) : input;
  const t = (key: string, params?: Record<string, string | number>) => translate(report.lang, key, params);
  const doc = new PDFDocument({ size: 'A4', margins: { top: M.top, bottom: M.bottom, left: M.side, right: M.side }, bufferPages: true, autoFirstPage: true, lang: report.lang, info: { Title: report.title, Author: report.client || 'Tandem', Creator: 'Tandem', Subject: report.product } });
  doc.registerFont('body', REPORT_FONTS.regular);
  doc.registerFont('bold', REPORT_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  cover(doc, report, t);
  doc.addPage();
  const contentsPage = 1;
  const starts: { title: string; page: number }[] = [];
  for (const s of report.sections.filter((x) => x.id !== 'cover')) {
    doc.addPage();
    starts.push({ title: s.title, page: doc.bufferedPageRange().count });
    section(doc, s, t);
  }
  doc.switchToPage(contentsPage);
  contents(doc, starts, t);

  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8.5).fillColor(PAPER.muted);
    doc.text(short(report.title, 48), M.side, A4.height - 40, { width: WIDTH * 0.7, lineBreak: false });
    doc.text(t('report.pageOf', { n: i + 1, total: range.count }), M.side + WIDTH * 0.7, A4.height - 40, { width: WIDTH * 0.3, align: 'right', lineBreak: false });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function cover(doc: Doc, r: ReportDocument, t: (k: string, p?: Record<string, string | number>) => string): void {
  // The band grows with a long (bilingual) title, so the title never runs off it.
  const titleH = doc.font('bold').fontSize(26).heightOfString(r.title, { width: WIDTH });
  const band = Math.max(250, 140 + titleH + 50);
  doc.rect(0, 0, A4.width, band).fill(ACCENT);
  if (r.logo) {
    try {
      doc.image(Buffer.from(r.logo.split(',')[1], 'base64'), M.side, 48, { fit: [150, 70] });
    } catch {
      // A logo PDFKit cannot read is left off the cover rather than failing the report.
    }
  }
  doc.fillColor('#ffffff').font('bold').fontSize(26).text(r.title, M.side, 140, { width: WIDTH });
  doc.font('body').fontSize(12).fillColor('#e8eaff').text(t('report.pitchFor', { client: r.client || '—' }), { width: WIDTH });
  doc.y = band + 40;
  doc.fillColor(PAPER.text).font('bold').fontSize(13).text(r.product, M.side, doc.y, { width: WIDTH });
  doc.moveDown(0.8);
  const first = r.sections.find((s) => s.id === 'cover');
  if (first) for (const b of first.blocks) block(doc, b);
  doc.font('body').fontSize(10).fillColor(PAPER.muted).text(`${r.date} · Tandem`, M.side, A4.height - 90, { width: WIDTH });
}

function contents(doc: Doc, starts: { title: string; page: number }[], t: (k: string) => string): void {
  doc.x = M.side;
  doc.y = M.top;
  heading(doc, t('report.contents'));
  doc.moveDown(0.6);
  for (const s of starts) {
    const y = doc.y;
    doc.font('body').fontSize(12).fillColor(PAPER.text).text(s.title, M.side, y, { width: WIDTH - 60, lineBreak: false });
    doc.text(String(s.page), M.side + WIDTH - 60, y, { width: 60, align: 'right', lineBreak: false });
    doc.moveTo(M.side, y + 19).lineTo(M.side + WIDTH, y + 19).lineWidth(0.4).strokeColor(PAPER.grid).stroke();
    doc.y = y + 28;
  }
}

function heading(doc: Doc, text: string): void {
  doc.font('bold').fontSize(20).fillColor(PAPER.text).text(text, M.side, doc.y, { width: WIDTH });
  doc.moveTo(M.side, doc.y + 4).lineTo(M.side + 48, doc.y + 4).lineWidth(3).strokeColor(ACCENT).stroke();
  doc.y += 14;
}

function section(doc: Doc, s: ReportSection, t: (k: string) => string): void {
  doc.x = M.side;
  doc.y = M.top;
  heading(doc, s.title);
  if (s.note.trim()) {
    const h = doc.font('body').fontSize(10).heightOfString(s.note, { width: WIDTH - 24 }) + 26;
    ensure(doc, h);
    const y = doc.y;
    doc.rect(M.side, y, WIDTH, h).fill('#f3f4fb');
    doc.rect(M.side, y, 3, h).fill(ACCENT);
    doc.font('bold').fontSize(8.5).fillColor(ACCENT).text(t('report.note'), M.side + 14, y + 7, { width: WIDTH - 24 });
    doc.font('body').fontSize(10).fillColor(PAPER.text).text(s.note, M.side + 14, y + 19, { width: WIDTH - 24 });
    doc.y = y + h + 12;
  }
  if (s.empty) {
    const h = doc.font('body').fontSize(11).heightOfString(s.empty, { width: WIDTH - 32 }) + 28;
    const y = doc.y;
    doc.roundedRect(M.side, y, WIDTH, h, 6).lineWidth(0.8).dash(4, { space: 3 }).strokeColor(PAPER.muted).stroke().undash();
    doc.font('body').fontSize(11).fillColor(PAPER.muted).text(s.empty, M.side + 16, y + 14, { width: WIDTH - 32 });
    doc.y = y + h + 12;
    return;
  }
  for (const b of s.blocks) block(doc, b);
}

/** Starts a new page when the next `h` points do not fit on this one. */
function ensure(doc: Doc, h: number): void {
  if (doc.y + h > A4.height - M.bottom) {
    doc.addPage();
    doc.x = M.side;
    doc.y = M.top;
  }
}

function block(doc: Doc, b: ReportBlock): void {
  switch (b.kind) {
    case 'text': {
      doc.font('body').fontSize(10.5).fillColor(PAPER.text);
      ensure(doc, Math.min(120, doc.heightOfString(b.text, { width: WIDTH })));
      doc.text(b.text, M.side, doc.y, { width: WIDTH, lineGap: 2 });
      doc.y += 8;
      return;
    }
    case 'facts': {
      const colW = WIDTH / 3;
      for (let i = 0; i < b.items.length; i += 3) {
        ensure(doc, 44);
        const y = doc.y;
        let rowH = 0;
        b.items.slice(i, i + 3).forEach((f, k) => {
          const x = M.side + k * colW;
          doc.font('body').fontSize(8.5).fillColor(PAPER.muted).text(f.label, x, y, { width: colW - 12 });
          doc.font('bold').fontSize(12).fillColor(PAPER.text).text(f.value, x, doc.y + 1, { width: colW - 12 });
          rowH = Math.max(rowH, doc.y - y);
        });
        doc.y = y + rowH + 10;
      }
      doc.y += 4;
      return;
    }
    case 'table':
      table(doc, b);
      return;
    case 'chart': {
      const h = b.height;
      ensure(doc, h + 24);
      doc.font('bold').fontSize(10.5).fillColor(PAPER.text).text(b.title, M.side, doc.y, { width: WIDTH });
      const y = doc.y + 4;
      SVGtoPDF(doc, chartSvg(b.option, Math.round(WIDTH), Math.round(h)), M.side, y, { width: WIDTH, height: h, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'body') });
      doc.x = M.side;
      doc.y = y + h + 12;
      return;
    }
  }
}

/** Column widths from the longest cell of each column (capped), scaled to the text width. */
function table(doc: Doc, b: Extract<ReportBlock, { kind: 'table' }>): void {
  const size = b.columns.length > 8 ? 7.5 : 8.5;
  doc.font('body').fontSize(size);
  const natural = b.columns.map((c, j) => Math.min(170, Math.max(doc.widthOfString(c) * 0.8, ...b.rows.map((r) => doc.widthOfString(r[j] ?? ''))) + 10));
  const scale = WIDTH / natural.reduce((s, w) => s + w, 0);
  const widths = natural.map((w) => w * scale);
  const row = (cells: string[], bold: boolean, fill: string | null) => {
    doc.font(bold ? 'bold' : 'body').fontSize(size);
    const h = Math.max(...cells.map((c, j) => doc.heightOfString(c, { width: widths[j] - 8 }))) + 8;
    return { h, draw: (y: number) => {
      if (fill) doc.rect(M.side, y, WIDTH, h).fill(fill);
      let x = M.side;
      cells.forEach((c, j) => {
        doc.font(bold ? 'bold' : 'body').fontSize(size).fillColor(bold ? PAPER.muted : PAPER.text).text(c, x + 4, y + 4, { width: widths[j] - 8, align: b.numeric[j] ? 'right' : 'left' });
        x += widths[j];
      });
      doc.moveTo(M.side, y + h).lineTo(M.side + WIDTH, y + h).lineWidth(0.4).strokeColor(PAPER.grid).stroke();
    } };
  };
  const header = row(b.columns, true, '#f3f4f6');
  // Drawing text moves doc.y; each row is placed from where it starts, not from there.
  const place = (r: { h: number; draw: (y: number) => void }) => {
    const y = doc.y;
    r.draw(y);
    doc.y = y + r.h;
  };
  ensure(doc, header.h + 24);
  place(header);
  for (const cells of b.rows) {
    const r = row(cells, false, null);
    if (doc.y + r.h > A4.height - M.bottom) {
      doc.addPage();
      doc.y = M.top;
      place(header);
    }
    place(r);
  }
  doc.x = M.side;
  doc.y += 12;
}

/** A running title short enough for the footer: cut at a separator where there is one. */
function short(title: string, max: number): string {
  const first = title.split(/\s+\/\s+|\n/)[0];
  return [...first].length <= max ? first : `${[...first].slice(0, max - 1).join('')}…`;
}

/**
 * Noto Sans SC draws ’ “ ” as full-width CJK punctuation, which leaves gaps in English
 * ("today’ s"); an English report sets straight quotes instead. Chinese text keeps its own.
 */
function straightQuotes(r: ReportDocument): ReportDocument {
  const fix = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
  return JSON.parse(JSON.stringify(r), (key, v: unknown) => (typeof v === 'string' && key !== 'logo' ? fix(v) : v)) as ReportDocument;
}
