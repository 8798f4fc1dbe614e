// The `shapes` source: one circle, square or triangle per image on a plain background, with noise.
// Segmentation targets are binary masks [h, w, 1]; for classification the target is the shape kind.
import { DataError } from './errors';
import type { ImageDims } from './imageShape';
import { gaussian, uniform, type Random } from './random';
import type { RawExamples } from './raw';

export const SHAPE_KINDS = ['circle', 'square', 'triangle'] as const;
export const SHAPES_DEFAULTS = { samples: 500, noise: 0.05 } as const;
const MIN_SIDE = 8;

type ShapeKind = (typeof SHAPE_KINDS)[number];

interface Placed {
  kind: ShapeKind;
  centreX: number;
  centreY: number;
  radius: number;
}

export function shapes(
  dims: ImageDims,
  options: { samples: number; noise: number; random: Random; forSegmentation: boolean },
): RawExamples {
  const { height, width, channels } = dims;
  if (height < MIN_SIDE || width < MIN_SIDE) {
    throw new DataError(`shapes needs images of at least ${MIN_SIDE}×${MIN_SIDE} pixels; the model's input is ${height}×${width}.`);
  }
  const { samples, noise, random } = options;
  const pixels = height * width;
  const features = new Float32Array(samples * pixels * channels); // [n, h, w, c]
  const masks = new Float32Array(samples * pixels); // [n, h, w, 1]
  const kinds = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const kind = i % SHAPE_KINDS.length; // balanced kinds; the split shuffles
    kinds[i] = kind;
    const radius = uniform(random, 0.18, 0.4) * Math.min(height, width);
    const shape: Placed = {
      kind: SHAPE_KINDS[kind] ?? 'circle',
      radius,
      centreX: uniform(random, radius, width - radius),
      centreY: uniform(random, radius, height - radius),
    };
    // Background dark, shape bright in every channel, so grey and colour versions have the same contrast.
    const background = Array.from({ length: channels }, () => uniform(random, 0, 0.35));
    const foreground = Array.from({ length: channels }, () => uniform(random, 0.6, 1));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const pixel = y * width + x;
        const inside = contains(shape, x + 0.5, y + 0.5);
        masks[i * pixels + pixel] = inside ? 1 : 0;
        for (let c = 0; c < channels; c++) {
          const base = (inside ? foreground[c] : background[c]) ?? 0;
          const value = base + noise * gaussian(random);
          features[(i * pixels + pixel) * channels + c] = Math.min(1, Math.max(0, value));
        }
      }
    }
  }
  return {
    features,
    sampleShape: [height, width, channels],
    count: samples,
    strata: kinds,
    targets: options.forSegmentation
      ? { type: 'masks', masks, maskShape: [height, width, 1], classNames: ['background', 'shape'] }
      : { type: 'classes', labels: kinds, classNames: [...SHAPE_KINDS] },
  };
}

function contains(shape: Placed, x: number, y: number): boolean {
  const dx = x - shape.centreX;
  const dy = y - shape.centreY;
  const r = shape.radius;
  switch (shape.kind) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.abs(dx) <= 0.85 * r && Math.abs(dy) <= 0.85 * r;
    case 'triangle': {
      // Upward triangle inscribed in the circle: apex (0, −r), base corners (±r·√3/2, r/2).
      const halfBase = (r * Math.sqrt(3)) / 2;
      return dy >= -r && dy <= r / 2 && Math.abs(dx) <= (halfBase * (dy + r)) / (1.5 * r);
    }
    default: {
      const unreachable: never = shape.kind;
      return unreachable;
    }
  }
}
