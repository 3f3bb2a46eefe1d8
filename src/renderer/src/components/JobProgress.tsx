import { useJobs } from '../stores/jobs';
import { useT } from '../stores/settings';

/** The running job's step, a progress bar and a cancel button, in the status bar. */
export function JobProgress() {
  const t = useT();
  const jobs = useJobs((s) => s.jobs);
  const cancel = useJobs((s) => s.cancel);
  const running = Object.values(jobs)
    .filter((j) => j.state === 'running')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const job = running[0];
  if (!job) return null;
  const pct = Math.round(job.progress * 100);
  return (
    <div className="job" data-testid="job-progress">
      <span>{t(job.step)}</span>
      <progress max={100} value={pct} aria-label={t(`job.${job.kind}.title`)} />
      <span>{pct}%</span>
      <button className="btn small" onClick={() => void cancel(job.id)}>
        {t('job.cancel')}
      </button>
    </div>
  );
}
