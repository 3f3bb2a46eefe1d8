import { z } from 'zod';
import { isoDateSchema, projectIdSchema } from './project';

/** The rights register (DESIGN §1 step 5): licences per partner, expiry alerts, exclusivity clashes. */
export const EXPIRY_ALERT_DAYS = 90;

const text = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

export const licenceInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    partnerId: z.string().min(1, 'validation.required').max(200),
    licensor: text(200),
    asset: text(300),
    /** Places, e.g. 中国大陆, Hong Kong; 全球 / worldwide covers every place. */
    territory: z.array(text(80)).min(1, 'validation.required').max(30),
    /** Uses, e.g. course video, merchandise, posters, social; 全渠道 / all covers every use. */
    channels: z.array(text(80)).min(1, 'validation.required').max(30),
    start: isoDateSchema,
    end: isoDateSchema,
    exclusive: z.boolean(),
    fee: z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(1e12, 'validation.tooLarge'),
    notes: z.string().max(2000, 'validation.tooLong').default(''),
  })
  .strict()
  .refine((l) => l.end >= l.start, { message: 'validation.endBeforeStart', path: ['end'] });
export type LicenceInput = z.input<typeof licenceInputSchema>;

export interface Licence {
  id: number;
  partnerId: string;
  partnerName: string | null;
  licensor: string;
  asset: string;
  territory: string[];
  channels: string[];
  start: string;
  end: string;
  exclusive: boolean;
  fee: number;
  notes: string;
  /** `expired` once the window has ended; `expiring` when it ends within EXPIRY_ALERT_DAYS. */
  alert: 'expired' | 'expiring' | null;
  daysLeft: number;
}

/** Two partners' licences that cannot both hold: at least one exclusive, same places, uses and time. */
export interface ExclusivityClash {
  a: number;
  b: number;
  territory: string[];
  channels: string[];
  from: string;
  to: string;
}

export interface RightsRegister {
  licences: Licence[];
  clashes: ExclusivityClash[];
  today: string;
}

export const licenceSaveSchema = z.object({ projectId: projectIdSchema, licence: licenceInputSchema }).strict();
export const licenceRefSchema = z.object({ projectId: projectIdSchema, id: z.number().int().positive() }).strict();
