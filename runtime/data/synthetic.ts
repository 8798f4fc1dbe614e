// Seeded synthetic tabular sources used in the course: height → weight regression,
// XOR and interleaved spirals classification. All coordinates/targets are float32 rows.
import { DataError } from './errors';
import { gaussian, uniform, type Random } from './random';
import type { RawExamples } from './raw';

export interface SyntheticOptions {
  samples: number;
  /** Standard deviation of the Gaussian noise in the source's units. */
  noise: number;
  random: Random;
}

export const SYNTHETIC_DEFAULTS = {
  'height-weight': { samples: 200, noise: 5 },
  xor: { samples: 400, noise: 0.1 },
  spirals: { samples: 600, noise: 0.05 },
} as const;

/**
 * Adults' height ~ N(170 cm, 10 cm); weight = height − 100 kg (Broca's rule) + N(0, noise kg).
 * Both are standardised by the assembler; Dataset.targetScaling turns predictions back into kg.
 */
export function heightWeight({ samples, noise, random }: SyntheticOptions): RawExamples {
  const features = new Float32Array(samples);
  const values = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const height = 170 + 10 * gaussian(random);
    features[i] = height;
    values[i] = height - 100 + noise * gaussian(random);
  }
  return {
    features,
    sampleShape: [1],
    count: samples,
    standardiseFeatures: { names: ['height'], units: ['cm'] },
    targets: { type: 'values', values, names: ['weight'], units: ['kg'], standardise: true },
  };
}

/** Points uniform in [−1, 1]²; class 1 when exactly one coordinate is positive; noise jitters the points after labelling. */
export function xor({ samples, noise, random }: SyntheticOptions): RawExamples {
  const features = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = uniform(random, -1, 1);
    const y = uniform(random, -1, 1);
    labels[i] = x > 0 !== y > 0 ? 1 : 0;
    features[2 * i] = x + noise * gaussian(random);
    features[2 * i + 1] = y + noise * gaussian(random);
  }
  return {
    features,
    sampleShape: [2],
    count: samples,
    targets: { type: 'classes', labels, classNames: ['0', '1'] },
  };
}

export const MAX_SPIRALS = 5;

/**
 * `classes` arms, each turning 1.5 times from the centre (radius 0 → 1), rotated 2π/classes apart.
 * Examples are spread evenly over the arms (the first arms get one more when it does not divide).
 */
export function spirals({ samples, noise, random }: SyntheticOptions, classes: number): RawExamples {
  if (!Number.isInteger(classes) || classes < 2 || classes > MAX_SPIRALS) {
    throw new DataError(`spirals needs 'classes' between 2 and ${MAX_SPIRALS}, got ${classes}`);
  }
  const features = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const arm = i % classes;
    const perArm = Math.ceil((samples - arm) / classes);
    const radius = (Math.floor(i / classes) + 0.5) / perArm;
    const angle = (2 * Math.PI * arm) / classes + radius * 1.5 * 2 * Math.PI;
    labels[i] = arm;
    features[2 * i] = radius * Math.cos(angle) + noise * gaussian(random);
    features[2 * i + 1] = radius * Math.sin(angle) + noise * gaussian(random);
  }
  return {
    features,
    sampleShape: [2],
    count: samples,
    targets: {
      type: 'classes',
      labels,
      classNames: Array.from({ length: classes }, (_, k) => `spiral ${String.fromCharCode(65 + k)}`),
    },
  };
}
