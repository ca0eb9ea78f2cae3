/** Dispatches a probe request to its computation. Results hold typed arrays only, never tensors. */
import { probeReconstruct } from './reconstruct';
import { assertNever } from '../../assertNever';
import type { ProbeRequest, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { probeKernels } from './kernels';
import { probeActivations, probePooling } from './activations';
import { probeDeadRelu } from './deadRelu';
import { probeHealth } from './health';
import { probeConfusion, probePredict } from './classify';
import { probeSamples } from './samples';
import { probeSnapshot } from './snapshot';
import { probeAugmentPreview } from './augmentPreview';
import { probeLayerIO } from './layerIO';
import { probeAdversarial, probeAdversarialSearch } from './adversarial';
import { probeFeatureVis } from './featureVis';
import { probeSaliency } from './saliency';

export function runProbe(ctx: TrainContext, request: ProbeRequest): Promise<ProbeResult> {
  switch (request.kind) {
    case 'kernels':
      return probeKernels(ctx, request.gradients);
    case 'activations':
      return probeActivations(ctx, request.sample);
    case 'pooling':
      return probePooling(ctx, request.node, request.sample);
    case 'deadRelu':
      return probeDeadRelu(ctx);
    case 'health':
      return probeHealth(ctx);
    case 'confusion':
      return probeConfusion(ctx, request.limit);
    case 'predict':
      return probePredict(ctx, request.sample);
    case 'samples':
      return Promise.resolve(probeSamples(ctx, request.split, request.indices));
    case 'augmentPreview':
      return Promise.resolve(probeAugmentPreview(ctx, request));
    case 'reconstruct':
      if (ctx.target === 'labels') return Promise.reject(new Error('Reconstructions are for autoencoders'));
      return probeReconstruct(ctx, request.count);
    case 'snapshot':
      return probeSnapshot(ctx, request);
    case 'adversarial':
      return probeAdversarial(ctx, request);
    case 'adversarialSearch':
      return probeAdversarialSearch(ctx, request);
    case 'layerIO':
      return probeLayerIO(ctx, request.node, request.sample);
    case 'featureVis':
      return probeFeatureVis(ctx, request);
    case 'saliency':
      return probeSaliency(ctx, request);
    case 'ganSamples':
      return Promise.reject(
        new Error('ganSamples probes are answered by the GAN trainer, not the classifier trainer'),
      );
    case 'rbm':
      return Promise.reject(
        new Error('rbm probes are answered by the RBM trainer, not the classifier trainer'),
      );
    default:
      return assertNever(request);
  }
}
