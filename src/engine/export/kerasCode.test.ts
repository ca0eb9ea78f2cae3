import { describe, expect, it } from 'vitest';
import { addNode, chain, connect } from '../graph/edit';
import { defaultLayer } from '../graph/catalogue';
import type { Graph } from '../graph/types';
import { DEFAULT_HYPER } from '../train/hyper';
import { graphToKeras, pyStr } from './kerasCode';
import { smallCnn } from '../graph/testGraphs';

const layerLines = (code: string): string[] => code.split('\n').filter((l) => /^x_\S+ = /.test(l));

describe('graphToKeras', () => {
  it('builds a functional model layer by layer, in order, with node ids as names', () => {
    const g = smallCnn();
    const code = graphToKeras(g, DEFAULT_HYPER);
    const lines = layerLines(code);
    // input, zero padding (explicit P=2), conv, pool, flatten, dense
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/keras\.Input\(shape=\(28, 28, 1\)/);
    expect(lines[1]).toMatch(/ZeroPadding2D\(padding=2/);
    expect(lines[2]).toMatch(
      /layers\.Conv2D\(4, kernel_size=\(5, 5\), strides=\(1, 1\), padding='valid', activation='relu', use_bias=True, kernel_initializer='he_normal'/,
    );
    expect(lines[3]).toMatch(/MaxPooling2D\(pool_size=\(2, 2\), strides=\(2, 2\), padding='valid'/);
    expect(lines[4]).toMatch(/Flatten/);
    expect(lines[5]).toMatch(/Dense\(10, activation='softmax'/);
    for (const n of g.nodes) expect(code).toContain(`name='${n.id}'`);
    expect(code).toMatch(/model = keras\.Model\(inputs=x_\w+, outputs=x_\w+/);
    expect(code).toContain(
      "model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss='categorical_crossentropy'",
    );
    // Each layer applies to the variable defined just before it.
    for (let i = 1; i < lines.length; i++) {
      const prevVar = lines[i - 1]!.split(' = ')[0]!;
      expect(lines[i]!.endsWith(`(${prevVar})`)).toBe(true);
    }
  });

  it('writes merges with all their inputs in edge order', () => {
    let g: Graph = chain('classifier', [defaultLayer('input'), defaultLayer('conv2d')]);
    const input = g.nodes[0]!.id;
    const conv = g.nodes[1]!.id;
    const b = addNode(g, defaultLayer('conv2d'), { x: 0, y: 0 });
    g = connect(b.graph, input, b.id).graph;
    const cat = addNode(g, defaultLayer('concatenate'), { x: 0, y: 0 });
    g = connect(cat.graph, conv, cat.id).graph;
    g = connect(g, b.id, cat.id).graph;
    const code = graphToKeras(g);
    expect(code).toContain(
      `layers.Concatenate(name='${cat.id}')([x_${conv.replace(/[^\w]/g, '_')}, x_${b.id.replace(/[^\w]/g, '_')}])`,
    );
    expect(code).not.toContain('model.compile');
  });

  it('covers leaky ReLU, decay schedules, frozen layers and discriminator loss', () => {
    let g = chain('discriminator', [
      defaultLayer('input'),
      { ...defaultLayer('conv2d'), stride: [2, 2] },
      { kind: 'activation', fn: 'leakyRelu', alpha: 0.2 },
      defaultLayer('flatten'),
      { ...defaultLayer('dense'), units: 1, activation: 'linear' },
    ]);
    g = { ...g, nodes: g.nodes.map((n, i) => (i === 1 ? { ...n, frozen: true } : n)) };
    const code = graphToKeras(g, { ...DEFAULT_HYPER, optimizer: 'momentum', learningRate: 0.1, decay: 0.01 });
    expect(code).toContain('layers.LeakyReLU(0.2');
    expect(code).toContain(`model.get_layer('${g.nodes[1]!.id}').trainable = False`);
    expect(code).toContain('InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.01), momentum=0.9');
    expect(code).toContain('BinaryCrossentropy(from_logits=True)');
  });

  it('exports gradient clipping as global_clipnorm (the norm of all gradients together), only when it is on', () => {
    const g = smallCnn();
    expect(graphToKeras(g, { ...DEFAULT_HYPER, clipNorm: 1.5 })).toContain(
      'keras.optimizers.Adam(learning_rate=0.001, global_clipnorm=1.5)',
    );
    expect(graphToKeras(g, { ...DEFAULT_HYPER, optimizer: 'momentum', clipNorm: 2 })).toContain(
      'SGD(learning_rate=0.001, global_clipnorm=2, momentum=0.9)',
    );
    expect(graphToKeras(g, DEFAULT_HYPER)).not.toContain('clipnorm');
  });

  it('refuses to build a graph with a cycle instead of emitting a different network', () => {
    const g = chain('classifier', [defaultLayer('input'), defaultLayer('dense'), defaultLayer('dense')]);
    const a = g.nodes[1]!.id;
    const c = g.nodes[2]!.id;
    const cyclic: Graph = { ...g, edges: [...g.edges, { id: 'back', source: c, target: a }] };
    const code = graphToKeras(cyclic);
    expect(code).toContain('raise ValueError');
    expect(code).not.toContain('keras.Model(');
  });

  it('escapes Python strings', () => {
    expect(pyStr("it's \\ ok\n")).toBe("'it\\'s \\\\ ok\\n'");
  });
});
