import type { FieldIssue } from '../../../shared/result';
import { useFocus } from '../stores/focus';
import { useRouter } from '../stores/router';
import { useFormat, useSettings, useT } from '../stores/settings';

export type SaveStatus = {
  state: 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'refused';
  at?: string;
  issues?: FieldIssue[];
};

/** The autosave pill of a form: what happened to the last change, in the page's head. */
export function SaveState({ save, testId = 'save-state' }: { save: SaveStatus; testId?: string }) {
  const t = useT();
  const f = useFormat();
  const text = {
    idle: t('save.auto'),
    pending: t('common.unsaved'),
    saving: t('common.saving'),
    saved: save.at ? t('save.savedAt', { time: f.time(save.at) }) : t('common.saved'),
    invalid: t('save.invalid'),
    refused: t('save.refused'),
  }[save.state];
  const tone = save.state === 'saved' ? 'saved' : save.state === 'invalid' || save.state === 'refused' ? 'refused' : '';
  return (
    <span className={`save-state ${tone}`} role="status" data-testid={testId} data-state={save.state}>
      {text}
    </span>
  );
}

/**
 * Why main refused the last save. The "ready to pitch" gate lists its open blocking items
 * by title, each a link to the item on the Risk page.
 */
export function SaveRefusal({ save, fallback, onRevert }: { save: SaveStatus; fallback?: string; onRevert(): void }) {
  const t = useT();
  const lang = useSettings((s) => s.lang);
  const navigate = useRouter((s) => s.navigate);
  const focus = useFocus((s) => s.focusItem);
  const blocking = (save.issues ?? []).filter((i) => i.message === 'project.readyBlockedItem');
  return (
    <div className="savebar error" role="alert" data-testid="save-refusal">
      <div className="grow">
        {blocking.length ? (
          <>
            <p style={{ margin: 0 }}>{t('overview.readyBlocked', { count: blocking.length })}</p>
            <ul className="blocking-list">
              {blocking.map((i) => {
                const p = i.params ?? {};
                const title = String(lang === 'zh-CN' ? p.titleZh : p.title);
                return (
                  <li key={String(p.id)}>
                    <button
                      className="link"
                      onClick={() => {
                        focus(String(p.id));
                        navigate('risk');
                      }}
                    >
                      {title}
                    </button>
                    {p.partner ? <span className="muted"> · {String(p.partner)}</span> : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <span>{fallback ?? t('save.refused')}</span>
        )}
      </div>
      <button className="btn small" onClick={onRevert}>
        {t('common.discard')}
      </button>
    </div>
  );
}
