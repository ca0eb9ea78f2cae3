/** What the RBM preset's settings and panels say, in our own words, for students. */

export const RBM_ENERGY = 'E(v, h) = −bᵀv − cᵀh − vᵀWh';

export const RBM_EXPLANATION: readonly { readonly title: string; readonly text: string }[] = [
  {
    title: 'Energy',
    text:
      'An RBM gives every pair of a picture v and a hidden pattern h an energy ' +
      `${RBM_ENERGY}. Low energy means “likely”: training pulls the energy of real digits down and pushes the ` +
      'energy of everything else up. W joins each pixel to each hidden unit; b and c are the biases.',
  },
  {
    title: 'Why sampling is hard',
    text:
      'The probability of a picture is exp(−energy) divided by a sum over every possible picture and hidden ' +
      'pattern: 2^(784+100) terms with 100 hidden units, far too many to add up. So nobody can compute it exactly, nor draw from it in one go.',
  },
  {
    title: 'Contrastive divergence (CD-k)',
    text:
      'There are no links inside a layer, so all hidden units can be sampled at once given the pixels, and all ' +
      'pixels given the hidden units. CD-k starts at a real image, goes back and forth k times, and moves W towards ' +
      'the image’s statistics and away from those of the imagined one. It is a cheap, biased stand-in for the true ' +
      'gradient, which would need the chain to run forever.',
  },
  {
    title: 'Persistent CD',
    text:
      'PCD does not restart the imagined chain at the data every step: it keeps one chain going from batch to batch, ' +
      'so it wanders further from the data and finds the places the model wrongly likes.',
  },
  {
    title: 'Dreams',
    text:
      'The Dreams panel runs the same back-and-forth (Gibbs sampling) from random pixels without ever showing the ' +
      'model a real image: what appears is what the RBM believes digits look like.',
  },
  {
    title: 'The graph',
    text:
      'It draws the RBM as image → hidden units → image. The two dense layers stand for one weight matrix W, used ' +
      'upwards and (transposed) downwards, so the RBM has about half the parameters the graph counts. It learns by ' +
      'CD, not by the Optimizer: Learning rate, its schedule and Batch size apply; Hidden units sets the first dense layer.',
  },
];
