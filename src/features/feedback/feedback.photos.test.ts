/**
 * Photo uploads are checked by content and made safe, with the real sharp and exifr: the images are
 * built here with sharp (no binary fixtures), location metadata is shown present before and gone
 * after, and everything that is not a JPEG, PNG or WebP photo is refused with its catalogue key.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { crc32 } from 'node:zlib'
import exifr from 'exifr'
import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { leafKeys } from '../../platform/i18n/i18n.ts'
import { ValidationError } from '../../platform/http/errors.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './feedback.ts'
import { MAX_PHOTO_PIXELS, MAX_PHOTO_SIDE, PHOTO_ERROR_KEYS, PhotoError, processPhoto, processPhotos, sniffPhotoFormat, THUMB_SIDE } from './feedback.photos.ts'
import type { PhotoProblem } from './feedback.photos.ts'
import { photoMessages } from './feedback.photos.messages.ts'

/** EXIF with a GPS position in Hà Nội (IFD3 is the GPS directory), and a camera that names its owner. */
const GPS_EXIF = {
  IFD0: { Make: 'PhoneMaker', Model: 'Phone X', Artist: 'Nguyen Van Secret' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
}

/** XMP naming the photographer and a place. */
const XMP = [
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">',
  '<dc:creator><rdf:Seq><rdf:li>Xmp Secret Author</rdf:li></rdf:Seq></dc:creator><photoshop:City>Xmp Secret City</photoshop:City>',
  '</rdf:Description></rdf:RDF></x:xmpmeta>',
].join('')

/** Everything exifr can find in a JPEG or PNG, of the kinds that may identify a person or a place. */
async function metadataOf(bytes: Uint8Array): Promise<Record<string, unknown> | undefined> {
  const options = { tiff: true, exif: true, gps: true, interop: true, ifd1: true, xmp: true, iptc: true, icc: true, ihdr: false, jfif: false, mergeOutput: true }
  return (await exifr.parse(Buffer.from(bytes), options)) as Record<string, unknown> | undefined
}

/** The chunk names of a WebP file (RIFF), which exifr does not read. */
function webpChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes)
  assert.equal(buffer.toString('latin1', 8, 12), 'WEBP')
  const names: string[] = []
  for (let at = 12; at + 8 <= buffer.length; ) {
    const size = buffer.readUInt32LE(at + 4)
    names.push(buffer.toString('latin1', at, at + 4))
    at += 8 + size + (size % 2)
  }
  return names
}

/** The GPS position in a WebP's EXIF chunk, read by exifr from the TIFF data sharp extracts. */
async function webpGps(bytes: Uint8Array): Promise<{ latitude: number; longitude: number } | undefined> {
  const exif = (await sharp(bytes).metadata()).exif
  return exif ? await exifr.gps(exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0)) : undefined
}

/** A noisy picture (so that JPEG has real data to lose when cut), as sharp input. */
function noise(width: number, height: number): Sharp {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
}

/** A plain picture of one colour. */
function plain(width: number, height: number, background = '#3a7f5c'): Sharp {
  return sharp({ create: { width, height, channels: 3, background } })
}

/** A JPEG segment: marker, 2-byte length (itself included), payload. */
function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0])
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

/** The JPEG with segments put right after its start-of-image marker. */
function withSegments(jpeg: Buffer, ...segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)])
}

/** A comment segment (COM), which sharp cannot write. */
function comment(text: string): Buffer {
  return segment(0xfe, Buffer.from(text, 'latin1'))
}

/** An IPTC block in a Photoshop APP13 segment, with a by-line (2:80) and a city (2:90). */
function iptc(byline: string, city: string): Buffer {
  const dataset = (tag: number, text: string) => {
    const value = Buffer.from(text, 'latin1')
    const head = Buffer.from([0x1c, 0x02, tag, 0, 0])
    head.writeUInt16BE(value.length, 3)
    return Buffer.concat([head, value])
  }
  let data = Buffer.concat([dataset(80, byline), dataset(90, city)])
  if (data.length % 2 === 1) data = Buffer.concat([data, Buffer.from([0])])
  const size = Buffer.alloc(4)
  size.writeUInt32BE(data.length)
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), size, data])
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]))
}

/** The markers of a JPEG's header segments, up to the start of scan, as hex ("e0" = APP0 …). */
function jpegMarkers(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes)
  const markers: string[] = []
  for (let at = 2; at + 4 <= buffer.length && buffer[at] === 0xff; at += 2 + buffer.readUInt16BE(at + 2)) {
    const marker = buffer[at + 1] ?? 0
    markers.push(marker.toString(16))
    if (marker === 0xda) break
  }
  return markers
}

