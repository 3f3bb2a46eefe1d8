import { z } from 'zod';
import { projectIdSchema } from './project';

/** Segmentation runs as they cross the contract (DESIGN §1 step 3). */
export const ENGINE_NAMES = ['wasm', 'onnx', 'tfjs', 'js'] as const;
export type EngineChoice = (typeof ENGINE_NAMES)[number];

const int = (min: number, max: number) => z.number().int('validation.integer').min(min, 'validation.tooSmall').max(max, 'validation.tooLarge');

export const segmentSettingsSchema = z
  .object({
    /** Numeric audience features to cluster on (all of them when left out). */
    features: z.array(z.string().min(1).max(200)).max(200).optional(),
    k: int(1, 50).optional(),
    kMin: int(2, 50).optional(),
    kMax: int(2, 50).optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
    restarts: int(1, 50).optional(),
    maxIter: int(1, 1000).optional(),
    engine: z.enum(ENGINE_NAMES).optional(),
  })
  .strict()
  .refine((s) => s.kMin === undefined || s.kMax === undefined || s.kMin <= s.kMax, { message: 'validation.range', path: ['kMax'] });
export type SegmentSettingsInput = z.infer<typeof segmentSettingsSchema>;

export const segmentStartSchema = z
  .object({ kind: z.literal('segment'), projectId: projectIdSchema, settings: segmentSettingsSchema, assignmentsPath: z.string().min(1).max(4096).optional() })
  .strict();

export interface SegmentFeatureUse {
  name: string;
  log1p: boolean;
  missing: number;
}

export interface SegmentPersona {
  id: number;
  /** The strategist's name, else the proposed one in the UI's language. */
  name: string;
  nameEn: string;
  nameZh: string;
  size: number;
  share: number;
  /** Mean of each feature in the segment, in the data's own units. */
  means: Record<string, number>;
  /** The segment's centre in robust units (IQRs from the audience median), for the radar. */
  profile: Record<string, number>;
  distinguishing: { feature: string; direction: 'high' | 'low'; z: number; en: string; zh: string }[];
  /** Per attribute, its most common values in the segment with their shares. */
  attributes: Record<string, { value: string; share: number }[]>;
}

export interface SegmentRunSummary {
  id: number;
  projectId: number;
  createdAt: string;
  name: string;
  chosen: boolean;
  engine: string;
  k: number;
  users: number;
  silhouette: number;
  inertia: number;
  iterations: number;
  /** Lloyd's k-means, or mini-batch above two million users. */
  algorithm: 'lloyd' | 'minibatch';
  ms: number;
}

export interface SegmentRun extends SegmentRunSummary {
  settings: SegmentSettingsInput & { features: string[] };
  features: SegmentFeatureUse[];
  dropped: { name: string; reason: string }[];
  /** Per k tried: silhouette, stability (prediction strength, 0–1) and the smallest segment's share (older runs: silhouette only). */
  silhouetteByK: { k: number; silhouette: number; stability?: number; smallest?: number }[];
  /** How k was chosen (older runs: absent, by silhouette). */
  kRule?: 'fixed' | 'stable' | 'mostStable';
  segments: SegmentPersona[];
  /** The backend that ran (e.g. onnxruntime cpu, tfjs wasm+simd). */
  backend: string;
  /** A sample of up to 20,000 users on the first two principal components, with their segments. */
  map: { x: number[]; y: number[]; segment: number[]; explained: number[] };
}

/** A segment's name in a language: the strategist's own name when they renamed it, else the proposed one. */
export function segmentLabel(s: { name: string; nameEn: string; nameZh: string }, lang: 'en' | 'zh-CN'): string {
  return s.name && s.name !== s.nameEn ? s.name : lang === 'zh-CN' ? s.nameZh : s.nameEn;
}

/** The k range tried unless the strategist sets one (main's kChoice.ts explains why). */
export const USEFUL_K_RANGE: [number, number] = [3, 8];
