import type { CampaignModel, PartnerPrediction } from '../../../../shared/campaignModel';

/** The model's predictions keyed by partner, or undefined when there is no model (the ranking then hides the column). */
export function forecastsById(model: CampaignModel | null): Record<string, PartnerPrediction> | undefined {
  return model ? Object.fromEntries(model.predictions.map((p) => [p.partnerId, p])) : undefined;
}
