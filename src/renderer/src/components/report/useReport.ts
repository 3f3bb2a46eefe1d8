import { useEffect, useRef, useState } from 'react';
import type { ReportDocument, ReportSettings } from '../../../../shared/report';
import { call, callResult, refusalText } from '../../bridge';
import { useT } from '../../stores/settings';

/**
 * The report page's state: the settings the strategist edits (saved 400 ms after the last
 * change; a refused save keeps the draft and says why), the logo, and the document built
 * from them, rebuilt after each save.
 */
export function useReport(projectId: number) {
  const t = useT();
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const [logo, setLogo] = useState<string | null>(null);
  const [doc, setDoc] = useState<ReportDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = (lang: ReportSettings['lang']) => call('report.document', { projectId, lang }).then(setDoc);
  useEffect(() => {
    void call('report.get', { projectId }).then((v) => {
      setSettings(v.settings);
      setLogo(v.logo);
      void refresh(v.settings.lang);
    });
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [projectId]);
  const change = (next: ReportSettings) => {
    setSettings(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const r = await callResult('report.save', { projectId, settings: next });
      if (!r.ok) return setError(r.error.issues?.length ? r.error.issues.map((i) => `${i.path}: ${t(i.message, i.params)}`).join(' ') : r.error.message);
      setError(null);
      await refresh(next.lang);
    }, 400);
  };
  const pickLogo = async () => {
    const picked = await call('dialogs.open', { purpose: 'logo' });
    if (!picked.path) return;
    const r = await callResult('report.setLogo', { projectId, path: picked.path });
    if (!r.ok) return setError(refusalText(r.error, t));
    setError(null);
    setLogo(r.value.logo);
    if (settings) await refresh(settings.lang);
  };
  const clearLogo = async () => {
    setLogo((await call('report.clearLogo', { projectId })).logo);
    if (settings) await refresh(settings.lang);
  };
  return { settings, logo, doc, error, change, pickLogo, clearLogo };
}
