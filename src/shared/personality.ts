import { z } from 'zod';
import { projectIdSchema } from './project';

/**
 * Brand personality (Aaker 1997): five dimensions, each rated 1–5, for the product and for each
 * partner, and the fit of a pair computed per dimension as van der Lans, Van den Bergh &
 * Dieleman (Marketing Science 33(4), 2014) found brand-alliance fit to work: it rises with
 * similarity on sophistication and ruggedness, and is best with a moderate difference on
 * sincerity and competence (partners that complement rather than mirror each other).
 * Excitement was not a driver there: it is shown, and left out of the overall fit.
 */
export const PERSONALITY_DIMENSIONS = ['sincerity', 'excitement', 'competence', 'sophistication', 'ruggedness'] as const;
export type PersonalityDimension = (typeof PERSONALITY_DIMENSIONS)[number];
export type PersonalityRatings = Record<PersonalityDimension, number>;

export type FitRule = 'similar' | 'moderateDifference' | 'notADriver';
export const FIT_RULE: Record<PersonalityDimension, FitRule> = {
  sincerity: 'moderateDifference',
  excitement: 'notADriver',
  competence: 'moderateDifference',
  sophistication: 'similar',
  ruggedness: 'similar',
};

/** The difference (on the 1–5 scale) a moderate-difference dimension fits best at. */
export const MODERATE_DIFFERENCE = 1;

/**
 * One dimension's fit, 0–1, from the two ratings. Similar: 1 − |d| / 4 (the scale's widest gap
 * is 4). Moderate difference: an inverted U in |d| peaking at 1 — 0.75 for identical ratings,
 * 1 one point apart, 0 at the widest gap.
 */
export function dimensionFit(rule: FitRule, product: number, partner: number): number {
  const d = Math.abs(product - partner);
  if (rule === 'moderateDifference') {
    const span = d < MODERATE_DIFFERENCE ? 2 * MODERATE_DIFFERENCE : 4 - MODERATE_DIFFERENCE;
    return Math.max(0, 1 - ((d - MODERATE_DIFFERENCE) / span) ** 2);
  }
  return Math.max(0, 1 - d / 4);
}

export interface PersonalityFit {
  perDimension: Record<PersonalityDimension, number>;
  /** The mean of the four drivers' fits (excitement left out). */
  overall: number;
}

export function personalityFit(product: PersonalityRatings, partner: PersonalityRatings): PersonalityFit {
  const perDimension = Object.fromEntries(PERSONALITY_DIMENSIONS.map((d) => [d, Math.round(dimensionFit(FIT_RULE[d], product[d], partner[d]) * 1000) / 1000])) as Record<PersonalityDimension, number>;
  const drivers = PERSONALITY_DIMENSIONS.filter((d) => FIT_RULE[d] !== 'notADriver');
  return { perDimension, overall: Math.round((drivers.reduce((s, d) => s + perDimension[d], 0) / drivers.length) * 1000) / 1000 };
}

const rating = z.number({ error: 'validation.number' }).finite('validation.number').min(1, 'personality.problem.range').max(5, 'personality.problem.range');
export const ratingsSchema = z.object({ sincerity: rating, excitement: rating, competence: rating, sophistication: rating, ruggedness: rating }).strict();

/** `product`, or a partner's id. */
export const PRODUCT_SUBJECT = 'product';

export interface PersonalityProfile {
  subject: string;
  ratings: PersonalityRatings;
  /** Respondents behind the means (0: rated by hand). */
  respondents: number;
  /** Each dimension's standard error of the mean, when rated from a survey. */
  standardErrors: PersonalityRatings | null;
  source: string;
  updatedAt: string;
}

export interface PersonalityView {
  product: PersonalityProfile | null;
  partners: (PersonalityProfile & { name: string; fit: PersonalityFit | null })[];
}

export const personalitySaveSchema = z
  .object({ projectId: projectIdSchema, subject: z.string().min(1).max(200), ratings: ratingsSchema })
  .strict();

export const personalitySurveySchema = z.object({ projectId: projectIdSchema, path: z.string().min(1).max(4096) }).strict();

/** What a survey import read: per subject its means; the rows it could not use, located. */
export interface SurveyImport {
  respondents: number;
  subjects: { subject: string; name: string; respondents: number }[];
  rejected: { row: number; column: string; value: string; reason: string }[];
}
