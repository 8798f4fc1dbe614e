// The Inspector's views, in tab order. Explain (issue 9) and Adversarial (issue 10) replace their ComingView here.
import type { Normalisation } from '../ui/tensor-stats';
import { AdversarialView } from './adversarial-view';
import { ComingView } from './coming-view';
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