/** A PNG chunk: length, type, data, CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** The PNG with a text comment chunk (tEXt) right after its header chunk, which sharp cannot write. */
function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const afterHeader = 8 + 8 + 13 + 4
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk('tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1')), png.subarray(afterHeader)])
}

/** The chunk types of a PNG file. */
function pngChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes)
  const types: string[] = []
  for (let at = 8; at + 8 <= buffer.length; at += 12 + buffer.readUInt32BE(at)) types.push(buffer.toString('latin1', at + 4, at + 8))
  return types
}

/** A PNG whose header claims other dimensions (CRC fixed) — the shape of a decompression bomb. */
function withPngDimensions(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png)
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data.
  assert.equal(copy.toString('latin1', 12, 16), 'IHDR')
  copy.writeUInt32BE(width, 16)
  copy.writeUInt32BE(height, 20)
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29)
  return copy
}

/** Asserts that a promise fails with a PhotoError of this problem (and its catalogue key). */
async function refuses(promise: Promise<unknown>, problem: PhotoProblem): Promise<PhotoError> {
  let caught: unknown = null
  await promise.catch((error: unknown) => (caught = error))
  assert.ok(caught instanceof PhotoError, `expected PhotoError(${problem}), got ${String(caught)}`)
  assert.equal(caught.problem, problem)
  assert.equal(caught.fields[caught.field], PHOTO_ERROR_KEYS[problem])
  assert.equal(caught.messageKey, PHOTO_ERROR_KEYS[problem])
  return caught
}

/** The colour of one pixel of an image, as [r, g, b]. */
async function pixel(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0]
}

