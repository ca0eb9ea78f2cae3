/**
 * "Rebuild for 32×32×3": when a GAN or autoencoder preset's networks were built for another image shape than the
 * chosen dataset's, the shape issue gets one fix that swaps in the preset's build for the dataset's shape — all of
 * its networks at once (a GAN's generator and discriminator). It is offered only when that build really fits, and
 * the message says what it replaces: networks the user edited by hand are named as such (Undo brings them back).
 */
import { assertNever } from '../assertNever';
import type { GraphFix, GraphIssue } from './issues';
import type { Graph } from './types';
import type { ValidationContext } from './validationContext';
import type { ImageShape, PresetNetworks } from './presetNetworks';
import { asImageShape, sameNetworks } from './presetNetworks';
import type { Preset } from './presets';
import { presetById } from './presets';
import { formatShape } from './convArithmetic';
import { outputNode } from './graphUtils';
import { inferShapes } from './shapes';
import { IMAGE_SIZES } from '../data/userDataset';

/** Builds are pure functions of the shape: one per preset and shape, kept (also so a fix's networks stay one object). */
const BUILDS = new Map<string, PresetNetworks>();

function buildFor(preset: Preset, shape: ImageShape): PresetNetworks | null {
  if (!preset.forShape) return null;
  const key = `${preset.id}/${shape.join('×')}`;
  let built = BUILDS.get(key);
  if (!built) {
    built = preset.forShape(shape);
    BUILDS.set(key, built);
  }
  return built;
}

/** The shapes a preset may have been built for: each size the app offers, grey or RGB, and the dataset's own. */
const buildShapes = (shape: ImageShape): ImageShape[] => [
  ...IMAGE_SIZES.flatMap((s) => [1, 3].map((c): ImageShape => [s, s, c])),
  shape,
];

const sameShape = (a: readonly number[] | null | undefined, b: ImageShape): boolean =>
  a != null && a.length === 3 && a.every((d, i) => d === b[i]);

/** Does the build take and make images of `shape` (its output for a generator or an autoencoder)? */
function fits(built: PresetNetworks, shape: ImageShape): boolean {
  const maker = built.gan ? built.gan.generator : built.graph;
  const out = outputNode(maker);
  return out !== undefined && sameShape(inferShapes(maker).get(out)?.output, shape);
}

/** The issue that carries the fix: the output that is not the image (G, autoencoder), or D's Input. */
function carrier(graph: Graph, issue: GraphIssue): boolean {
  switch (graph.role) {
    case 'generator':
      return issue.code === 'generatorOutputMismatch';
    case 'autoencoder':
      return issue.code === 'shapeMismatch' && issue.node === outputNode(graph);
    case 'discriminator':
      return issue.code === 'inputShapeMismatch';
    case 'classifier':
      return false;
    default:
      return assertNever(graph.role);
  }
}

function sentence(preset: Preset, label: string, shapeText: string, edited: boolean): string {
  const what = preset.gan ? 'generator and discriminator' : 'network';
  const settings = 'your training settings stay';
  return edited
    ? `${label} replaces your edited ${what} with the ${preset.title} preset's for ${shapeText} (Undo brings yours back); ${settings}.`
    : `${label} swaps in the ${preset.title} preset's ${what} for ${shapeText}; ${settings}.`;
}

/**
 * `issues` with the rebuild fix added to the one issue that carries it, when `ctx.preset` names a GAN or autoencoder
 * preset of the graph's kind whose build for the dataset's shape fits and differs from the networks loaded.
 */
export function withRebuildFix(graph: Graph, issues: GraphIssue[], ctx: ValidationContext): GraphIssue[] {
  const from = ctx.preset;
  const preset = from ? presetById(from.id) : undefined;
  const shape = asImageShape(ctx.imageShape);
  if (!from || !preset?.forShape || !shape) return issues;
  const gan = graph.role === 'generator' || graph.role === 'discriminator';
  if (gan !== Boolean(preset.gan) || (!gan && graph.role !== preset.graph.role)) return issues;
  const at = issues.findIndex((i) => carrier(graph, i));
  const issue = issues[at];
  const built = buildFor(preset, shape);
  if (!issue || issue.node === undefined || !built || !fits(built, shape)) return issues;
  if (sameNetworks(built, from.networks)) return issues;
  const edited = !buildShapes(shape).some((s) => {
    const b = buildFor(preset, s);
    return b !== null && sameNetworks(b, from.networks);
  });
  const shapeText = formatShape(shape);
  const label = `Rebuild for ${shapeText}`;
  const fix: GraphFix = { kind: 'rebuild', label, node: issue.node, networks: built };
  const out = [...issues];
  out[at] = {
    ...issue,
    message: `${issue.message} ${sentence(preset, label, shapeText, edited)}`,
    fixes: [...issue.fixes, fix],
  };
  return out;
}
