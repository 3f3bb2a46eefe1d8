import onnxPkg from 'onnx-proto';

/**
 * A small builder for ONNX graphs in TypeScript (onnx-proto's generated protobuf types):
 * named inputs and outputs with symbolic dimensions, nodes with attributes, serialised to
 * the bytes onnxruntime loads. The graphs Tandem runs are made by `scripts/generate-models.ts`
 * with this and kept under resources/models; a test checks the files equal what it writes.
 */
const { onnx } = onnxPkg;
export const DType = onnx.TensorProto.DataType;

type Dim = number | string;
/** Whole numbers are INT attributes; `{ float: 2 }` makes a FLOAT attribute of a whole value (Gemm's alpha). */
type AttrValue = number | number[] | string | { float: number };

export interface GraphSpec {
  name: string;
  inputs: { name: string; type: number; dims: Dim[] }[];
  outputs: { name: string; type: number; dims: Dim[] }[];
  /** `domain`: an operator set other than ONNX's own, e.g. onnxruntime's `com.microsoft` (its Inverse). */
  nodes: { op: string; inputs: string[]; outputs: string[]; attrs?: Record<string, AttrValue>; name?: string; domain?: string }[];
  /** Constant tensors: float32 or int64 values with their shape. */
  constants?: { name: string; type: number; dims: number[]; values: number[] }[];
  docString?: string;
}

/** The opset the graphs use (onnxruntime 1.30 reads it; ReduceSumSquare takes axes as an attribute up to 17). */
export const OPSET = 17;

function valueInfo(v: { name: string; type: number; dims: Dim[] }) {
  return onnx.ValueInfoProto.create({
    name: v.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: v.type,
        shape: onnx.TensorShapeProto.create({
          dim: v.dims.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }))),
        }),
      }),
    }),
  });
}

function attribute(name: string, value: AttrValue) {
  const A = onnx.AttributeProto;
  if (typeof value === 'string') return A.create({ name, type: A.AttributeType.STRING, s: new TextEncoder().encode(value) });
  if (typeof value === 'object' && !Array.isArray(value)) return A.create({ name, type: A.AttributeType.FLOAT, f: value.float });
  if (Array.isArray(value)) return A.create({ name, type: A.AttributeType.INTS, ints: value });
  return Number.isInteger(value) ? A.create({ name, type: A.AttributeType.INT, i: value }) : A.create({ name, type: A.AttributeType.FLOAT, f: value });
}

export function buildModel(spec: GraphSpec): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: spec.name,
    docString: spec.docString ?? '',
    input: spec.inputs.map(valueInfo),
    output: spec.outputs.map(valueInfo),
    initializer: (spec.constants ?? []).map((c) =>
      onnx.TensorProto.create({
        name: c.name,
        dataType: c.type,
        dims: c.dims,
        ...(c.type === DType.INT64 ? { int64Data: c.values } : { floatData: c.values }),
      }),
    ),
    node: spec.nodes.map((n, i) =>
      onnx.NodeProto.create({
        name: n.name ?? `${n.op}_${i}`,
        opType: n.op,
        ...(n.domain ? { domain: n.domain } : {}),
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      }),
    ),
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'tandem',
    producerVersion: '1',
    opsetImport: [
      onnx.OperatorSetIdProto.create({ domain: '', version: OPSET }),
      ...[...new Set(spec.nodes.flatMap((n) => (n.domain ? [n.domain] : [])))].map((domain) => onnx.OperatorSetIdProto.create({ domain, version: 1 })),
    ],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
