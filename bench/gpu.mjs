// `npm run bench:gpu`: the same rows as `npm run bench`, in headless Chromium told to use the machine's real GPU
// (Vulkan through ANGLE for WebGL, Dawn on Vulkan for WebGPU) instead of SwiftShader. Kept apart from bench.mjs so
// that the flags and the adapter check can be tested without a browser. Results go to bench/gpu-results.json, never
// over the CPU machine's bench/results.json.
import { CHROMIUM_ARGS } from './build-harness.mjs';

/**
 * Flags for a Linux machine with a GPU and its Vulkan driver (NVIDIA, AMD, Intel). Headless Chromium falls back to
 * SwiftShader without them. `--disable-vulkan-surface` because headless has no window to present to;
 * `--ignore-gpu-blocklist` because server GPUs are often not on the allow list.
 */
export const GPU_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--enable-unsafe-webgpu',
  '--use-angle=vulkan',
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
  '--enable-gpu-rasterization',
];

/** Words in an adapter or renderer name that mean software rendering, not a GPU. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

/**
 * @typedef {{ webgpu: { vendor: string; architecture: string; description: string; fallback: boolean } | null;
 *   webgl: string | null }} GpuSeen
 */

/**
 * Whether what the page saw is a hardware GPU, in words.
 * @param {GpuSeen} seen
 * @returns {{ hardware: boolean; webgpu: string; webgl: string }}
 */
export function judgeGpu(seen) {
  const g = seen.webgpu;
  const gpuName = g ? [g.vendor, g.architecture, g.description].filter(Boolean).join(' ') || 'unnamed' : null;
  const webgpuHw = g !== null && !g.fallback && !SOFTWARE.test(gpuName ?? '');
  const webglHw = seen.webgl !== null && !SOFTWARE.test(seen.webgl);
  return {
    hardware: webgpuHw && webglHw,
    webgpu: g === null ? 'no WebGPU adapter' : `${gpuName}${webgpuHw ? '' : ' (software)'}`,
    webgl: seen.webgl === null ? 'no WebGL' : `${seen.webgl}${webglHw ? '' : ' (software)'}`,
  };
}

/**
 * Asks the page for its WebGPU adapter and WebGL renderer.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<GpuSeen>}
 */
export function seeGpu(page) {
  return page.evaluate(async () => {
    /** @type {GpuSeen['webgpu']} */
    let webgpu = null;
    const gpu = /** @type {any} */ (navigator).gpu;
    if (gpu) {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (adapter) {
        const info = adapter.info ?? {};
        webgpu = {
          vendor: String(info.vendor ?? ''),
          architecture: String(info.architecture ?? ''),
          description: String(info.description ?? ''),
          fallback: Boolean(adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? false),
        };
      }
    }
    let webgl = null;
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      webgl = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    }
    return { webgpu, webgl };
  });
}
