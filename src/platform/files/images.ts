/**
 * Uploaded images made safe before anyone else sees them, for every feature that takes pictures
 * (residents' feedback photos, news images).
 *
 * The content decides, never the name or the claimed type: the first bytes must be a JPEG, PNG or
 * WebP signature and the decoder must agree; anything else (an executable named photo.jpg, a GIF,
 * an SVG, a damaged or truncated file) is refused. Images of too many pixels are refused from
 * their header, before any decoding (decompression bombs). An accepted image is turned upright by
 * its EXIF orientation and encoded anew in its own format, which drops every piece of metadata —
 * EXIF with the GPS position, XMP, IPTC, comments, colour profiles (pixels are converted to sRGB)
 * — and its long side is capped; a small WebP thumbnail is made beside it.
 */
import sharp from 'sharp'
import type { Sharp } from 'sharp'

/** The formats accepted, as sharp names them, with their media types. */
export const IMAGE_MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const
/** One accepted format. */
export type ImageFormat = keyof typeof IMAGE_MIME

/** Why an image is refused. */
export type ImageProblem = 'notAnImage' | 'tooLarge' | 'tooManyPixels'

/** A refused image; features turn the problem into their own field message. */
export class ImageRejectedError extends Error {
  constructor(readonly problem: ImageProblem) {
    super(`image refused: ${problem}`)
    this.name = 'ImageRejectedError'
  }
}

/** What a feature accepts and how it stores what it accepts. */
export interface ImageLimits {
  /** Most bytes of the uploaded file. */
  readonly maxBytes: number
  /** Most pixels (width × height) of the uploaded picture. */
  readonly maxPixels: number
  /** Longest side of the stored image; larger images are scaled down. */
  readonly maxSide: number
  /** The square box the thumbnail fits in (proportions kept). */
  readonly thumbSide: number
}

/** An image made safe: the full image in its own format and a WebP thumbnail. */
export interface ProcessedImage {
  readonly mime: (typeof IMAGE_MIME)[ImageFormat]
  readonly width: number
  readonly height: number
  readonly full: Uint8Array
  readonly thumb: Uint8Array
  readonly thumbMime: string
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Whether bytes start with a signature, byte for byte from `offset`. */
function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)
}

/**
 * The accepted format the bytes' signature names, or null. Checked before sharp sees the bytes,
 * so none of its other decoders (SVG, PDF, TIFF, GIF …) is ever run on an upload.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png'
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  return null
}

/** Encodes in the image's own format; sharp keeps no metadata unless asked, and nothing here asks. */
function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  if (format === 'jpeg') return pipeline.jpeg({ quality: 85 })
  if (format === 'png') return pipeline.png()
  return pipeline.webp({ quality: 82 })
}

/**
 * Checks one image by its content and makes it safe: upright, re-encoded in its own format without
 * any metadata, long side at most limits.maxSide, with a WebP thumbnail in a limits.thumbSide box.
 * Throws ImageRejectedError: tooLarge (over maxBytes), notAnImage (not JPEG/PNG/WebP by content,
 * or damaged), tooManyPixels (over maxPixels).
 */
export async function processImage(bytes: Uint8Array, limits: ImageLimits): Promise<ProcessedImage> {
  if (bytes.length > limits.maxBytes) throw new ImageRejectedError('tooLarge')
  const format = sniffImageFormat(bytes)
  if (format === null) throw new ImageRejectedError('notAnImage')
  // The header alone: the pixel count is checked here, before anything is decoded.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null)
  if (metadata === null || metadata.format !== format || !metadata.width || !metadata.height) throw new ImageRejectedError('notAnImage')
  if (metadata.width * metadata.height > limits.maxPixels) throw new ImageRejectedError('tooManyPixels')

  // failOn 'error' refuses truncated and corrupt data; the pixel limit stands guard again.
  const open = () => sharp(bytes, { failOn: 'error', limitInputPixels: limits.maxPixels }).autoOrient()
  try {
    const full = await encode(open().resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true }), format).toBuffer({
      resolveWithObject: true,
    })
    const thumb = await open().resize({ width: limits.thumbSide, height: limits.thumbSide, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer()
    return { mime: IMAGE_MIME[format], width: full.info.width, height: full.info.height, full: full.data, thumb, thumbMime: 'image/webp' }
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    throw new ImageRejectedError(/pixel limit/i.test(message) ? 'tooManyPixels' : 'notAnImage')
  }
}
