import recipeJson from '../../../resources/demo/recipe.json';

/** The demo recipe (resources/demo/recipe.json), typed where the generator reads it. */
export interface Archetype {
  id: string;
  share: number;
  name_zh: string;
  name_en: string;
  listen: [number, number];
  watch: [number, number];
  read: [number, number];
  purchaseRate: number;
  spendPerPurchase: [number, number];
  activeDaysMean: number;
  recencyMean: number;
  finishRate: number;
  cityTier: number[];
  ageBand: number[];
  female: number;
  interests: string[];
  categoryAffinity: Record<string, number>;
}

export interface PartnerType {
  type: string;
  count: number;
  industry: string;
  prefix: string[][];
  suffix: string[][];
  themes: string[];
  audience: [number, number];
  reputation: [number, number];
  feePerThousand: [number, number];
  profile: [string, string, string];
  conflicts: [string, number][];
}

export interface ChannelTruth {
  name: string;
  label_zh: string;
  label_en: string;
  meanSpend: number;
  alwaysOn: number;
  decay: number;
  halfSaturation: number;
  shape: number;
  beta: number;
}

export interface Recipe {
  referenceDate: string;
  counts: { users: number; items: number; interactions: number; partners: number; weeks: number };
  project: Record<string, unknown>;
  features: string[];
  cityTiers: string[];
  ageBands: string[];
  genders: string[];
  archetypes: Archetype[];
  categories: Record<string, [string, string]>;
  topics: { category: string; zh: string; en: string; tags: string[] }[];
  forms: { zh: string; en: string; kind: string }[];
  events: { names: string[]; shares: number[]; weights: number[] };
  partnerTypes: PartnerType[];
  collaborations: {
    edges: number;
    years: [number, number];
    kinds: string[];
    outcomes: string[];
    outcomeShares: number[];
    typeAffinity: Record<string, Record<string, number>>;
  };
  campaigns: {
    firstWeek: string;
    partnerTypes: string[];
    flightWeeks: [number, number];
    gapWeeks: [number, number];
    /** The partner behind each flight: audience and fee drawn as for that type's candidates, an audience fit, and the sign-ups it adds. */
    partner: { fit: [number, number]; liftPerAddressable: number; typeLift: Record<string, number> };
  };
  channels: ChannelTruth[];
  outcome: {
    metric: string;
    base: number;
    trendPerWeek: number;
    seasonality: { period: number; amplitude: number; phase: number }[];
    holidayLift: number;
    priceEffectPer10: number;
    noiseSd: number;
  };
}

export const RECIPE = recipeJson as unknown as Recipe;
