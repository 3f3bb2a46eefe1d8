import { create } from 'zustand';
import type { JobInfo } from '../../../shared/jobs';
import { call, onEvent } from '../bridge';

interface JobsState {
  jobs: Record<string, JobInfo>;
  startDemo(): Promise<JobInfo>;
  cancel(id: string): Promise<void>;
  load(): Promise<void>;
}

export const useJobs = create<JobsState>((set, get) => ({
  jobs: {},
  async startDemo() {
    const job = await call('jobs.start', { kind: 'demo' });
    set({ jobs: { ...get().jobs, [job.id]: job } });
    return job;
  },
  async cancel(id) {
    await call('jobs.cancel', { id });
  },
  async load() {
    const list = await call('jobs.list', {});
    set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])) });
  },
}));

onEvent('job', (job) => useJobs.setState((s) => ({ jobs: { ...s.jobs, [job.id]: job } })));
