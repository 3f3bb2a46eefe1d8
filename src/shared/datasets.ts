/** One row of each dataset kind as the services hold it (DESIGN §1 step 2). */

export interface AudienceRow {
  userId: string;
  /** Numeric behaviour features: minutes, purchases, spend, active days, recency… */
  features: Record<string, number>;
  /** Categorical attributes: city tier, age band, interests… */
  attributes: Record<string, string>;
  /**
   * The stored form, when the importer already built it: the features' float64 bytes (NaN
   * where missing) and attribute texts (null where missing), both in the dataset's layout order.
   */
  stored?: { features: Uint8Array; texts: (string | null)[] };
}

export interface CatalogRow {
  itemId: string;
  title: string;
  description: string;
  tags: string[];
  category: string;
  price: number | null;
  /** Columns beyond the known fields (e.g. `title_en`). */
  extra: Record<string, string | number>;
}

export interface InteractionRow {
  userId: string;
  itemId: string;
  event: string;
  weight: number;
  ts: string | null;
}

export interface PartnerRow {
  partnerId: string;
  name: string;
  type: string;
  industry: string;
  description: string;
  tags: string[];
  audienceSize: number | null;
  audienceProfile: string;
  reputation: number | null;
  fee: number | null;
  conflictTags: string[];
  extra: Record<string, string | number>;
}

export interface CollaborationRow {
  partnerA: string;
  partnerB: string;
  year: number | null;
  kind: string;
  outcome: string;
}

export interface CampaignPeriodRow {
  period: string;
  outcome: number;
  spend: Record<string, number>;
  controls: Record<string, number | string>;
  campaignId: string | null;
}

export interface ActualsRow {
  date: string;
  kpis: Record<string, number>;
}

/**
 * A lift test (DESIGN §2 `experiments`): the incremental outcome a channel brought over a
 * window, as a holdout or spend-change test measured it, with its standard error.
 */
export interface ExperimentRow {
  name: string;
  channel: string;
  /** First and last day of the test (ISO dates, inclusive). */
  start: string;
  end: string;
  lift: number;
  standardError: number;
}
