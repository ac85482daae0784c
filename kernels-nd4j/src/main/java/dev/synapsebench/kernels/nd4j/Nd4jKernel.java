package dev.synapsebench.kernels.nd4j;

import dev.synapsebench.core.Availability;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.JvmOption;
import dev.synapsebench.core.MatrixKernel;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * ND4J backend: every matrix is a {@code DOUBLE} {@link INDArray} (float32: {@code FLOAT}) in C
 * (row-major) order on ND4J's native CPU backend (libnd4j; products by OpenBLAS: {@code dgemm},
 * {@code sgemm}). Each operation is ND4J's own op writing in place into arrays allocated once:
 *
 * <ul>
 *   <li>products: {@code matmul} ({@link Mmul}, what {@code Nd4j.gemm} runs) with transpose flags,
 *       never {@code transpose()} views, and {@code beta = 1} for the weight update;</li>
 *   <li>{@code sigmoid} and {@code x * (1 - x)}: the legacy transforms {@link Sigmoid} and
 *       {@link TimesOneMinus} (what {@code Transforms.sigmoid(x, false)} runs), one op object each,
 *       re-aimed with {@code setX}/{@code setZ};</li>
 *   <li>element-wise {@code -} and {@code *}: {@link SubOp} and {@link MulOp} (what {@code sub} and
 *       {@code muli} run).</li>
 * </ul>
 *
 * The custom ops (products, {@code -}, {@code *}) run through {@link BoundOps}: a context per
 * output array, built once, instead of the new op and native context that {@code Nd4j.gemm} or
 * {@code muli} build per call. For a training step of the 3-4-1 network that is about 6 KB of
 * garbage instead of 29 KB and roughly 15 instead of 100 microseconds (rough timings on a 2-core
 * machine). No {@code INDArray} is created per call either way; what ND4J still allocates per op
 * (about 500 bytes) is its executioner's own bookkeeping: lists of the context's arrays, JavaCPP
 * pointer wrappers, see {@code Nd4jKernelTest}.
 *
 * <p>Threads: <b>one</b> by default, like every other JVM backend and numpy's single-thread row,
 * so that the comparison is per core: libnd4j's ops, OpenMP and OpenBLAS are each limited to one
 * thread when {@link #availability()} loads ND4J, from inside the JVM (see {@link Nd4jThreads}).
 * {@code -Dsynapse.nd4j.threads=N} gives it {@code N} threads instead, {@code
 * -Dsynapse.nd4j.threads=nd4j} leaves ND4J's defaults (a thread per core, or {@code
 * OMP_NUM_THREADS}); anything else makes the backend unavailable with the reason. What the
 * libraries then report (read back, not the values asked for) is in {@link #environment()}. In a
 * benchmark fork pass it with JMH's {@code -jvmArgsAppend}, or to the launcher JVM, whose
 * arguments JMH hands to every fork and to the environment probe.
 *
 * <p>OpenBLAS's kernels: OpenBLAS picks them for the CPU itself, as numpy's does in the
 * benchmarks: {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} are removed from the native
 * environment before ND4J loads ({@code -Dsynapse.nd4j.openblasVariables=keep} keeps them; see
 * {@link OpenBlasVariables}). The kernels it runs are {@code blasCore} in {@link #environment()}.
 *
 * <p>The native libraries are loaded by {@link #availability()}, never by the constructor, so a
 * JVM without usable natives lists this backend as unavailable and keeps every other one.
 *
 * <p>Both dtypes are this one class: the ops are the same, only the arrays' {@link DataType}
 * differs, and libnd4j picks its float or double kernels from it (the arithmetic runs in native
 * code, so there is no Java arithmetic to twin). The no-arg constructor, which ServiceLoader calls,
 * makes the float64 kernel; {@link #withDtype} the float32 one.
 *
 * <p>Not thread-safe (the bound contexts and scratch arrays are per kernel instance): each
 * {@link dev.synapsebench.core.Network} gets its own kernel, as {@code Kernels} hands out.
 */
public final class Nd4jKernel implements MatrixKernel<INDArray> {

    private final DType dtype;

    /** ND4J's ops, created at the first operation, after {@link #availability()} loaded ND4J. */
    private Ops ops;

    /** The float64 kernel (ServiceLoader's). */
    public Nd4jKernel() {
        this(DType.FLOAT64);
    }

    /** The kernel computing in {@code dtype}; loads nothing. */
    public Nd4jKernel(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** This kernel for its own dtype, else a new kernel for {@code dtype}: both dtypes exist. */
    @Override
    public Optional<MatrixKernel<?>> withDtype(DType dtype) {
        return Optional.of(dtype == this.dtype ? this : new Nd4jKernel(dtype));
    }

    /**
     * ND4J's name of the arrays' data type, {@code DOUBLE} or {@code FLOAT}, without loading ND4J
     * (the description names it; {@link DataType#valueOf} makes it the enum once ND4J is loaded).
     */
    private static String dataTypeName(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> "DOUBLE";
            case FLOAT32 -> "FLOAT";
        };
    }

    /** Names the versions, the data type and the threads asked for; loads nothing. */
    @Override
    public String description() {
        String threads = Nd4jThreads.describeRequest();
        return "ND4J " + Nd4jBuild.ND4J_VERSION + " INDArray (" + dataTypeName(dtype) + ") on nd4j-native " + Nd4jBuild.PLATFORM
                + " with OpenBLAS " + Nd4jBuild.OPENBLAS_VERSION + ", threads: " + threads
                + (threads.equals("1") ? " (-D" + Nd4jThreads.PROPERTY + "=N for more)" : "");
    }

    /** Loads ND4J's native backend once per JVM and checks a product; any failure makes it unavailable. */
    @Override
    public Availability availability() {
        return Nd4jProbe.RESULT;
    }

    /**
     * JavaCPP loads natives with {@code System.load} and reads memory through {@code
     * sun.misc.Unsafe}; JDK 24+ warns about both (later JDKs deny them) unless allowed, and older
     * JVMs do not know these options.
     */
    @Override
    public List<JvmOption> jvmOptions() {
        return List.of(JvmOption.since(24, "--enable-native-access=ALL-UNNAMED"),
                JvmOption.since(24, "--sun-misc-unsafe-memory-access=allow"));
    }

    /**
     * {@code nd4j}: the threads asked for ({@code threadsRequested}), then what the libraries report:
     * the BLAS ({@code blasVendor}, {@code blasConfig}, {@code blasCore}: OpenBLAS's own version
     * string and CPU kernels), its threads ({@code blasThreads}), the threads of one libnd4j op
     * ({@code opThreads}), of its thread pool ({@code threadPool}) and of OpenMP ({@code
     * openMpThreads}), the {@code OPENBLAS_*} variables this JVM was started with and those of
     * them removed before OpenBLAS loaded ({@code openBlasVariablesIgnored}, see {@link
     * OpenBlasVariables}), and ND4J's own environment report; {@code versions.nd4j}.
     */
    @Override
    public Map<String, Object> environment() {
        Map<String, Object> nd4j = new LinkedHashMap<>();
        Availability availability = availability();
        nd4j.put("available", availability.available());
        nd4j.put("threadsRequested", Nd4jThreads.describeRequest());
        if (availability.available()) {
            try {
                BlasInfo blas = blasInfo();
                nd4j.put("blasVendor", blas.vendor());
                nd4j.put("blasConfig", blas.config());
                nd4j.put("blasCore", blas.core());
                nd4j.put("blasThreads", blas.blasThreads());
                nd4j.put("opThreads", blas.opThreads());
                nd4j.put("threadPool", blas.poolThreads());
                nd4j.put("openMpThreads", blas.openMpThreads());
                if (!blas.problem().isEmpty()) {
                    nd4j.put("blasProblem", blas.problem());
                }
                Map<String, String> openBlasVariables = new TreeMap<>();
                System.getenv().forEach((k, v) -> {
                    if (k.startsWith("OPENBLAS_") || k.startsWith("GOTOBLAS_")) {
                        openBlasVariables.put(k, v);
                    }
                });
                nd4j.put("openBlasVariables", openBlasVariables);
                nd4j.put("openBlasVariablesIgnored", OpenBlasVariables.removed());
                if (!OpenBlasVariables.problem().isEmpty()) {
                    nd4j.put("openBlasVariablesProblem", OpenBlasVariables.problem());
                }
                Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
                // values are Strings, Integers and Longs: Properties#stringPropertyNames() would drop most
                Map<String, String> environment = new TreeMap<>();
                info.forEach((k, v) -> environment.put(String.valueOf(k), String.valueOf(v)));
                nd4j.put("environment", environment);
            } catch (RuntimeException | LinkageError e) {
                nd4j.put("available", false);
                nd4j.put("reason", "ND4J failed to report its environment: " + e);
            }
        } else {
            nd4j.put("reason", availability.reason());
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("nd4j", nd4j);
        sections.put("versions", Map.of("nd4j", Nd4jBuild.ND4J_VERSION));
        return sections;
    }

    /** BLAS vendor, version and kernels, and the thread counts of the loaded backend, as read back. Call when available. */
    public static BlasInfo blasInfo() {
        return BlasInfo.current();
    }

    // ---- storage ----

    @Override
    public INDArray create(int rows, int cols) {
        return Nd4j.zeros(ops().dataType, rows, cols);
    }

    @Override
    public int rows(INDArray m) {
        return m.rows();
    }

    @Override
    public int cols(INDArray m) {
        return m.columns();
    }

    /**
     * A straight copy into the array's native buffer, no garbage: the benchmarks reload the
     * weights before every measurement iteration, and JMH counts what that allocates against the
     * few operations a large network's iteration holds. float32: each value rounded to the nearest
     * float (numpy's {@code astype(np.float32)}) and written through the buffer's own indexer
     * (JavaCPP's raw memory access, no JNI call per element).
     */
    @Override
    public void load(INDArray m, double[] rowMajor) {
        DataBuffer buffer = rowMajorBuffer(m, rowMajor.length);
        if (buffer == null) {
            m.assign(Nd4j.create(rowMajor, m.shape(), DataType.DOUBLE).castTo(m.dataType()));
        } else if (buffer.pointer() instanceof DoublePointer p) {
            p.put(rowMajor, 0, rowMajor.length);
        } else {
            FloatIndexer f = (FloatIndexer) buffer.indexer();
            for (int i = 0; i < rowMajor.length; i++) {
                f.put(i, (float) rowMajor[i]);
            }
        }
    }

    /**
     * A straight copy out of the array's native buffer, no garbage: the benchmarks check the
     * weights after every measurement iteration ({@code dup().data().asDouble()} allocated two
     * copies of the matrix, 1.6 MB for the 784x128 layer). float32 values widen exactly.
     */
    @Override
    public void store(INDArray m, double[] rowMajor) {
        DataBuffer buffer = rowMajorBuffer(m, rowMajor.length);
        if (buffer == null) {
            double[] values = m.dup('c').data().asDouble();
            System.arraycopy(values, 0, rowMajor, 0, rowMajor.length);
        } else if (buffer.pointer() instanceof DoublePointer p) {
            p.get(rowMajor, 0, rowMajor.length);
        } else {
            FloatIndexer f = (FloatIndexer) buffer.indexer();
            for (int i = 0; i < rowMajor.length; i++) {
                rowMajor[i] = f.get(i);
            }
        }
    }

    /**
     * The native buffer of {@code m} when it holds exactly {@code m}'s elements in row-major order
     * from its start, in this kernel's data type (as {@link #create} makes it), else null.
     */
    private DataBuffer rowMajorBuffer(INDArray m, int length) {
        if (m.isView() || m.ordering() != 'c' || m.length() != length || m.dataType() != ops().dataType
                || m.data().length() != length || m.data().pointer().position() != 0) {
            return null;
        }
        DataBuffer buffer = m.data();
        boolean plain = switch (dtype) {
            case FLOAT64 -> buffer.pointer() instanceof DoublePointer;
            case FLOAT32 -> buffer.indexer() instanceof FloatIndexer;
        };
        return plain ? buffer : null;
    }

    // ---- operations ----

    @Override
    public void multiply(INDArray a, INDArray b, INDArray out) {
        ops().product.exec(a, b, out);
    }

    @Override
    public void multiplyTransB(INDArray a, INDArray b, INDArray out) {
        ops().productTransB.exec(a, b, out);
    }

    /**
     * One {@code matmul} with {@code beta = 1}: {@code c = aT·b + c}, no scratch array. Whether
     * the BLAS kernel adds the finished product to {@code c} (the SPI's order) or accumulates into
     * {@code c} term by term depends on its shape-dependent kernel. Checked: the SPI's literal order
     * ({@code matmul} into a scratch array, then an element-wise add) trains all four presets to
     * the same bits as this, and both meet the contract at 1e-12; this is one op fewer per layer.
     */
    @Override
    public void multiplyAddTransA(INDArray a, INDArray b, INDArray c) {
        ops().productAddTransA.exec(a, b, c);
    }

    @Override
    public void sigmoid(INDArray m) {
        ops().sigmoid(m);
    }

    /**
     * {@code delta = (o * (1 - o)) * (t - o)}: the reference's two factors, each rounded as in the
     * reference; their product is the same in either order.
     */
    @Override
    public void outputDelta(INDArray target, INDArray output, INDArray delta) {
        Ops o = ops();
        INDArray error = o.scratchLike(delta);
        o.timesOneMinus(output, delta);
        o.subtract.exec(target, output, error);
        o.multiply.exec(delta, error, delta);
    }

    @Override
    public void scaleBySigmoidDerivative(INDArray delta, INDArray activation) {
        Ops o = ops();
        INDArray derivative = o.scratchLike(delta);
        o.timesOneMinus(activation, derivative);
        o.multiply.exec(delta, derivative, delta);
    }

    private Ops ops() {
        Ops o = ops;
        if (o == null) {
            o = new Ops(DataType.valueOf(dataTypeName(dtype)));
            ops = o;
        }
        return o;
    }

    /**
     * The ops of one kernel instance. A class of its own, loaded at the first operation, so that
     * loading and constructing the kernel (ServiceLoader does both) needs no ND4J class: even
     * without ND4J's jars the kernel is listed, as unavailable.
     */
    private static final class Ops {

        /** The data type of every array of this kernel: {@code DOUBLE} or {@code FLOAT}. */
        final DataType dataType;
        // matmul's integer arguments: transpose a, transpose b, transpose result; doubles: alpha, beta
        final BoundOps product = new BoundOps(Mmul::new, new long[] {0, 0, 0}, new double[] {1.0, 0.0});
        final BoundOps productTransB = new BoundOps(Mmul::new, new long[] {0, 1, 0}, new double[] {1.0, 0.0});
        final BoundOps productAddTransA = new BoundOps(Mmul::new, new long[] {1, 0, 0}, new double[] {1.0, 1.0});
        final BoundOps subtract = new BoundOps(SubOp::new, new long[0], new double[0]);
        final BoundOps multiply = new BoundOps(MulOp::new, new long[0], new double[0]);
        private final Sigmoid sigmoid = new Sigmoid();
        private final TimesOneMinus oneMinus = new TimesOneMinus();

        /** Per output array, an array of its shape for the second factor of a product of two. */
        private final Map<INDArray, INDArray> scratch = new IdentityHashMap<>();

        Ops(DataType dataType) {
            this.dataType = dataType;
        }

        /** {@code m = 1 / (1 + exp(-m))}, element-wise, in place. */
        void sigmoid(INDArray m) {
            sigmoid.setX(m);
            sigmoid.setZ(m);
            Nd4j.exec(sigmoid);
        }

        /** {@code z = x * (1 - x)}, element-wise. */
        void timesOneMinus(INDArray x, INDArray z) {
            oneMinus.setX(x);
            oneMinus.setZ(z);
            Nd4j.exec(oneMinus);
        }

        /** The scratch array for {@code m}, created at the first call (before the loop is timed). */
        INDArray scratchLike(INDArray m) {
            INDArray s = scratch.get(m);
            if (s == null) {
                s = Nd4j.zeros(dataType, m.shape());
                scratch.put(m, s);
            }
            return s;
        }
    }
}
