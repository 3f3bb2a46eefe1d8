import { createRequire } from 'node:module';

/**
 * The PDF's fonts: Noto Sans SC (SIL Open Font License), installed with the app from npm,
 * never fetched at run time. It carries Latin and CJK glyphs, so one family sets both
 * languages; PDFKit embeds only the glyphs a report uses.
 */
const resolveFont = createRequire(import.meta.url).resolve;
export const REPORT_FONTS = {
  regular: resolveFont('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: resolveFont('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};
