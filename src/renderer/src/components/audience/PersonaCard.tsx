import { useState } from 'react';
import type { SegmentPersona } from '../../../../shared/segments';
import { useFormat, useSettings, useT } from '../../stores/settings';

/** One segment as a persona: its (editable) name, size and share, what sets it apart, its attribute mix. */
export function PersonaCard({ segment, name, color, onRename }: { segment: SegmentPersona; name: string; color: string; onRename(name: string): void }) {
  const t = useT();
  const f = useFormat();
  const lang = useSettings((s) => s.lang);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const attrs = Object.entries(segment.attributes).filter(([, values]) => values.length > 0).slice(0, 3);
  return (
    <article className="persona" style={{ borderTopColor: color }} data-testid="persona">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) onRename(draft.trim());
            setEditing(false);
          }}
        >
          <input className="input" value={draft} maxLength={80} autoFocus onChange={(e) => setDraft(e.target.value)} onBlur={() => setEditing(false)} aria-label={t('audience.rename')} />
        </form>
      ) : (
        <h3 title={t('audience.rename')} onDoubleClick={() => setEditing(true)}>
          <span className="dot" style={{ background: color }} />
          {name}
          <button className="btn ghost small" onClick={() => { setDraft(name); setEditing(true); }} aria-label={t('audience.rename')}>
            ✎
          </button>
        </h3>
      )}
      <div className="persona-size">
        <b>{f.number(Math.round(segment.share * 1000) / 10)}%</b> · {t('audience.users', { count: segment.size, n: f.number(segment.size) })}
      </div>
      <ul className="traits">
        {segment.distinguishing.length ? (
          segment.distinguishing.map((d) => (
            <li key={d.feature} className={d.direction}>
              {lang === 'zh-CN' ? d.zh : d.en}
            </li>
          ))
        ) : (
          <li>{t('persona.typical')}</li>
        )}
      </ul>
      {attrs.map(([attr, values]) => (
        <div className="mix" key={attr}>
          <span className="muted">{attr}</span>{' '}
          {values.slice(0, 3).map((v) => `${v.value} ${Math.round(v.share * 100)}%`).join(' · ')}
        </div>
      ))}
    </article>
  );
}
