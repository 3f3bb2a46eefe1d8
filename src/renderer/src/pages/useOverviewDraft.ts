import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Project } from '../../../shared/project';
import type { FieldIssue } from '../../../shared/result';
import type { SaveStatus } from '../components/SaveState';
import { useProject } from '../stores/project';
import { type Draft, differs, draftOf, fieldsOf } from './overviewDraft';

/** Unsaved drafts by project, kept for the session: leaving the page never loses what was typed. */
const kept = new Map<number, Draft>();

const DELAY_MS = 400;

/**
 * The overview's draft, saved 400 ms after the last change that leaves it valid (as the
 * wizard and the report settings are), at once on Ctrl/Cmd+S and when the page is left.
 * A draft that cannot be saved yet (a field is wrong) or that main refused stays here and
 * comes back on the next visit with its messages.
 */
export function useOverviewDraft(project: Project, num: (n: number) => string) {
  const store = useProject((s) => s.save);
  const [draft, setDraft] = useState<Draft>(() => kept.get(project.id) ?? draftOf(project, num));
  const [save, setSave] = useState<SaveStatus>({ state: 'idle' });
  const { fields, issues } = useMemo(() => fieldsOf(draft), [draft]);
  const latest = useRef({ draft, project });
  latest.current = { draft, project };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { draft: d, project: p } = latest.current;
    const next = fieldsOf(d).fields;
    if (!next || !differs(d, p)) return;
    if (mounted.current) setSave({ state: 'saving' });
    const refused: FieldIssue[] | null = await store(next);
    if (refused) {
      if (mounted.current) setSave({ state: 'refused', issues: refused });
      return;
    }
    kept.delete(p.id);
    if (mounted.current) setSave({ state: 'saved', at: new Date().toISOString() });
  }, [store]);

  const draftKey = JSON.stringify(draft);
  useEffect(() => {
    if (!differs(draft, project)) {
      kept.delete(project.id);
      setSave((s) => (s.state === 'saved' || s.state === 'idle' ? s : { state: 'idle' }));
      return;
    }
    kept.set(project.id, draft);
    if (!fields) return setSave({ state: 'invalid' });
    setSave({ state: 'pending' });
    timer.current = setTimeout(() => void flush(), DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [draftKey]);

  // Another page (the wizard's budget, a status change) updated the project: a clean
  // draft follows it; one with changes of its own keeps them.
  const previous = useRef(project);
  useEffect(() => {
    const before = previous.current;
    previous.current = project;
    setDraft((d) => (differs(d, project) && !differs(d, before) ? draftOf(project, num) : d));
  }, [project.updatedAt]);

  // Leaving the page saves what is valid; what is not stays in `kept`.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void flush();
    };
  }, [flush]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flush]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const revert = () => {
    kept.delete(project.id);
    setDraft(draftOf(project, num));
    setSave({ state: 'idle' });
  };
  return { draft, set, save, fields, issues, revert };
}
