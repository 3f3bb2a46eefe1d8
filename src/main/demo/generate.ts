import type {
  AudienceRow,
  CampaignPeriodRow,
  CatalogRow,
  CollaborationRow,
  InteractionRow,
  PartnerRow,
} from '../../shared/datasets';
import { DEFAULT_PROJECT_FIELDS, type ProjectFields } from '../../shared/project';
import { generateAudience } from './audience';
import { type CampaignTruth, generateCampaigns } from './campaigns';
import { generateCatalog } from './catalog';
import { generateInteractions } from './interactions';
import { generateCollaborations, generatePartners } from './partners';
import { Random } from '../core/random';
import { RECIPE, type Recipe } from './recipe';

export const DEFAULT_DEMO_SEED = 20261123;

export interface DemoData {
  seed: number;
  project: ProjectFields;
  audience: AudienceRow[];
  catalog: CatalogRow[];
  interactions: InteractionRow[];
  partners: PartnerRow[];
  collaborations: CollaborationRow[];
  campaigns: CampaignPeriodRow[];
  truth: { campaigns: CampaignTruth; archetypeOf: Uint8Array };
}

export interface GenerateOptions {
  recipe?: Recipe;
  /** Called with 0..1 and a step key; may throw to cancel. */
  onProgress?: (fraction: number, step: string) => void;
}

/**
 * The whole demo project from one seed. Every part draws from its own random stream
 * (seed + part number), so changing one part of the recipe leaves the others as they were.
 */
export function generateDemo(seed: number = DEFAULT_DEMO_SEED, opts: GenerateOptions = {}): DemoData {
  const recipe = opts.recipe ?? RECIPE;
  const progress = opts.onProgress ?? (() => {});
  const stream = (part: number) => new Random((seed * 31 + part) >>> 0);

  progress(0, 'job.demo.audience');
  const { rows: audience, archetypeOf } = generateAudience(stream(1), recipe);
  progress(0.15, 'job.demo.catalog');
  const catalog = generateCatalog(stream(2), recipe);
  progress(0.2, 'job.demo.interactions');
  const interactions = generateInteractions(stream(3), recipe, audience, archetypeOf, catalog, (f) =>
    progress(0.2 + 0.3 * f, 'job.demo.interactions'),
  );
  progress(0.5, 'job.demo.partners');
  const partners = generatePartners(stream(4), recipe);
  const collaborations = generateCollaborations(stream(5), recipe, partners);
  progress(0.55, 'job.demo.campaigns');
  const { rows: campaigns, truth } = generateCampaigns(stream(6), recipe);
  const project = { ...DEFAULT_PROJECT_FIELDS, ...(recipe.project as Partial<ProjectFields>) };
  return {
    seed,
    project,
    audience,
    catalog,
    interactions,
    partners,
    collaborations,
    campaigns,
    truth: { campaigns: truth, archetypeOf },
  };
}
