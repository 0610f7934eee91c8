/**
 * Photos residents attach to feedback, made safe before anyone else sees them.
 *
 * The content decides, never the name or the claimed type: the first bytes must be a JPEG, PNG or
 * WebP signature and the decoder must agree; anything else (an executable named photo.jpg, a GIF,
 * an SVG, a damaged or truncated file) is refused. Images of too many pixels are refused from
 * their header, before any decoding (decompression bombs). An accepted photo is turned upright by
 * its EXIF orientation and encoded anew in its own format, which drops every piece of metadata —
 * EXIF with the GPS position, XMP, IPTC, comments, colour profiles (pixels are converted to sRGB)
 * — and its long side is capped; a small WebP thumbnail is made beside it.
 */
import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { ValidationError } from '../../platform/http/errors.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './feedback.ts'
import type { ProcessedPhoto } from './feedback.ts'

/** Most pixels (width × height) of an input photo: a 48-megapixel phone photo passes. */
export const MAX_PHOTO_PIXELS = 50_000_000
/** Longest side of a stored photo, in pixels; larger photos are scaled down. */
export const MAX_PHOTO_SIDE = 2560
/** The box a thumbnail fits in, in pixels (320 × 320, proportions kept). */
export const THUMB_SIDE = 320

/** Why a photo is refused, and the catalogue key of the message for each reason. */
export const PHOTO_ERROR_KEYS = {
  notAnImage: 'feedback.photos.errors.notAnImage',
  tooLarge: 'feedback.photos.errors.tooLarge',
  tooManyPixels: 'feedback.photos.errors.tooManyPixels',
  tooMany: 'feedback.photos.errors.tooMany',
} as const
/** One reason to refuse a photo. */
export type PhotoProblem = keyof typeof PHOTO_ERROR_KEYS

/** A refused photo (422): `fields[field]` and the message carry the reason's catalogue key. */
export class PhotoError extends ValidationError {
  constructor(
    readonly problem: PhotoProblem,
    /** The form or input field of the photos. */
    readonly field = 'photos',
    /** Which photo of the set (from 0), when the problem is with one photo. */
    readonly index: number | null = null,
  ) {
    super({ [field]: PHOTO_ERROR_KEYS[problem] }, PHOTO_ERROR_KEYS[problem])
  }
}

/** The formats accepted, as sharp names them, with their media types. */
const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const
type PhotoFormat = keyof typeof MIME

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Whether bytes start with a signature, byte for byte from `offset`. */
function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)
}

/**
 * The accepted format the bytes' signature names, or null. Checked before sharp sees the bytes,
 * so none of its other decoders (SVG, PDF, TIFF, GIF …) is ever run on a resident's upload.
 */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png'
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  return null
}

/** Encodes in the photo's own format; sharp keeps no metadata unless asked, and nothing here asks. */
function encode(pipeline: Sharp, format: PhotoFormat): Sharp {
  if (format === 'jpeg') return pipeline.jpeg({ quality: 85 })
  if (format === 'png') return pipeline.png()
  return pipeline.webp({ quality: 82 })
}

/** The sharp error of a decode or encode as the resident's problem. */
function asPhotoError(error: unknown): PhotoError {
  const message = error instanceof Error ? error.message : ''
  return new PhotoError(/pixel limit/i.test(message) ? 'tooManyPixels' : 'notAnImage')
}

/**
 * Checks one photo by its content and makes it safe: upright, re-encoded in its own format without
 * any metadata, long side at most MAX_PHOTO_SIDE, with a WebP thumbnail in a THUMB_SIDE box.
 * Throws PhotoError: tooLarge (over MAX_PHOTO_BYTES), notAnImage (not JPEG/PNG/WebP by content,
 * or damaged), tooManyPixels (over MAX_PHOTO_PIXELS).
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoError('tooLarge')
  const format = sniffPhotoFormat(bytes)
  if (format === null) throw new PhotoError('notAnImage')
  // The header alone: the pixel count is checked here, before anything is decoded.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null)
  if (metadata === null || metadata.format !== format || !metadata.width || !metadata.height) throw new PhotoError('notAnImage')
  if (metadata.width * metadata.height > MAX_PHOTO_PIXELS) throw new PhotoError('tooManyPixels')

  // failOn 'error' refuses truncated and corrupt data; the pixel limit stands guard again.
  const open = () => sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).autoOrient()
  try {
    const full = await encode(open().resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true }), format).toBuffer({
      resolveWithObject: true,
    })
    const thumb = await open().resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer()
    return { mime: MIME[format], width: full.info.width, height: full.info.height, full: full.data, thumb, thumbMime: 'image/webp' }
  } catch (error) {
    throw asPhotoError(error)
  }
}

/** An uploaded file as processPhotos needs it (UploadedFile of readMultipart fits). */
export interface PhotoUpload {
  readonly bytes: Uint8Array
  /** Whether the upload was cut at the size limit: the photo is then too large. */
  readonly truncated?: boolean
}

/**
 * Processes the photos of one submission, one after the other (to bound memory): at most
 * MAX_PHOTOS (else PhotoError tooMany), each as processPhoto. A PhotoError names the field and
 * the index of the photo it is about.
 */
export async function processPhotos(uploads: readonly PhotoUpload[], field = 'photos'): Promise<ProcessedPhoto[]> {
  if (uploads.length > MAX_PHOTOS) throw new PhotoError('tooMany', field)
  const photos: ProcessedPhoto[] = []
  for (const [index, upload] of uploads.entries()) {
    if (upload.truncated === true) throw new PhotoError('tooLarge', field, index)
    try {
      photos.push(await processPhoto(upload.bytes))
    } catch (error) {
      if (error instanceof PhotoError) throw new PhotoError(error.problem, field, index)
      throw error
    }
  }
  return photos
}
