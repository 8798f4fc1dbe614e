// The Inspector's views, in tab order. Explain (issue 9) and Adversarial (issue 10) replace their ComingView here.
import type { Normalisation } from '../ui/tensor-stats';
import { ComingView } from './coming-view';
import { FeatureMapsView } from './feature-maps-view';
import type { InspectorView } from './view';

export function createViews(onNormalisation: (mode: Normalisation) => void, normalisation: Normalisation): InspectorView[] {
  return [
    new FeatureMapsView(onNormalisation, normalisation),
    new ComingView('explain', 'Explain', 'Explain (saliency and attribution maps for the chosen input) is coming.'),
    new ComingView('adversarial', 'Adversarial', 'Adversarial (perturbations that change the prediction) is coming.'),
  ];
}
