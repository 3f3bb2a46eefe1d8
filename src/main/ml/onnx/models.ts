import { buildModel, DType, type GraphSpec } from './graphBuilder';

/**
 * The ONNX graphs Tandem runs, by file name under resources/models. Each is a function of
 * nothing, so the generator and the test get the same bytes.
 *
 * The k-means graphs work in the transposed layout: the score matrix is P [k, n] =
 * ‖c‖² − 2·C·Xᵀ (one Gemm), so the minimum over the few centres is a reduction over the
 * leading axis, which onnxruntime vectorises along the n points. Reducing along a row of
 * eight values instead was three times slower (measured: 62 ms against 28 ms per million
 * points and iteration), and OneHot alone cost 40 ms; Equal against a column of centre
 * numbers is the one-hot here.
 */
const points = { name: 'X', type: DType.FLOAT, dims: ['n', 'd'] };
const centres = { name: 'C', type: DType.FLOAT, dims: ['k', 'd'] };
/** ‖x‖² per point, computed once per fit by the caller: reducing 16 values per row cost 10 ms per million in a graph. */
const norms = { name: 'xx', type: DType.FLOAT, dims: ['n'] };

/** P [k, n] = ‖c‖² − 2·C·Xᵀ: the squared distance less ‖x‖², which no argmin needs. */
const scores: GraphSpec['nodes'] = [
  { op: 'ReduceSumSquare', inputs: ['C'], outputs: ['cc'], attrs: { axes: [1], keepdims: 1 } },
  { op: 'Gemm', inputs: ['C', 'X', 'cc'], outputs: ['P'], attrs: { alpha: { float: -2 }, beta: { float: 1 }, transB: 1 } },
];
/** Nearest centre per point as the argmin of P over the centres, [1, n] int64. */
const argmin: GraphSpec['nodes'] = [{ op: 'ArgMin', inputs: ['P'], outputs: ['l64'], attrs: { axis: 0, keepdims: 1 } }];
const axis0 = { name: 'axis0', type: DType.INT64, dims: [1], values: [0] };

