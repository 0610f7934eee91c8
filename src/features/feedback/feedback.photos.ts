/**
 * Photos residents attach to feedback, made safe before anyone else sees them: the feedback
 * feature's limits and field messages around the shared image processing of
 * src/platform/files/images.ts (content sniffing, decompression-bomb guard, re-encoding without
 * any metadata such as the GPS position, long side capped, WebP thumbnail).
 */
import { ImageRejectedError, processImage, sniffImageFormat } from '../../platform/files/images.ts'
import type { ImageFormat } from '../../platform/files/images.ts'
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

/**
 * The accepted format the bytes' signature names, or null (see sniffImageFormat): checked before
 * the decoder sees the bytes.
 */
export function sniffPhotoFormat(bytes: Uint8Array): ImageFormat | null {
  return sniffImageFormat(bytes)
}

/**
 * Checks one photo by its content and makes it safe: upright, re-encoded in its own format without
 * any metadata, long side at most MAX_PHOTO_SIDE, with a WebP thumbnail in a THUMB_SIDE box.
 * Throws PhotoError: tooLarge (over MAX_PHOTO_BYTES), notAnImage (not JPEG/PNG/WebP by content,
 * or damaged), tooManyPixels (over MAX_PHOTO_PIXELS).
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  try {
    return await processImage(bytes, { maxBytes: MAX_PHOTO_BYTES, maxPixels: MAX_PHOTO_PIXELS, maxSide: MAX_PHOTO_SIDE, thumbSide: THUMB_SIDE })
  } catch (error) {
    if (error instanceof ImageRejectedError) throw new PhotoError(error.problem)
    throw error
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
