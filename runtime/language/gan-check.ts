// task: gan — the generator maps z [latent] to an example shaped like `input`, the discriminator maps `input` to one
// probability [1]. Shapes are checked end to end, each problem reported on the layer that causes it.
import { formatShape } from './infer';
import type { ParsedGan } from './parse-gan';
import type { ParsedLayer } from './parse-layers';
import type { Reporter } from './source';
import type { LayerInfo, Shape } from './types';
import type { AnalysedLayers } from './check';

type Analyse = (report: Reporter, input: Shape | undefined, layers: readonly ParsedLayer[]) => AnalysedLayers;

export interface GanCheck {
  readonly generator: AnalysedLayers;
  readonly discriminator: AnalysedLayers;
  /** Generator layers, then discriminator layers (file order within each). */
  readonly layers: LayerInfo[];
  /** The discriminator's output. */
  readonly outputShape: Shape | null;
}

export function checkGanSections(report: Reporter, input: Shape | undefined, gan: ParsedGan, analyse: Analyse): GanCheck {
  const generator = analyse(report, [gan.latent], gan.generator);
  const discriminator = analyse(report, input, gan.discriminator);
  const generated = generator.outputs[generator.outputs.length - 1] ?? null;
  const lastGenerator = gan.generator[gan.generator.length - 1];
  if (generated && input && lastGenerator && !sameShape(generated, input)) {
    report.report('error', 'task-output',
      `gan: the generator's output ${formatShape(generated)} must equal the discriminator's input, which is input ${formatShape(input)}`,
      lastGenerator.typeRange);
  }
  const judged = discriminator.outputs[discriminator.outputs.length - 1] ?? null;
  const lastDiscriminator = gan.discriminator[gan.discriminator.length - 1];
  if (judged && lastDiscriminator && !sameShape(judged, [1])) {
    report.report('error', 'task-output',
      `gan: the discriminator must output [1] (the probability that its input is real; use dense { units: 1, activation: sigmoid }), but it outputs ${formatShape(judged)}`,
      lastDiscriminator.typeRange);
  }
  const generatorIds = new Set(generator.graph.ids);
  for (const [index, id] of discriminator.graph.ids.entries()) {
    const layer = gan.discriminator[index];
    if (generatorIds.has(id) && layer?.userId) { // generated ids may repeat: the two networks are separate models
      report.report('error', 'duplicate-id', `gan: the id '${id}' is used in the generator too; ids must be unique across both networks`, layer.userId.range);
    }
  }
  return { generator, discriminator, layers: [...generator.infos, ...discriminator.infos], outputShape: judged };
}

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