describe('photo uploads', () => {
  it('removes the GPS position and every other metadata of a JPEG (EXIF, XMP, IPTC, comments)', async () => {
    const made = await noise(640, 480).jpeg().withExif(GPS_EXIF).withXmp(XMP).toBuffer()
    const input = withSegments(made, comment('Comment Secret Note'), iptc('Iptc Secret Byline', 'Iptc Secret City'))
    // Before: exifr finds the position, the owner, XMP and IPTC; the comment is in the bytes.
    const gps = await exifr.gps(input)
    assert.ok(Math.abs(gps.latitude - 21.025) < 1e-6 && Math.abs(gps.longitude - 105.85) < 1e-6)
    const before = await metadataOf(input)
    assert.equal(before?.Artist, 'Nguyen Van Secret')
    assert.equal(before?.City, 'Xmp Secret City')
    assert.match(JSON.stringify(before), /Iptc Secret Byline/)
    assert.ok(input.includes('Comment Secret Note'))
    // APP1 (EXIF, then XMP), APP13 (IPTC) and COM (comment) are there.
    assert.ok(['e1', 'ed', 'fe'].every((marker) => jpegMarkers(input).includes(marker)))

    const photo = await processPhoto(input)
    assert.equal(photo.mime, 'image/jpeg')
    assert.deepEqual([photo.width, photo.height], [640, 480])
    assert.equal(await exifr.gps(Buffer.from(photo.full)), undefined)
    assert.equal(await metadataOf(photo.full), undefined)
    // Left: JFIF (APP0), quantisation and Huffman tables, frame and scan — no APPn beyond APP0, no comment.
    assert.deepEqual(
      jpegMarkers(photo.full).filter((marker) => /^e[1-9a-f]$|^fe$/.test(marker)),
      [],
    )
    assert.deepEqual(webpChunks(photo.thumb), ['VP8 '])
    for (const bytes of [photo.full, photo.thumb]) {
      const meta = await sharp(bytes).metadata()
      assert.deepEqual([meta.exif, meta.xmp, meta.iptc, meta.icc], [undefined, undefined, undefined, undefined])
      assert.doesNotMatch(Buffer.from(bytes).toString('latin1'), /Secret|PhoneMaker|Phone X/)
    }
    assert.equal((await sharp(photo.full).metadata()).format, 'jpeg')
  })

  it('accepts a PNG and keeps it a PNG, without its EXIF position', async () => {
    const made = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
      .png()
      .withExif(GPS_EXIF)
      .toBuffer()
    const input = withPngText(made, 'Comment', 'Png Secret Comment')
    assert.ok((await exifr.gps(input))?.latitude)
    assert.deepEqual(pngChunks(input).filter((type) => type === 'eXIf' || type === 'tEXt'), ['tEXt', 'eXIf'])
    const photo = await processPhoto(input)
    assert.equal(photo.mime, 'image/png')
    const meta = await sharp(photo.full).metadata()
    assert.equal(meta.format, 'png')
    assert.equal(meta.hasAlpha, true)
    assert.deepEqual([meta.width, meta.height, meta.exif], [300, 200, undefined])
    assert.equal(await metadataOf(photo.full), undefined)
    // Only image data (and the pixel density) is left: no text, EXIF, colour profile or time chunk.
    assert.deepEqual([...new Set(pngChunks(photo.full))], ['IHDR', 'pHYs', 'IDAT', 'IEND'])
    assert.doesNotMatch(Buffer.from(photo.full).toString('latin1'), /Secret/)
  })

  it('accepts a WebP and keeps it a WebP, without its EXIF position or XMP', async () => {
    const input = await plain(300, 200).webp().withExif(GPS_EXIF).withXmp(XMP).toBuffer()
    assert.ok(Math.abs((await webpGps(input))!.latitude - 21.025) < 1e-6)
    assert.deepEqual(webpChunks(input).filter((name) => name === 'EXIF' || name === 'XMP '), ['EXIF', 'XMP '])
    const photo = await processPhoto(input)
    assert.equal(photo.mime, 'image/webp')
    const meta = await sharp(photo.full).metadata()
    assert.deepEqual([meta.format, meta.exif, meta.xmp], ['webp', undefined, undefined])
    assert.equal(await webpGps(photo.full), undefined)
    assert.deepEqual(webpChunks(photo.full), ['VP8 '])
    assert.doesNotMatch(Buffer.from(photo.full).toString('latin1'), /Secret/)
  })

  it('refuses a renamed executable, a GIF, an SVG, text and a fake JPEG signature as notAnImage', async () => {
    // The first 64 KiB of the Node.js binary, as a resident might upload "photo.jpg".
    const executable = readFileSync(process.execPath).subarray(0, 64 * 1024)
    await refuses(processPhoto(executable), 'notAnImage')
    const gif = await plain(30, 20).gif().toBuffer()
    assert.equal((await sharp(gif).metadata()).format, 'gif')
    await refuses(processPhoto(gif), 'notAnImage')
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    assert.equal((await sharp(svg).metadata()).format, 'svg')
    await refuses(processPhoto(svg), 'notAnImage')
    await refuses(processPhoto(Buffer.from('just some text, not a picture')), 'notAnImage')
    await refuses(processPhoto(new Uint8Array(0)), 'notAnImage')
    await refuses(processPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)])), 'notAnImage')
    // A PNG that sharp would read, put behind a JPEG signature: the decoder must agree with the signature.
    const png = await plain(20, 20).png().toBuffer()
    await refuses(processPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png])), 'notAnImage')
  })

  it('refuses a truncated JPEG, PNG and WebP as notAnImage', async () => {
    for (const encoded of [await noise(400, 300).jpeg().toBuffer(), await noise(400, 300).png().toBuffer(), await noise(400, 300).webp().toBuffer()]) {
      const cut = encoded.subarray(0, Math.floor(encoded.length * 0.6))
      assert.notEqual(sniffPhotoFormat(cut), null)
      await refuses(processPhoto(cut), 'notAnImage')
    }
  })

  it('refuses a photo over MAX_PHOTO_BYTES as tooLarge', async () => {
    // Noise does not compress: 1500 × 1300 pixels make a PNG of about 5.9 MB.
    const large = await noise(1500, 1300).png({ compressionLevel: 0 }).toBuffer()
    assert.ok(large.length > MAX_PHOTO_BYTES, `fixture is ${large.length} bytes`)
    await refuses(processPhoto(large), 'tooLarge')
  })

  it('refuses a 20000 × 20000 image (a small file declaring a huge picture) and a real 52 MP one as tooManyPixels', async () => {
    const bomb = withPngDimensions(await plain(64, 64).png().toBuffer(), 20_000, 20_000)
    assert.ok(bomb.length < 10_000)
    const declared = await sharp(bomb, { limitInputPixels: false }).metadata()
    assert.deepEqual([declared.width, declared.height], [20_000, 20_000])
    await refuses(processPhoto(bomb), 'tooManyPixels')

    const big = await plain(7200, 7200, '#ffffff').jpeg({ quality: 10 }).toBuffer()
    assert.ok(7200 * 7200 > MAX_PHOTO_PIXELS && big.length < MAX_PHOTO_BYTES)
    await refuses(processPhoto(big), 'tooManyPixels')
  })

  it('turns a photo upright by its EXIF orientation (6: rotate 90° clockwise) and drops the tag', async () => {
    // 300 × 200, red on the left half and blue on the right; orientation 6 shows it rotated clockwise.
    const raw = Buffer.alloc(300 * 200 * 3)
    for (let y = 0; y < 200; y++)
      for (let x = 0; x < 300; x++) raw.set(x < 150 ? [220, 0, 0] : [0, 0, 220], (y * 300 + x) * 3)
    const input = await sharp(raw, { raw: { width: 300, height: 200, channels: 3 } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    const meta = await sharp(input).metadata()
    assert.deepEqual([meta.width, meta.height, meta.orientation], [300, 200, 6])

    const photo = await processPhoto(input)
    assert.deepEqual([photo.width, photo.height], [200, 300])
    const out = await sharp(photo.full).metadata()
    assert.deepEqual([out.width, out.height, out.orientation], [200, 300, undefined])
    // Rotated clockwise, the left (red) half is now on top and the right (blue) half below.
    const [tr, , tb] = await pixel(photo.full, 100, 20)
    const [br, , bb] = await pixel(photo.full, 100, 280)
    assert.ok(tr! > 150 && tb! < 70, `top should be red, got ${tr}/${tb}`)
    assert.ok(bb! > 150 && br! < 70, `bottom should be blue, got ${br}/${bb}`)
    const thumb = await sharp(photo.thumb).metadata()
    assert.deepEqual([thumb.width, thumb.height], [200, 300])
  })

  it('caps the long side at MAX_PHOTO_SIDE and makes a WebP thumbnail that fits THUMB_SIDE', async () => {
    const wide = await processPhoto(await plain(3000, 1000).jpeg().toBuffer())
    assert.deepEqual([wide.width, wide.height], [MAX_PHOTO_SIDE, 853])
    const wideThumb = await sharp(wide.thumb).metadata()
    assert.deepEqual([wideThumb.format, wideThumb.width, wideThumb.height], ['webp', THUMB_SIDE, 107])
    assert.equal(wide.thumbMime, 'image/webp')

    const landscape = await processPhoto(await plain(640, 480).png().toBuffer())
    assert.deepEqual([landscape.width, landscape.height], [640, 480])
    const landscapeThumb = await sharp(landscape.thumb).metadata()
    assert.deepEqual([landscapeThumb.width, landscapeThumb.height], [320, 240])

    const portraitPhoto = await processPhoto(await plain(1200, 1600).webp().toBuffer())
    const portrait = await sharp(portraitPhoto.thumb).metadata()
    assert.deepEqual([portrait.width, portrait.height], [240, 320])
    // Smaller than the box: not enlarged.
    const small = await processPhoto(await plain(100, 80).jpeg().toBuffer())
    const smallThumb = await sharp(small.thumb).metadata()
    assert.deepEqual([small.width, small.height, smallThumb.width, smallThumb.height], [100, 80, 100, 80])
  })

  it('processes a set: at most MAX_PHOTOS, a truncated upload is tooLarge, errors name the field and the photo', async () => {
    const ok = await plain(50, 50).jpeg().toBuffer()
    const two = await processPhotos([{ bytes: ok }, { bytes: await plain(40, 30).png().toBuffer(), truncated: false }])
    assert.deepEqual(
      two.map((p) => p.mime),
      ['image/jpeg', 'image/png'],
    )
    const tooMany = await refuses(processPhotos(Array.from({ length: MAX_PHOTOS + 1 }, () => ({ bytes: ok }))), 'tooMany')
    assert.equal(tooMany.index, null)
    const cut = await refuses(processPhotos([{ bytes: ok }, { bytes: ok.subarray(0, 10), truncated: true }], 'photo'), 'tooLarge')
    assert.deepEqual([cut.field, cut.index, cut.fields], ['photo', 1, { photo: 'feedback.photos.errors.tooLarge' }])
    const bad = await refuses(processPhotos([{ bytes: ok }, { bytes: ok }, { bytes: Buffer.from('MZ not a photo') }]), 'notAnImage')
    assert.equal(bad.index, 2)
  })

  it('errors are 422 validation errors whose keys exist in both languages', () => {
    const error = new PhotoError('tooManyPixels')
    assert.ok(error instanceof ValidationError)
    assert.equal(error.status, 422)
    assert.deepEqual(error.fields, { photos: 'feedback.photos.errors.tooManyPixels' })
    for (const locale of ['vi', 'en'] as const) {
      const keys = new Set(leafKeys(photoMessages[locale]))
      for (const key of Object.values(PHOTO_ERROR_KEYS)) assert.ok(keys.has(key), `${key} missing in ${locale}`)
    }
  })
})
