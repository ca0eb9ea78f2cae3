import { describe, expect, it } from 'vitest';
import { GPU_CHROMIUM_ARGS, judgeGpu } from './gpu.mjs';

describe('bench:gpu', () => {
  it('asks Chromium for Vulkan and WebGPU, headless', () => {
    expect(GPU_CHROMIUM_ARGS).toContain('--headless=new');
    expect(GPU_CHROMIUM_ARGS).toContain('--enable-unsafe-webgpu');
    expect(GPU_CHROMIUM_ARGS).toContain('--use-angle=vulkan');
    expect(GPU_CHROMIUM_ARGS.some((a) => a.startsWith('--enable-features=') && a.includes('Vulkan'))).toBe(
      true,
    );
    expect(GPU_CHROMIUM_ARGS).not.toContain('--disable-gpu');
  });

  it('tells SwiftShader from a GPU', () => {
    const soft = judgeGpu({
      webgpu: { vendor: 'google', architecture: 'swiftshader', description: '', fallback: true },
      webgl: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    });
    expect(soft.hardware).toBe(false);
    expect(soft.webgpu).toContain('(software)');
    expect(soft.webgl).toContain('(software)');
    const hw = judgeGpu({
      webgpu: { vendor: 'nvidia', architecture: 'hopper', description: '', fallback: false },
      webgl: 'ANGLE (NVIDIA, Vulkan 1.3.277 (NVIDIA H200 (0x00002335)), NVIDIA)',
    });
    expect(hw).toEqual({
      hardware: true,
      webgpu: 'nvidia hopper',
      webgl: 'ANGLE (NVIDIA, Vulkan 1.3.277 (NVIDIA H200 (0x00002335)), NVIDIA)',
    });
    expect(judgeGpu({ webgpu: null, webgl: null })).toEqual({
      hardware: false,
      webgpu: 'no WebGPU adapter',
      webgl: 'no WebGL',
    });
    // A real WebGPU adapter but WebGL on llvmpipe is not a GPU run.
    expect(
      judgeGpu({
        webgpu: { vendor: 'amd', architecture: 'rdna-3', description: '', fallback: false },
        webgl: 'llvmpipe (LLVM 15.0.6, 256 bits)',
      }).hardware,
    ).toBe(false);
  });
});
