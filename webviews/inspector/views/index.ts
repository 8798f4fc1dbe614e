// The Inspector's views, in tab order: each shares the run, epoch and input pickers.
import type { Normalisation } from '../ui/tensor-stats';
import { AdversarialView } from './adversarial-view';
import { ExplainView } from './explain-view';
import { FeatureMapsView } from './feature-maps-view';
import type { InspectorView } from './view';

export function createViews(onNormalisation: (mode: Normalisation) => void, normalisation: Normalisation): InspectorView[] {
  return [
    new FeatureMapsView(onNormalisation, normalisation),
    new ExplainView(),
    new AdversarialView(),
  ];
}
