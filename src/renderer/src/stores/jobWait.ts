import type { JobInfo } from '../../../shared/jobs';
import { useJobs } from './jobs';

/** Resolves when a job ends (done, failed or cancelled), from the pushed job events. */
export function waitForJob(id: string): Promise<JobInfo> {
  return new Promise((resolve) => {
    const check = (jobs: Record<string, JobInfo>) => {
      const job = jobs[id];
      if (job && job.state !== 'running') {
        stop();
        resolve(job);
        return true;
      }
      return false;
    };
    const stop = useJobs.subscribe((s) => check(s.jobs));
    check(useJobs.getState().jobs);
  });
}
