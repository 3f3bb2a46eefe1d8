import type { Db } from '../db/connection';
import { requireLiveProject } from '../db/projectsRepo';
import type { OffMain } from '../jobs/protocol';
import {
  PERSONALITY_DIMENSIONS,
  PRODUCT_SUBJECT,
  type PersonalityProfile,
  type PersonalityRatings,
  type PersonalityView,
  personalityFit,
  personalitySaveSchema,
  personalitySurveySchema,
  type SurveyImport,
} from '../../shared/personality';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import type { PartnerNames } from '../partners/partnerService';
import type { SurveySums } from './surveyRead';

interface Row {
  subject: string;
  sincerity: number;
  excitement: number;
  competence: number;
  sophistication: number;
  ruggedness: number;
  respondents: number;
  standard_errors: string | null;
  source: string;
  updated_at: string;
}

const toProfile = (r: Row): PersonalityProfile => ({
  subject: r.subject,
  ratings: Object.fromEntries(PERSONALITY_DIMENSIONS.map((d) => [d, r[d]])) as PersonalityRatings,
  respondents: r.respondents,
  standardErrors: r.standard_errors === null ? null : (JSON.parse(r.standard_errors) as PersonalityRatings),
  source: r.source,
  updatedAt: r.updated_at,
});

/**
 * Brand personality for the Partners page, the ranking and the report: the product's and the
 * partners' ratings (by hand, or a survey's means read off the main process) and each pair's fit.
 */
export class PersonalityService {
  constructor(
    private readonly db: Db,
    private readonly partnerNames: PartnerNames,
    private readonly now: () => Date = () => new Date(),
  ) {}

  view(projectId: number): PersonalityView {
    requireLiveProject(this.db, projectId);
    const rows = (this.db.prepare('SELECT * FROM brand_personality WHERE project_id = ? ORDER BY subject').all(projectId) as Row[]).map(toProfile);
    const product = rows.find((r) => r.subject === PRODUCT_SUBJECT) ?? null;
    const names = this.partnerNames(projectId);
    return {
      product,
      partners: rows
        .filter((r) => r.subject !== PRODUCT_SUBJECT && names.has(r.subject))
        .map((r) => ({ ...r, name: names.get(r.subject)!, fit: product ? personalityFit(product.ratings, r.ratings) : null })),
    };
  }

  /** Each partner's overall fit with the product (partners without ratings are absent), for the ranking. */
  fits(projectId: number): Map<string, number> {
    return new Map(this.view(projectId).partners.filter((p) => p.fit).map((p) => [p.subject, p.fit!.overall]));
  }

  save(input: unknown): PersonalityView {
    const { projectId, subject, ratings } = parseOrRefuse(personalitySaveSchema, input);
    requireLiveProject(this.db, projectId);
    if (subject !== PRODUCT_SUBJECT && !this.partnerNames(projectId).has(subject)) throw new DomainError('not_found', `Project ${projectId} has no partner ${subject}.`);
    this.write(projectId, [{ subject, ratings, respondents: 0, standardErrors: null, source: 'by hand' }]);
    return this.view(projectId);
  }

  /** A survey file read in the reader worker; its subjects' means replace their ratings in one transaction. */
  async importSurvey(input: unknown, offMain: OffMain): Promise<SurveyImport & { view: PersonalityView }> {
    const { projectId, path } = parseOrRefuse(personalitySurveySchema, input);
    requireLiveProject(this.db, projectId);
    const names = this.partnerNames(projectId);
    const title = (this.db.prepare('SELECT product_title FROM projects WHERE id = ?').pluck().get(projectId) as string | null) ?? '';
    const sums = (await offMain('personalitySurvey', { path, partners: [...names].map(([id, name]) => ({ id, name })), productTitle: title })) as SurveySums;
    const subjects = Object.entries(sums.subjects);
    if (!subjects.length) {
      throw new DomainError('invalid_input', `No row of ${path} rates the product or a partner of this project (${sums.rows} rows read, ${sums.rejectedRows} refused${sums.rejected[0] ? `; line ${sums.rejected[0].row}: ${sums.rejected[0].column} "${sums.rejected[0].value}" ${sums.rejected[0].reason}` : ''}).`);
    }
    const file = path.split(/[\\/]/).pop() ?? path;
    this.write(
      projectId,
      subjects.map(([subject, s]) => {
        const mean = s.sum.map((x) => x / s.n);
        const se = s.sumSq.map((q, i) => (s.n > 1 ? Math.sqrt(Math.max(0, (q - s.n * mean[i] ** 2) / (s.n - 1)) / s.n) : 0));
        const pick = (xs: number[]) => Object.fromEntries(PERSONALITY_DIMENSIONS.map((d, i) => [d, Math.round(xs[i] * 1000) / 1000])) as PersonalityRatings;
        return { subject, ratings: pick(mean), respondents: s.n, standardErrors: pick(se), source: file };
      }),
    );
    return {
      respondents: subjects.reduce((t, [, s]) => t + s.n, 0),
      subjects: subjects.map(([subject, s]) => ({ subject, name: subject === PRODUCT_SUBJECT ? title || subject : (names.get(subject) ?? subject), respondents: s.n })),
      rejected: sums.rejected,
      view: this.view(projectId),
    };
  }

  private write(projectId: number, profiles: Omit<PersonalityProfile, 'updatedAt'>[]): void {
    const at = this.now().toISOString();
    const stmt = this.db.prepare(
      `INSERT INTO brand_personality (project_id, subject, sincerity, excitement, competence, sophistication, ruggedness, respondents, standard_errors, source, updated_at)
       VALUES (@projectId, @subject, @sincerity, @excitement, @competence, @sophistication, @ruggedness, @respondents, @standardErrors, @source, @at)
       ON CONFLICT(project_id, subject) DO UPDATE SET sincerity = excluded.sincerity, excitement = excluded.excitement, competence = excluded.competence,
         sophistication = excluded.sophistication, ruggedness = excluded.ruggedness, respondents = excluded.respondents, standard_errors = excluded.standard_errors,
         source = excluded.source, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const p of profiles) stmt.run({ projectId, subject: p.subject, ...p.ratings, respondents: p.respondents, standardErrors: p.standardErrors ? JSON.stringify(p.standardErrors) : null, source: p.source, at });
    })();
  }

}
