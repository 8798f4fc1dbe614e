// Image dimensions from the PNG or JPEG header, without decoding: a 1.17 MB PNG of 20000×20000 pixels used to be
// decoded in full (4 GB, 8.4 s) before its size was compared with the model's input (issue 11).

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** Images with more pixels are refused whatever the model wants (about 268 MB of RGBA once decoded). */
export const MAX_IMAGE_PIXELS = 8192 * 8192;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR or a JPEG's SOF marker; undefined when the header is not one of those. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngSize(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  return undefined;
}

function uint16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function uint32(bytes: Uint8Array, at: number): number {
  return uint16(bytes, at) * 65536 + uint16(bytes, at + 2);
}

function pngSize(bytes: Uint8Array): ImageSize | undefined {
  // Signature (8), then the IHDR chunk: length (4), 'IHDR' (4), width (4), height (4), big-endian.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: uint32(bytes, 16), height: uint32(bytes, 20) };
}

/** Start-of-frame markers (baseline, progressive, lossless…); C4, C8 and CC are other segments. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) { at++; continue; } // fill byte
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; } // no length
    if (isStartOfFrame(marker)) return { height: uint16(bytes, at + 5), width: uint16(bytes, at + 7) };
    const length = uint16(bytes, at + 2);
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}
