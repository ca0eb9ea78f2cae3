/**
 * "Rebuild for 32×32×3": a GAN or autoencoder preset built for 28×28×1, validated against a 32×32×3 dataset, is
 * offered the preset's 32×32×3 build as one fix on the shape issue; applied, the networks fit. Hand-edited networks
 * are named as such in the message; without a preset, or when the shapes match, nothing is offered.
 */
import { describe, expect, it } from 'vitest';
import { applyFix } from './fixes';
import { outputNode } from './graphUtils';
import type { GraphIssue } from './issues';
import type { PresetNetworks } from './presetNetworks';
import { presetById } from './presets';
import { inferShapes } from './shapes';
import type { Graph, Shape } from './types';
import { updateLayer } from './edit';
import { validateGraph } from './validate';

const RGB32: Shape = [32, 32, 3];
const networksOf = (id: string): PresetNetworks => {
  const p = presetById(id)!;
  return p.gan ? { graph: p.graph, gan: p.gan } : { graph: p.graph };
};
const validate = (g: Graph, imageShape: Shape, id: string | null, networks?: PresetNetworks) =>
  validateGraph(g, {
    imageShape,
    classes: 2,
    ...(id ? { preset: { id, networks: networks ?? networksOf(id) } } : {}),
  });
const rebuildOf = (issues: readonly GraphIssue[]) => {
  const issue = issues.find((i) => i.fixes.some((f) => f.kind === 'rebuild'));
  return { issue, fix: issue?.fixes.find((f) => f.kind === 'rebuild') };
};
const outOf = (g: Graph) => inferShapes(g).get(outputNode(g)!)?.output;

describe('the rebuild fix', () => {
  it('the DCGAN generator on 32×32×3: says so, offers one rebuild of both networks, and the build fits', () => {
    const { generator, discriminator } = presetById('dcgan')!.gan!;
    const { issue, fix } = rebuildOf(validate(generator, RGB32, 'dcgan'));
    expect(issue?.code).toBe('generatorOutputMismatch');
    expect(issue?.message).toBe(
      'A generator must produce images of 32×32×3, but this one outputs 28×28×1. Rebuild for 32×32×3 swaps in ' +
        "the DCGAN preset's generator and discriminator for 32×32×3; your training settings stay.",
    );
    expect(issue?.fixes.map((f) => f.label)).toEqual(['Rebuild for 32×32×3']);
    if (fix?.kind !== 'rebuild') throw new Error('no rebuild fix');
    const gan = fix.networks.gan!;
    expect(applyFix(generator, fix)).toBe(gan.generator);
    expect(applyFix(discriminator, fix)).toBe(gan.discriminator);
    expect(outOf(gan.generator)).toEqual([...RGB32]);
    for (const g of [gan.generator, gan.discriminator])
      expect(validate(g, RGB32, 'dcgan', fix.networks), g.role).toEqual([]);
  });

  it('the discriminator tab offers the same rebuild beside the Input fix', () => {
    const { discriminator } = presetById('dcgan-fashion')!.gan!;
    const { issue, fix } = rebuildOf(validate(discriminator, RGB32, 'dcgan-fashion'));
    expect(issue?.code).toBe('inputShapeMismatch');
    expect(issue?.fixes.map((f) => f.label)).toEqual(['shape 32×32×3', 'Rebuild for 32×32×3']);
    expect(fix?.kind === 'rebuild' && outOf(fix.networks.gan!.generator)).toEqual([...RGB32]);
  });

  it.each(['autoencoder', 'denoising-autoencoder'])('%s on 64×64×1 rebuilds to 64×64×1', (id) => {
    const g = presetById(id)!.graph;
    const shape: Shape = [64, 64, 1];
    const { issue, fix } = rebuildOf(validate(g, shape, id));
    expect(issue?.code).toBe('shapeMismatch');
    expect(issue?.node).toBe(outputNode(g));
    expect(issue?.message).toContain(
      `Rebuild for 64×64×1 swaps in the ${presetById(id)!.title} preset's network`,
    );
    if (fix?.kind !== 'rebuild') throw new Error('no rebuild fix');
    const rebuilt = applyFix(g, fix);
    expect(outOf(rebuilt)).toEqual(shape);
    expect(validate(rebuilt, shape, id)).toEqual([]);
  });

  it('a build for another offered shape (32×32×3 back on MNIST) is the preset, not an edit', () => {
    const built = presetById('autoencoder')!.forShape!([32, 32, 3]);
    const { issue, fix } = rebuildOf(validate(built.graph, [28, 28, 1], 'autoencoder', built));
    expect(issue?.message).toContain('swaps in');
    expect(fix?.kind === 'rebuild' && fix.networks.graph).toEqual(presetById('autoencoder')!.graph);
  });

  it('hand-edited networks: the message says they are replaced and that Undo brings them back', () => {
    const gan = presetById('dcgan')!.gan!;
    // An edit in the discriminator, seen from the generator's tab.
    const d = gan.discriminator;
    const conv = d.nodes.find((n) => n.layer.kind === 'conv2d')!;
    const edited: PresetNetworks = {
      graph: gan.generator,
      gan: { generator: gan.generator, discriminator: updateLayer(d, conv.id, { filters: 24 }) },
    };
    const { issue } = rebuildOf(validate(gan.generator, RGB32, 'dcgan', edited));
    expect(issue?.message).toContain(
      "Rebuild for 32×32×3 replaces your edited generator and discriminator with the DCGAN preset's for 32×32×3 " +
        '(Undo brings yours back); your training settings stay.',
    );
  });

  it('is not offered without a preset, for a preset of another kind, or when the shapes already match', () => {
    const gen = presetById('dcgan')!.gan!.generator;
    const ae = presetById('autoencoder')!.graph;
    expect(rebuildOf(validate(gen, RGB32, null)).fix).toBeUndefined();
    expect(rebuildOf(validate(ae, RGB32, 'dcgan')).fix).toBeUndefined();
    expect(rebuildOf(validate(ae, RGB32, 'notes-small')).fix).toBeUndefined();
    expect(validate(gen, [28, 28, 1], 'dcgan')).toEqual([]);
    // The existing fix for channels alone stays first.
    const grey = rebuildOf(validate(ae, [28, 28, 3], 'autoencoder'));
    expect(grey.issue?.fixes.map((f) => f.label)).toEqual(['Rebuild for 28×28×3']);
    const den = rebuildOf(
      validate(presetById('denoising-autoencoder')!.graph, [28, 28, 3], 'denoising-autoencoder'),
    );
    expect(den.issue?.fixes.map((f) => f.label)).toEqual(['filters 3', 'Rebuild for 28×28×3']);
  });
});
