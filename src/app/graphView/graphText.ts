/** How a layer's numbers read wherever the graph is shown (canvas nodes, edges, inspector, model summary). */
import type { NodeInfo } from '../../engine/graph/shapes';
import { formatShape } from '../../engine/graph/shapes';

const COUNT = new Intl.NumberFormat('en-US');

/** '1 param', '25,120 params'. */
export function paramsText(n: number): string {
  return `${COUNT.format(n)} ${n === 1 ? 'param' : 'params'}`;
}

/** A node's output shape as '28×28×8', or '?' while it is unknown. */
export function shapeText(info: NodeInfo | undefined): string {
  return info?.output ? formatShape(info.output) : '?';
}
