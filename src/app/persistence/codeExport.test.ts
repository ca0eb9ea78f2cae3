import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { presetById } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import * as files from './exportImport';
import { downloadCode, exportWorkOf } from './codeExport';

const preset = (id: string) => presetById(id)!;
const state = (
  patch: Partial<Parameters<typeof exportWorkOf>[0]> = {},
): Parameters<typeof exportWorkOf>[0] => ({
  graph: preset('notes-small').graph,
  ganGraphs: null,
  hyper: DEFAULT_HYPER,
  ganHyper: DEFAULT_GAN_HYPER,
  dataset: 'mnist',
  seed: 7,
  presetId: 'notes-small',
  userDatasets: [],
  ...patch,
});

afterEach(() => vi.restoreAllMocks());

describe('exportWorkOf', () => {
  it('takes the network, settings, seed and dataset a run would use', () => {
    const w = exportWorkOf(state({ hyper: { ...DEFAULT_HYPER, batchSize: 16 } }));
    expect(w.title).toBe(preset('notes-small').title);
    expect(w.hyper.batchSize).toBe(16);
    expect(w.seed).toBe(7);
    expect(w.dataset).toEqual({
      name: 'MNIST',
      standard: 'mnist',
      substitute: false,
      shape: [28, 28, 1],
      classes: 10,
    });
    expect(w.gan).toBeNull();
    expect(w.inputNoise).toBe(0);
  });

  it('a GAN exports both networks whichever tab is open, with the GAN settings', () => {
    const gan = preset('dcgan').gan!;
    const w = exportWorkOf(
      state({
        graph: gan.discriminator,
        ganGraphs: gan,
        presetId: 'dcgan',
        ganHyper: { ...DEFAULT_GAN_HYPER, kD: 2 },
      }),
    );
    expect(w.gan).toBe(gan);
    expect(w.ganHyper.kD).toBe(2);
  });

  it('a denoising autoencoder keeps its preset’s input noise; a user dataset its own shape and classes', () => {
    const ae = exportWorkOf(
      state({ graph: preset('denoising-autoencoder').graph, presetId: 'denoising-autoencoder' }),
    );
    expect(ae.inputNoise).toBe(0.3);
    const meta = {
      id: 'user-abc',
      name: 'Leaves',
      shape: [32, 32, 3],
      classNames: ['a', 'b', 'c'],
    } as unknown as UserDatasetMeta;
    const own = exportWorkOf(state({ dataset: 'user-abc', userDatasets: [meta], presetId: 'none' }));
    expect(own.title).toBe('Your network');
    expect(own.dataset).toEqual({
      name: 'Leaves',
      standard: null,
      substitute: false,
      shape: [32, 32, 3],
      classes: 3,
    });
  });
});

describe('downloadCode', () => {
  it.each([
    ['keras', 'model.py', 'text/x-python', 'model.fit('],
    ['pytorch', 'model_pytorch.py', 'text/x-python', 'loss.backward()'],
    ['notebook', 'model.ipynb', 'application/x-ipynb+json', '"nbformat": 4'],
  ] as const)('%s downloads %s', async (kind, name, type, marker) => {
    const spy = vi.spyOn(files, 'download').mockImplementation(() => undefined);
    await downloadCode(kind, state());
    expect(spy).toHaveBeenCalledTimes(1);
    const [file, text, mime] = spy.mock.calls[0]!;
    expect(file).toBe(name);
    expect(mime).toBe(type);
    expect(String(text)).toContain(marker);
  });
});