export const MODELS: Record<string, () => Uint8Array> = {
  /** The final assignment: nearest centre of each point and its squared distance. */
  'kmeans-assign.onnx': () =>
    buildModel({
      name: 'kmeans_assign',
      docString: 'Nearest centre per point: labels (int32) and squared distances (float32, never negative).',
      inputs: [points, centres, norms],
      outputs: [
        { name: 'labels', type: DType.INT32, dims: ['n'] },
        { name: 'distances', type: DType.FLOAT, dims: ['n'] },
      ],
      constants: [axis0],
      nodes: [
        ...scores,
        ...argmin,
        { op: 'Squeeze', inputs: ['l64', 'axis0'], outputs: ['l64flat'] },
        // int32 labels copy straight into the caller's Int32Array (no BigInt per point).
        { op: 'Cast', inputs: ['l64flat'], outputs: ['labels'], attrs: { to: DType.INT32 } },
        { op: 'ReduceMin', inputs: ['P'], outputs: ['pmin'], attrs: { axes: [0], keepdims: 0 } },
        { op: 'Add', inputs: ['pmin', 'xx'], outputs: ['d2'] },
        // Rounding can make a distance a hair below zero; a squared distance never is.
        { op: 'Relu', inputs: ['d2'], outputs: ['distances'] },
      ],
    }),
  /**
   * One Lloyd step over a block of points: per centre the sum of its points and their count,
   * so the centre update is k·d work in JavaScript rather than n·d. No labels: a Lloyd loop
   * needs none until the end (unchanged labels give the same centres, a shift of zero), and
   * copying them out each iteration cost more than the update.
   *
   * The sums are a batched MatMul over groups of `group` points (n must be a multiple):
   * one-hot [n/group, k, group] × X [n/group, group, d], then summed over the groups. One
   * [k, n] × [n, d] MatMul ran on a single long dot product per cell and cost twice as much.
   */
  'kmeans-step.onnx': () =>
    buildModel({
      name: 'kmeans_step',
      docString: 'Lloyd step: per-centre sums of the points (float32 [k, d]) and counts (float32 [k]); group (int64 [1]) divides n.',
      inputs: [points, centres, { name: 'group', type: DType.INT64, dims: [1] }],
      outputs: [
        { name: 'sums', type: DType.FLOAT, dims: ['k', 'd'] },
        { name: 'counts', type: DType.FLOAT, dims: ['k'] },
      ],
      constants: [
        { name: 'axes02', type: DType.INT64, dims: [2], values: [0, 2] },
        { name: 'zero', type: DType.INT64, dims: [], values: [0] },
        { name: 'one', type: DType.INT64, dims: [], values: [1] },
        { name: 'column', type: DType.INT64, dims: [2], values: [-1, 1] },
        { name: 'rest', type: DType.INT64, dims: [1], values: [-1] },
        { name: 'single', type: DType.INT64, dims: [1], values: [1] },
        { name: 'featureAxis', type: DType.INT64, dims: [1], values: [1] },
        axis0,
      ],
      nodes: [
        ...scores,
        ...argmin,
        // Labels [groups, 1, group] against a column of centre numbers [k, 1]: one-hot [groups, k, group].
        { op: 'Concat', inputs: ['rest', 'single', 'group'], outputs: ['labelShape'], attrs: { axis: 0 } },
        { op: 'Reshape', inputs: ['l64', 'labelShape'], outputs: ['grouped'] },
        { op: 'Shape', inputs: ['C'], outputs: ['shapeC'] },
        { op: 'Gather', inputs: ['shapeC', 'zero'], outputs: ['k'], attrs: { axis: 0 } },
        { op: 'Range', inputs: ['zero', 'k', 'one'], outputs: ['ks'] },
        { op: 'Reshape', inputs: ['ks', 'column'], outputs: ['kcol'] },
        { op: 'Equal', inputs: ['grouped', 'kcol'], outputs: ['member'] },
        { op: 'Cast', inputs: ['member'], outputs: ['onehot'], attrs: { to: DType.FLOAT } },
        // X as [groups, group, d].
        { op: 'Shape', inputs: ['X'], outputs: ['shapeX'] },
        { op: 'Gather', inputs: ['shapeX', 'featureAxis'], outputs: ['d'], attrs: { axis: 0 } },
        { op: 'Concat', inputs: ['rest', 'group', 'd'], outputs: ['pointShape'], attrs: { axis: 0 } },
        { op: 'Reshape', inputs: ['X', 'pointShape'], outputs: ['groupedX'] },
        { op: 'MatMul', inputs: ['onehot', 'groupedX'], outputs: ['partial'] },
        { op: 'ReduceSum', inputs: ['partial', 'axis0'], outputs: ['sums'], attrs: { keepdims: 0 } },
        { op: 'ReduceSum', inputs: ['onehot', 'axes02'], outputs: ['counts'], attrs: { keepdims: 0 } },
      ],
    }),
  /**
   * k-means++ seeding: for m candidate centres, each point's squared distance to its nearest
   * chosen centre if that candidate joined (`nearest` [m, n]) and the candidates' potentials
   * (that summed over the points, [m]), so every candidate is scored in one pass over X.
   */
  'kmeans-seed.onnx': () =>
    buildModel({
      name: 'kmeans_seed',
      docString: 'k-means++ candidates: nearest [m, n] = min(closest, ‖x − c‖²) and potentials [m] (float32).',
      inputs: [points, { name: 'C', type: DType.FLOAT, dims: ['m', 'd'] }, norms, { name: 'closest', type: DType.FLOAT, dims: ['n'] }],
      outputs: [
        { name: 'nearest', type: DType.FLOAT, dims: ['m', 'n'] },
        { name: 'potentials', type: DType.FLOAT, dims: ['m'] },
      ],
      constants: [{ name: 'axis1', type: DType.INT64, dims: [1], values: [1] }],
      nodes: [
        ...scores,
        { op: 'Add', inputs: ['P', 'xx'], outputs: ['d2'] },
        { op: 'Relu', inputs: ['d2'], outputs: ['D'] },
        { op: 'Min', inputs: ['D', 'closest'], outputs: ['nearest'] },
        { op: 'ReduceSum', inputs: ['nearest', 'axis1'], outputs: ['potentials'], attrs: { keepdims: 0 } },
      ],
    }),
  /**
   * The silhouette's sums: for each of r points A [r, d], the sum of its Euclidean distances
   * to the members of each cluster among the sample S [m, d] (M [m, k] one-hot), as
   * D [r, m] · M, D from one Gemm (‖a‖² − 2·A·Sᵀ + ‖s‖²). A JavaScript double loop over a
   * 3,000-point sample cost a tenth of the whole segment job; here it is a few milliseconds.
   */
  'cluster-distances.onnx': () =>
    buildModel({
      name: 'cluster_distances',
      docString: 'Per point of A, summed Euclidean distances to each cluster of S: sums (float32 [r, k]) = sqrt(relu(‖a‖² − 2·A·Sᵀ + ‖s‖²)) · M.',
      inputs: [
        { name: 'A', type: DType.FLOAT, dims: ['r', 'd'] },
        { name: 'S', type: DType.FLOAT, dims: ['m', 'd'] },
        { name: 'M', type: DType.FLOAT, dims: ['m', 'k'] },
      ],
      outputs: [{ name: 'sums', type: DType.FLOAT, dims: ['r', 'k'] }],
      nodes: [
        { op: 'ReduceSumSquare', inputs: ['A'], outputs: ['aa'], attrs: { axes: [1], keepdims: 1 } },
        { op: 'ReduceSumSquare', inputs: ['S'], outputs: ['ss'], attrs: { axes: [1], keepdims: 1 } },
        { op: 'Transpose', inputs: ['ss'], outputs: ['ssRow'], attrs: { perm: [1, 0] } },
        { op: 'Gemm', inputs: ['A', 'S', 'aa'], outputs: ['G'], attrs: { alpha: { float: -2 }, beta: { float: 1 }, transB: 1 } },
        { op: 'Add', inputs: ['G', 'ssRow'], outputs: ['d2'] },
        // Rounding can make a squared distance a hair below zero; its root must not be NaN.
        { op: 'Relu', inputs: ['d2'], outputs: ['d2pos'] },
        { op: 'Sqrt', inputs: ['d2pos'], outputs: ['D'] },
        { op: 'MatMul', inputs: ['D', 'M'], outputs: ['sums'] },
      ],
    }),
  /**
   * Targeting: every user's scores for every item (U·Vᵀ, one Gemm per block of users) and
   * the best k of them (TopK, sorted), so the full users × items matrix never exists.
   */
  'topk-scores.onnx': () =>
    buildModel({
      name: 'topk_scores',
      docString: 'Top-k items per user: scores (float32 [b, k]) and item indices (int32 [b, k]) of U [b, f] · V [m, f]ᵀ.',
      inputs: [
        { name: 'U', type: DType.FLOAT, dims: ['b', 'f'] },
        { name: 'V', type: DType.FLOAT, dims: ['m', 'f'] },
        { name: 'k', type: DType.INT64, dims: [1] },
      ],
      outputs: [
        { name: 'scores', type: DType.FLOAT, dims: ['b', 'k'] },
        { name: 'items', type: DType.INT32, dims: ['b', 'k'] },
      ],
      nodes: [
        { op: 'Gemm', inputs: ['U', 'V'], outputs: ['S'], attrs: { transB: 1 } },
        { op: 'TopK', inputs: ['S', 'k'], outputs: ['scores', 'items64'], attrs: { axis: 1, largest: 1, sorted: 1 } },
        { op: 'Cast', inputs: ['items64'], outputs: ['items'], attrs: { to: DType.INT32 } },
      ],
    }),
  /**
   * EASE's dense solve: the inverse of XᵀX + λI (float32 [n, n]) by onnxruntime's own
   * Inverse kernel (com.microsoft, Eigen's blocked LU), some fifteen times the speed of a
   * JavaScript Cholesky on 2,000 items; float32 is ample for a matrix λ keeps well conditioned.
   */
  'ease-inverse.onnx': () =>
    buildModel({
      name: 'ease_inverse',
      docString: 'P = A⁻¹ for a symmetric positive definite A (float32 [n, n]).',
      inputs: [{ name: 'A', type: DType.FLOAT, dims: ['n', 'n'] }],
      outputs: [{ name: 'P', type: DType.FLOAT, dims: ['n', 'n'] }],
      nodes: [{ op: 'Inverse', domain: 'com.microsoft', inputs: ['A'], outputs: ['P'] }],
    }),
};
