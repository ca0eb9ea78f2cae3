/**
 * The browser's image decoder for the preparation worker: createImageBitmap (off the worker's thread), then the RGBA
 * pixels read from one reused OffscreenCanvas. A picture much larger than the target is decoded downscaled
 * (resizeWidth, aspect kept) so that its short side is about 4× the target (prepare.ts decodeScale): a 50-megapixel
 * photo never needs a canvas of its size. Its size comes from the file's header (imageHeader.ts), read only for files
 * over SMALL_FILE_BYTES: that read costs about as much as decoding a small PNG (~2 ms of blob I/O each, measured),
 * and a small file is almost always a small picture. A small file that is a large picture after all (a flat colour
 * compresses well), or a header we cannot read, is decoded at full size and shrunk as an ImageBitmap before it
 * reaches the canvas. Browser only: Node tests pass a fake decoder.
 *
 * A JPEG's EXIF orientation is applied (imageOrientation 'from-image', asked for explicitly: it is the default only in
 * recent browsers, and 'flipY' would turn pictures upside down), so a phone's portrait photo, stored sideways with a
 * "turn 90°" tag, is prepared upright. A browser that does not know the value decodes without it. The header gives
 * the stored size, so such a photo is decoded somewhat larger than needed (resizeWidth meets its short side), never
 * smaller or out of proportion.
 */
import { decodeScale, type RgbaImage } from '../engine/data/prepare';
import { HEADER_BYTES, imageDimensions } from '../engine/data/imageHeader';

/** Files up to this size are decoded without reading their header first. */
export const SMALL_FILE_BYTES = 32 * 1024;

const shrunk = (width: number, scale: number): ImageBitmapOptions => ({
  resizeWidth: Math.max(1, Math.round(width * scale)),
  resizeQuality: 'high',
});

export function createBitmapDecoder(): (file: Blob, size: number) => Promise<RgbaImage> {
  let canvas: OffscreenCanvas | null = null;
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  let orientation: ImageBitmapOptions = { imageOrientation: 'from-image' };
  const bitmapOf = async (src: ImageBitmapSource, opts: ImageBitmapOptions): Promise<ImageBitmap> => {
    try {
      return await globalThis.createImageBitmap(src, { ...opts, ...orientation });
    } catch (e) {
      // An unknown enum value is a TypeError (older browsers); a picture that cannot be decoded is not.
      if (!(e instanceof TypeError) || orientation.imageOrientation === undefined) throw e;
      orientation = {};
      return globalThis.createImageBitmap(src, opts);
    }
  };
  return async (file, size) => {
    const dims =
      file.size > SMALL_FILE_BYTES
        ? imageDimensions(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()))
        : null;
    const scale = dims ? decodeScale(dims.width, dims.height, size) : 1;
    let bitmap = await bitmapOf(file, dims && scale < 1 ? shrunk(dims.width, scale) : {});
    const again = decodeScale(bitmap.width, bitmap.height, size);
    if (!dims && again < 1) {
      const full = bitmap;
      bitmap = await bitmapOf(full, shrunk(full.width, again)).finally(() => full.close());
    }
    try {
      const { width, height } = bitmap;
      // Grown, never shrunk: images of a set are mostly one size, and a resize reallocates.
      if (!canvas || !ctx || canvas.width < width || canvas.height < height) {
        canvas = new OffscreenCanvas(
          Math.max(width, canvas?.width ?? 0),
          Math.max(height, canvas?.height ?? 0),
        );
        ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx) throw new Error('no 2D canvas in this worker');
      }
      ctx.clearRect(0, 0, width, height);
      ctx.drawImage(bitmap, 0, 0);
      return { data: ctx.getImageData(0, 0, width, height).data, width, height };
    } finally {
      bitmap.close();
    }
  };
}
