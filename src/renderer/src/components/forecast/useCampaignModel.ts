import { useEffect, useState } from 'react';
import type { CampaignModel } from '../../../../shared/campaignModel';
import { callResult, refusalText } from '../../bridge';
import { useT } from '../../stores/settings';

/**
 * The campaign-level model for a project with predictions for the given partners (default:
 * the shortlist), refetched when the key (the shortlist, the partners shown) changes. The
 * error is already in the UI's language.
 */
export function useCampaignModel(projectId: number, key: string, partners?: string[]): { model: CampaignModel | null; error: string | null } {
  const t = useT();
  const [state, setState] = useState<{ model: CampaignModel | null; error: string | null }>({ model: null, error: null });
  useEffect(() => {
    let live = true;
    void callResult('forecast.campaign', { projectId, ...(partners ? { partners } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) setState({ model: r.value, error: null });
      else setState({ model: null, error: refusalText(r.error, t) });
    });
    return () => {
      live = false;
    };
  }, [projectId, key]);
  return state;
}
