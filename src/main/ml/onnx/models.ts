import { buildModel, DType } from './graphBuilder';

/**
 * The ONNX graphs Tandem runs, by file name under resources/models. Each is a function of
 * nothing, so the generator and the test get the same bytes.
 */
export const MODELS: Record<string, () => Uint8Array> = {
  /**
   * k-means assignment: for points X [n, d] and centres C [k, d], the nearest centre of each
   * point and its squared distance, from ‖x‖² − 2·x·cᵀ + ‖c‖² (one MatMul, no n×k×d tensor).
   */
  'kmeans-assign.onnx': () =>
    buildModel({
      name: 'kmeans_assign',
      docString: 'Nearest centre per point: labels (int32) and squared distances (float32).',
      inputs: [
        { name: 'X', type: DType.FLOAT, dims: ['n', 'd'] },
        { name: 'C', type: DType.FLOAT, dims: ['k', 'd'] },
      ],
      outputs: [
        { name: 'labels', type: DType.INT32, dims: ['n'] },
        { name: 'distances', type: DType.FLOAT, dims: ['n'] },
      ],
      constants: [{ name: 'minus_two', type: DType.FLOAT, dims: [], values: [-2] }],
      nodes: [
        { op: 'ReduceSumSquare', inputs: ['X'], outputs: ['xx'], attrs: { axes: [1], keepdims: 1 } },
        { op: 'ReduceSumSquare', inputs: ['C'], outputs: ['cc_k'], attrs: { axes: [1], keepdims: 0 } },
        { op: 'Transpose', inputs: ['C'], outputs: ['Ct'], attrs: { perm: [1, 0] } },
        { op: 'MatMul', inputs: ['X', 'Ct'], outputs: ['xc'] },
        { op: 'Mul', inputs: ['xc', 'minus_two'], outputs: ['m2xc'] },
        { op: 'Add', inputs: ['m2xc', 'cc_k'], outputs: ['partial'] },
        { op: 'Add', inputs: ['partial', 'xx'], outputs: ['d2'] },
        { op: 'ArgMin', inputs: ['d2'], outputs: ['labels64'], attrs: { axis: 1, keepdims: 0 } },
        // int32 labels copy straight into the caller's Int32Array (no BigInt per point).
        { op: 'Cast', inputs: ['labels64'], outputs: ['labels'], attrs: { to: DType.INT32 } },
        { op: 'ReduceMin', inputs: ['d2'], outputs: ['d2min'], attrs: { axes: [1], keepdims: 0 } },
        // Rounding can make a distance a hair below zero; a squared distance never is.
        { op: 'Relu', inputs: ['d2min'], outputs: ['distances'] },
      ],
    }),
  /**
   * Squared distances from every point to each of a few candidate centres, D [n, m]: the
   * k-means++ seeding scores all its candidates for the next centre in one pass over X.
   */
  'pairwise-sqdist.onnx': () =>
    buildModel({
      name: 'pairwise_sqdist',
      docString: 'Squared Euclidean distances of points X [n, d] to centres C [m, d] (float32, never negative).',
      inputs: [
        { name: 'X', type: DType.FLOAT, dims: ['n', 'd'] },
        { name: 'C', type: DType.FLOAT, dims: ['m', 'd'] },
      ],
      outputs: [{ name: 'D', type: DType.FLOAT, dims: ['n', 'm'] }],
      constants: [{ name: 'minus_two', type: DType.FLOAT, dims: [], values: [-2] }],
      nodes: [
        { op: 'ReduceSumSquare', inputs: ['X'], outputs: ['xx'], attrs: { axes: [1], keepdims: 1 } },
        { op: 'ReduceSumSquare', inputs: ['C'], outputs: ['cc'], attrs: { axes: [1], keepdims: 0 } },
        { op: 'Transpose', inputs: ['C'], outputs: ['Ct'], attrs: { perm: [1, 0] } },
        { op: 'MatMul', inputs: ['X', 'Ct'], outputs: ['xc'] },
        { op: 'Mul', inputs: ['xc', 'minus_two'], outputs: ['m2xc'] },
        { op: 'Add', inputs: ['m2xc', 'cc'], outputs: ['partial'] },
        { op: 'Add', inputs: ['partial', 'xx'], outputs: ['d2'] },
        { op: 'Relu', inputs: ['d2'], outputs: ['D'] },
      ],
    }),
};
