package dev.synapsebench.core.testing;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.ThreadedBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.SyntheticData;
import dev.synapsebench.core.TrainingSet;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one test suite every backend runs (each kernel module has a subclass naming its kernel):
 * every operation on random shapes against {@link ReferenceOps}, and full training of the four
 * tutorial programs against numpy's reference values; the batched path ({@link MatrixKernel#batch})
 * against numpy on seeds never tried before ({@link NumpySeedsReference}), against the
 * single-network path, and against itself (a member's bits whatever the batch, the order, the threads).
 *
 * <p>Tolerances are relative (absolute for values near 0). A backend that changes summation order
 * or uses FMA overrides {@link #operationTolerance()} / {@link #numpyTolerance()} and says why.
 *
 * @param <M> the kernel's matrix handle type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MatrixKernelContract<M> {

    /** float64 parity with numpy the project promises unless a backend states otherwise. */
    public static final double NUMPY_PARITY = 1e-12;

    /** float32 parity with numpy float32; numpy itself moves by about 2e-6 under another summation order. */
    public static final double FLOAT32_NUMPY_PARITY = 1e-5;

    /**
     * A float32 element-wise operation against the float64 reference on the same (float32) inputs:
     * a few float32 roundings (2^-24 = 6e-8 each), e.g. exp, 1 + e and 1 / x in the sigmoid.
     */
    public static final double FLOAT32_ELEMENTWISE = 1e-6;

    /**
     * A float32 product element against the float64 reference, relative to the sum of its terms'
     * magnitudes: a float32 sum of n terms may be off by n x 2^-24 of that (3.6e-5 at the
     * contract's longest inner length, 600), whatever the order.
     */
    public static final double FLOAT32_PRODUCTS = 1e-4;

    private MatrixKernel<M> kernel;

    /** A new instance of the kernel under test. */
    protected abstract MatrixKernel<M> createKernel();

    /**
     * Allowed difference of single operations from {@link ReferenceOps} (0 = identical bits),
     * computed in float64 on the values the kernel holds.
     */
    protected double operationTolerance() {
        return isFloat32() ? FLOAT32_ELEMENTWISE : NUMPY_PARITY;
    }

    /** Allowed difference of a product element, relative to the sum of its terms' magnitudes. */
    protected double productTolerance() {
        return isFloat32() ? FLOAT32_PRODUCTS : operationTolerance();
    }

    /** Allowed difference of trained weights and outputs from numpy's (in the kernel's dtype). */
    protected double numpyTolerance() {
        return isFloat32() ? FLOAT32_NUMPY_PARITY : NUMPY_PARITY;
    }

    /**
     * Whether {@link Network#trainingStep()} allocates nothing on this backend once compiled. A
     * backend whose library allocates per call overrides this with false and says why.
     */
    protected boolean allocationFreeTrainingLoop() {
        return true;
    }

    @BeforeAll
    void requireAvailable() {
        kernel = createKernel();
        // Not an assumption: an unavailable backend fails its tests instead of being skipped silently.
        assertTrue(kernel.availability().available(),
                () -> kernel.name() + " is not available here: " + kernel.availability().reason());
    }

    protected final MatrixKernel<M> kernel() {
        return kernel;
    }

    private boolean isFloat32() {
        return dtype() == DType.FLOAT32;
    }

    private DType dtype() {
        return (kernel != null ? kernel : createKernel()).dtype();
    }

    @Test
    void isInstalledUnderItsName() {
        assertTrue(Kernels.byName(kernel.name()).isPresent(),
                () -> kernel.name() + " is not registered in META-INF/services for ServiceLoader; found "
                        + Kernels.names());
        MatrixKernel<?> installed = Kernels.available(kernel.name(), kernel.dtype());
        assertEquals(kernel.getClass(), installed.getClass(), "the installed backend's " + kernel.dtype().id() + " variant");
        assertEquals(kernel.dtype(), installed.dtype());
    }

    /** Loading rounds to the dtype (numpy's astype), storing gives back exactly what is held. */
    @Test
    void loadsAndStoresUnchanged() {
        Matrix m = random(new Random(7), 5, 9, 1e3);
        assertEquals(m, roundTrip(m));
        Matrix unrounded = new Matrix(1, 3, new double[] {0.1, 1.0 / 3, Math.PI});
        assertEquals(held(unrounded), roundTrip(unrounded));
        assertEquals(5, kernel.rows(upload(m)));
        assertEquals(9, kernel.cols(upload(m)));
    }

    // ---- operations, random shapes ----

    /**
     * (n, inner, m) triples from 1 to 67 x 129: odd, below, at and above common vector lengths;
     * and a few larger ones, past the blocking of register-tiled kernels: inner sums longer than
     * 256 and 512 (cut into blocks), and output rows and columns past whole tiles (32 x 6 on
     * AVX-512) with every kind of edge.
     */
    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        int[][] fixed = {{1, 1, 1}, {4, 3, 4}, {4, 4, 1}, {7, 3, 4}, {7, 4, 1}, {2, 2, 2}, {8, 8, 8}, {9, 7, 17},
                {16, 16, 16}, {3, 129, 5}, {67, 129, 67}, {67, 1, 129}, {1, 129, 1}, {33, 65, 31},
                {70, 520, 20}, {96, 257, 13}, {130, 40, 71}, {41, 300, 6}, {17, 600, 3}};
        for (int[] s : fixed) {
            shapes.add(Arguments.of(s[0], s[1], s[2]));
        }
        Random random = new Random(20261123);
        for (int i = 0; i < 16; i++) {
            shapes.add(Arguments.of(1 + random.nextInt(67), 1 + random.nextInt(129), 1 + random.nextInt(67)));
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}x{1} . {1}x{2}")
    @MethodSource("shapes")
    void multiply(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m);
        Matrix a = random(random, n, inner, 1);
        Matrix b = random(random, inner, m, 1);
        M out = kernel.create(n, m);
        kernel.multiply(upload(a), upload(b), out);
        assertProductClose(ReferenceOps.multiply(a, b), ReferenceOps.productMagnitude(a, b), download(out), "a.b");
    }

    @ParameterizedTest(name = "{0}x{1} . ({2}x{1})T")
    @MethodSource("shapes")
    void multiplyTransB(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m + 1);
        Matrix a = random(random, n, inner, 1);
        Matrix b = random(random, m, inner, 1);
        M out = kernel.create(n, m);
        kernel.multiplyTransB(upload(a), upload(b), out);
        Matrix bt = ReferenceOps.transpose(b);
        assertProductClose(ReferenceOps.multiply(a, bt), ReferenceOps.productMagnitude(a, bt), download(out),
                "a.bT");
    }

    @ParameterizedTest(name = "c{0}x{2} += ({1}x{0})T . {1}x{2}")
    @MethodSource("shapes")
    void multiplyAddTransA(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m + 2);
        Matrix a = random(random, inner, n, 1);
        Matrix b = random(random, inner, m, 1);
        Matrix c = random(random, n, m, 10);
        M handle = upload(c);
        kernel.multiplyAddTransA(upload(a), upload(b), handle);
        Matrix at = ReferenceOps.transpose(a);
        Matrix magnitude = ReferenceOps.add(ReferenceOps.abs(c), ReferenceOps.productMagnitude(at, b));
        assertProductClose(ReferenceOps.add(c, ReferenceOps.multiply(at, b)), magnitude, download(handle),
                "c + aT.b");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void sigmoid(int n, int inner, int m) {
        Matrix x = random(new Random(n + 31L * m), n, m, 40);
        M handle = upload(x);
        kernel.sigmoid(handle);
        Tolerance.assertClose(ReferenceOps.sigmoid(x), download(handle), operationTolerance(), "sigmoid");
    }

    @Test
    void sigmoidAtTheEdgesOfTheDoubleRange() {
        double[] x = {0.0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 709.0, -709.0, 710.0, -710.0, 745.2, -745.2, 800, -800,
                Double.MAX_VALUE, -Double.MAX_VALUE};
        Matrix m = held(new Matrix(1, x.length, x));
        M handle = upload(m);
        kernel.sigmoid(handle);
        Tolerance.assertClose(ReferenceOps.sigmoid(m), download(handle), operationTolerance(), "sigmoid edges");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void outputDelta(int n, int inner, int m) {
        Random random = new Random(n + 37L * m);
        Matrix target = random(random, n, m, 1);
        Matrix output = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M delta = kernel.create(n, m);
        kernel.outputDelta(upload(target), upload(output), delta);
        Tolerance.assertClose(ReferenceOps.outputDelta(target, output), download(delta), operationTolerance(),
                "outputDelta");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void scaleBySigmoidDerivative(int n, int inner, int m) {
        Random random = new Random(n + 41L * m);
        Matrix delta = random(random, n, m, 1);
        Matrix activation = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M handle = upload(delta);
        kernel.scaleBySigmoidDerivative(handle, upload(activation));
        Tolerance.assertClose(ReferenceOps.scaleBySigmoidDerivative(delta, activation), download(handle),
                operationTolerance(), "delta * a(1-a)");
    }

    @ParameterizedTest(name = "sigmoid({0}x{1} . {1}x{2})")
    @MethodSource("shapes")
    void forwardLayer(int n, int inner, int m) {
        Random random = new Random(n * 7L + inner * 11L + m * 13L);
        Matrix input = random(random, n, inner, 1);
        Matrix weights = random(random, inner, m, 1);
        M out = kernel.create(n, m);
        kernel.forwardLayer(upload(input), upload(weights), out);
        // the sigmoid of a product carries the product's rounding, damped (its slope is at most 1/4)
        Tolerance.assertClose(ReferenceOps.sigmoid(ReferenceOps.multiply(input, weights)), download(out),
                Math.max(operationTolerance(), productTolerance()), "forwardLayer");
    }

    @ParameterizedTest(name = "({0}x{1} . ({2}x{1})T) * a(1-a)")
    @MethodSource("shapes")
    void hiddenDelta(int n, int inner, int m) {
        Random random = new Random(n * 17L + inner * 19L + m * 23L);
        Matrix nextDelta = random(random, n, inner, 1);
        Matrix nextWeights = random(random, m, inner, 1);
        Matrix activation = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M delta = kernel.create(n, m);
        kernel.hiddenDelta(upload(nextDelta), upload(nextWeights), upload(activation), delta);
        Matrix product = ReferenceOps.multiply(nextDelta, ReferenceOps.transpose(nextWeights));
        Matrix magnitude = ReferenceOps.productMagnitude(nextDelta, ReferenceOps.transpose(nextWeights));
        Matrix derivative = ReferenceOps.scaleBySigmoidDerivative(ReferenceOps.abs(magnitude), activation);
        assertProductClose(ReferenceOps.scaleBySigmoidDerivative(product, activation), derivative, download(delta),
                "hiddenDelta");
    }

    // ---- the tutorial programs against numpy ----

    static Stream<NumpyReference.Case> cases() {
        return NumpyReference.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void initialWeightsAreNumpysBitForBit(NumpyReference.Case reference) {
        Network<M> network = Network.of(kernel, reference.preset());
        List<Matrix> expected = isFloat32() ? Float32Reference.of(reference.preset().name()).initialWeights()
                : reference.initialWeights();
        List<Matrix> actual = network.weights();
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), "W" + l);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsLikeNumpy(NumpyReference.Case reference) {
        Workload preset = reference.preset();
        if (isFloat32()) {
            trainsLikeNumpyFloat32(preset);
            return;
        }
        Network<M> network = Network.of(kernel, preset);
        int done = 0;
        for (NumpyReference.Checkpoint checkpoint : reference.checkpoints()) {
            network.train(checkpoint.iterations() - done);
            done = checkpoint.iterations();
            String at = reference + " after " + done + " iterations, ";
            assertWeightsClose(checkpoint.weights(), network.weights(), at);
            Tolerance.assertClose(checkpoint.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                    at + "output");
        }
        assertEquals(preset.iterations(), done, "the last checkpoint is the end of training");
        assertWeightsClose(reference.finalWeights(), network.weights(), reference + " final ");
        Tolerance.assertClose(reference.finalOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.outputWithFinalWeights(), network.outputWithCurrentWeights(),
                numpyTolerance(), reference + " output with the final weights");

        List<Matrix> prediction = network.predict(reference.predictionInput());
        Tolerance.assertClose(reference.predictionOutput(), prediction.get(prediction.size() - 1), numpyTolerance(),
                reference + " prediction");
        if (reference.predictionHidden() != null) {
            Tolerance.assertClose(reference.predictionHidden(), prediction.get(0), numpyTolerance(),
                    reference + " prediction, hidden layer");
        }
    }

    /** numpy float32's weights and outputs after the preset's whole training (the file has no checkpoints). */
    private void trainsLikeNumpyFloat32(Workload preset) {
        Float32Reference.Case reference = Float32Reference.of(preset.name());
        Network<M> network = Network.of(kernel, preset);
        network.train(reference.iterations());
        assertWeightsClose(reference.weights(), network.weights(), reference + " final ");
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                reference + " output with the final weights");
        if (reference.prediction() != null) {
            List<Matrix> prediction = network.predict(reference.predictionInput());
            Tolerance.assertClose(reference.prediction(), prediction.get(prediction.size() - 1), numpyTolerance(),
                    reference + " prediction");
        }
    }

    /** The numbers the tutorials print, at the precision they print them (float64: what they ran). */
    @Test
    void reproducesTheTutorialsPrintedNumbers() {
        org.junit.jupiter.api.Assumptions.assumeFalse(isFloat32(), "the tutorials printed float64 results");
        Network<M> single = trained(Workloads.SINGLE_NEURON);
        assertPrinted("0.99993704", lastValue(single.predict(new double[] {1, 0, 0})));

        Network<M> multi = trained(Workloads.MULTI_LAYER);
        assertPrinted("0.0078876", lastValue(multi.predict(new double[] {1, 1, 0})));

        Network<M> xor = trained(Workloads.XOR_3LAYER);
        String[] printed = {"0.00287151", "0.99637876", "0.99671879", "0.00426668"};
        Matrix output = xor.lastOutput();
        for (int i = 0; i < printed.length; i++) {
            assertPrinted(printed[i], output.get(i, 0));
        }
    }

    // ---- a mid-size synthetic network (the sweep's data, three layers) ----

    /**
     * Tolerance against numpy for the synthetic network: 1e-9 relative, the sweep's parity
     * tolerance. Its products sum 30-50 terms over 80 examples for 300 steps, so the backends'
     * summation orders and FMA drift further apart than on the tutorials (seen: 6e-13 for the
     * weights at most); 1e-9 still catches any real error.
     */
    protected static final double SYNTHETIC_TOLERANCE = 1e-9;

    @Test
    void midSizeSyntheticNetworkTrainsLikeNumpyFloat32() {
        org.junit.jupiter.api.Assumptions.assumeTrue(isFloat32(), "float32 only");
        Float32Reference.Case reference = Float32Reference.of(Float32Reference.SYNTHETIC);
        TrainingSet set = SyntheticData.trainingSet(reference.topology(), reference.examples(), reference.seed());
        Tolerance.assertBitExact(reference.inputs(), held(set.inputs()), reference + " X");
        Tolerance.assertBitExact(reference.targets(), held(set.targets()), reference + " y");
        Network<M> network = Network.seeded(kernel, reference.topology(), set, reference.seed());
        List<Matrix> initial = network.weights();
        for (int l = 0; l < initial.size(); l++) {
            Tolerance.assertBitExact(reference.initialWeights().get(l), initial.get(l), reference + " initial W" + l);
        }
        network.train(reference.iterations());
        assertWeightsClose(reference.weights(), network.weights(), reference + " after " + reference.iterations()
                + " iterations, ");
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                reference + " output with the final weights");
    }

    @Test
    void midSizeSyntheticNetworkTrainsLikeNumpy() {
        org.junit.jupiter.api.Assumptions.assumeFalse(isFloat32(), "float64 only (float32: its own reference)");
        SyntheticReference reference = SyntheticReference.load();
        TrainingSet set = SyntheticData.trainingSet(reference.topology(), reference.examples(), reference.seed());
        Tolerance.assertBitExact(reference.inputs(), set.inputs(), reference + " X");
        Tolerance.assertBitExact(reference.targets(), set.targets(), reference + " y");
        Network<M> network = Network.seeded(kernel, reference.topology(), set, reference.seed());
        List<Matrix> initial = network.weights();
        for (int l = 0; l < initial.size(); l++) {
            Tolerance.assertBitExact(reference.initialWeights().get(l), initial.get(l), reference + " initial W" + l);
        }
        network.train(reference.iterations());
        List<Matrix> trained = network.weights();
        for (int l = 0; l < trained.size(); l++) {
            Tolerance.assertClose(reference.weights().get(l), trained.get(l), SYNTHETIC_TOLERANCE,
                    reference + " after " + reference.iterations() + " iterations, W" + l);
        }
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), SYNTHETIC_TOLERANCE,
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), SYNTHETIC_TOLERANCE,
                reference + " output with the final weights");
    }

    // ---- allocation ----

    /**
     * Once the JIT has compiled the loop (and escape analysis removed temporaries such as Vector API
     * vectors), 10^5 training steps must not allocate. Warm-up runs windows of 10^5 steps until 5 in a
     * row are clean or 30 s have passed ({@link #allocatedAfterWarmUp}) (interpreted and C1 code box vectors; C2 may take a while on a
     * busy machine), then a fresh window is measured. Slack: 512 bytes for the measurement itself;
     * a single allocation per step would show as >= 1.6 MB. Every tutorial program is checked: their
     * shapes take different code paths in a backend that lays matrices out by size (simd packs the
     * 4-example sets two columns to a vector, the 7-example set one).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allocationPresets")
    void trainingLoopAllocatesNothing(Workload preset) {
        org.junit.jupiter.api.Assumptions.assumeTrue(allocationFreeTrainingLoop(),
                () -> kernel.name() + " declares that its library allocates per call");
        Network<M> network = Network.of(kernel, preset);
        long allocated = allocatedAfterWarmUp(network, 100_000, 0);
        assertTrue(allocated < 512, () -> kernel.name() + " allocated " + allocated + " bytes in 100000 training steps of "
                + preset.name());
    }

    /**
     * Bytes this thread allocates in a window of {@code steps} training steps once the code is
     * warm: first at least {@code minimumWarmUpNanos} of training, then windows until 5 in a row
     * are clean (under 512 bytes) or 30 s have passed, then the window measured. One clean window
     * is not enough: it can fall between two JIT compilations, and the next one still allocate
     * (seen on CI: ejml at 8-16-1x16, 1072 and 1512 bytes 40 ms in). Also for backends' own tests.
     */
    public static long allocatedAfterWarmUp(Network<?> network, int steps, long minimumWarmUpNanos) {
        return allocatedAfterWarmUp(() -> network.train(steps), minimumWarmUpNanos);
    }

    /** The warm-up rule above for any window of training (a network's steps, a batch's calls). */
    private static long allocatedAfterWarmUp(Runnable window, long minimumWarmUpNanos) {
        long start = System.nanoTime(), deadline = start + 30_000_000_000L;
        while (System.nanoTime() - start < minimumWarmUpNanos) {
            window.run();
        }
        for (int cleanInARow = 0; cleanInARow < 5 && System.nanoTime() < deadline; ) {
            cleanInARow = allocatedBytes(window) < 512 ? cleanInARow + 1 : 0;
        }
        return allocatedBytes(window);
    }

    /** Bytes this thread allocates while {@code window} runs. */
    private static long allocatedBytes(Runnable window) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        window.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    static Stream<Workload> allocationPresets() {
        return Workloads.tutorials().stream();
    }

    // ---- the batched path (NetworkBatch) ----
    // These hold for any correct batch (NetworkBatch's rule): member k's bits never depend on the
    // batch's size, the order of loading, the other members or the threads; the batch is within the
    // kernel's tolerance of the single-network path, bit for bit where the subclass says so.

    /**
     * Whether {@link MatrixKernel#batch} computes every member bit for bit like the single-network
     * {@link Network} path (true where the arithmetic is the same, e.g. the scalar kernel's loops).
     */
    protected boolean batchBitIdenticalToSingleNetwork() {
        return false;
    }

    /**
     * How many of the unseen seeds ({@link NumpySeedsReference}) the full-length batch against
     * numpy trains; all by default. A backend whose single step costs tens of microseconds takes a
     * few, spread over both draws, to keep {@code mvn test} within its budget.
     */
    protected int batchSeedsAgainstNumpy() {
        return NumpySeedsReference.seeds().length;
    }

    /**
     * Iterations of the batch tests that compare a batch with itself or the single-network path:
     * 1000 by default, enough for any mixing of members to show (it shows in the first step) and
     * for rounding differences to grow past the last bit, at a second or so per backend.
     */
    protected int batchIterations() {
        return 1000;
    }

    /** Batch sizes of the invariance test: below, at and above 8 lanes (AVX-512 float64), and 17 > two vectors. */
    private static final int[] BATCH_SIZES = {1, 3, 8, 9, 17};

    /**
     * A network shape the batch tests train: its topology and examples, and each member's training
     * set by its seed: one shared object (a preset's) or the member's own synthetic data.
     */
    public record BatchShape(String name, Topology topology, int examples, int[] conditioned,
                             LongFunction<TrainingSet> data) {

        /**
         * @param float64 iterations, float32 iterations: how long two correct roundings stay well inside the
         *                tolerance on this shape (see {@link #conditioned(DType)})
         */
        static BatchShape shared(Workload preset, int float64, int float32) {
            TrainingSet set = preset.trainingSet();
            return new BatchShape(preset.name() + " (shared training set)", preset.topology(), set.examples(),
                    new int[] {float64, float32}, seed -> set);
        }

        /** Each member on {@code SyntheticData.trainingSet(topology, examples, its seed)}, made once per seed. */
        static BatchShape perMember(String topology, int examples, int float64, int float32) {
            Topology t = Topology.parse(topology);
            Map<Long, TrainingSet> sets = new ConcurrentHashMap<>();
            return new BatchShape(SyntheticData.name(t, examples) + " (own training set per member)", t, examples,
                    new int[] {float64, float32}, seed -> sets.computeIfAbsent(seed, s -> SyntheticData.trainingSet(t,
                    examples, s)));
        }

        /**
         * Iterations after which a one-ulp nudge of the initial weights has moved numpy's result (17
         * of the unseen seeds) by at most a quarter of the tolerance in {@code dtype}: as far as a
         * batch that rounds differently from the single-network path can be compared with it.
         */
        int conditioned(DType dtype) {
            return conditioned[dtype == DType.FLOAT32 ? 1 : 0];
        }

        List<Matrix> weights(long seed) {
            return NumpyInit.weights(topology, seed);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The tutorial shapes on their shared sets, a 3-5-1 and a 2-hidden-layer one on per-member data.
     * Conditioning, measured with numpy (one-ulp nudge, 17 seeds): float64 1e-14 at 1000 iterations
     * for the one-hidden-layer shapes, but 4-6-5-2x10 goes chaotic past 50 (4e-13 at 50, 0.2 at
     * 100; 9e-16 at 30); float32 3-4-1 and 3-5-1 2.3e-6 at 100 (1.4e-5 at 1000), 3-1 0 at 1000.
     */
    static Stream<BatchShape> batchShapes() {
        return Stream.of(BatchShape.shared(Workloads.XOR_3LAYER, 1000, 100),
                BatchShape.shared(Workloads.SINGLE_NEURON, 1000, 1000), BatchShape.perMember("3-5-1", 8, 1000, 100),
                BatchShape.perMember("4-6-5-2", 10, 30, 30));
    }

    static Stream<Workload> unseenSeedPresets() {
        return NumpySeedsReference.presets().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unseenSeedPresets")
    void batchOfUnseenSeedsTrainsLikeNumpy(Workload preset) {
        org.junit.jupiter.api.Assumptions.assumeFalse(isFloat32(), "numpy_seeds_reference.json is float64; float32: "
                + "batchTrainsLikeNumpyFloat32 (numpy float32 has seed 1 only)");
        List<NumpySeedsReference.Seed> references = spread(NumpySeedsReference.of(preset), batchSeedsAgainstNumpy());
        TrainingSet set = preset.trainingSet();
        NetworkBatch batch = kernel.batch(preset.topology(), set.examples(), references.size());
        for (int k = 0; k < references.size(); k++) {
            NumpySeedsReference.Seed reference = references.get(k);
            batch.load(k, set, NumpyInit.weights(preset.topology(), reference.seed()));
            assertLayersClose(reference.initialWeights(), batch.weights(k), 0, reference + " initial ");
        }
        batch.train(preset.iterations());
        for (int k = 0; k < references.size(); k++) {
            NumpySeedsReference.Seed reference = references.get(k);
            if (reference.illConditioned()) {
                continue; // rounding alone decides it: numpy disagrees with itself there
            }
            String at = reference + " (member " + k + " of " + references.size() + ") after " + preset.iterations()
                    + " iterations, ";
            List<Matrix> trained = batch.weights(k);
            assertWeightsClose(reference.finalWeights(), trained, at);
            Tolerance.assertClose(reference.outputWithFinalWeights(),
                    new Network<>(kernel, preset.topology(), set, trained).outputWithCurrentWeights(), numpyTolerance(),
                    at + "output with the final weights");
        }
    }

    /** float32: numpy float32's seed-1 presets as the first and last members, unseen seeds between them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unseenSeedPresets")
    void batchTrainsLikeNumpyFloat32(Workload preset) {
        org.junit.jupiter.api.Assumptions.assumeTrue(isFloat32(), "float32 only");
        Float32Reference.Case reference = Float32Reference.of(preset.name());
        long[] unseen = NumpySeedsReference.seeds();
        int size = Math.max(2, Math.min(9, batchSeedsAgainstNumpy()));
        TrainingSet set = preset.trainingSet();
        NetworkBatch batch = kernel.batch(preset.topology(), set.examples(), size);
        for (int k = 0; k < size; k++) {
            long seed = k == 0 || k == size - 1 ? reference.seed() : unseen[k];
            batch.load(k, set, NumpyInit.weights(preset.topology(), seed));
        }
        assertLayersClose(reference.initialWeights(), batch.weights(0), 0, reference + " initial ");
        batch.train(reference.iterations());
        for (int k : new int[] {0, size - 1}) {
            List<Matrix> trained = batch.weights(k);
            assertWeightsClose(reference.weights(), trained, reference + " member " + k + " of " + size + ", final ");
            Tolerance.assertClose(reference.output(),
                    new Network<>(kernel, preset.topology(), set, trained).outputWithCurrentWeights(), numpyTolerance(),
                    reference + " member " + k + ", output with the final weights");
        }
    }

    /**
     * Every member of batches of 1, 3, 8, 9 and 17, in three placements (other seeds beside it, at
     * other positions) and three loading orders, ends with the bits it has alone in a batch of 1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batchShapes")
    void batchMemberDoesNotDependOnTheBatch(BatchShape shape) {
        long[] pool = Arrays.copyOf(NumpySeedsReference.seeds(), 17);
        int iterations = batchIterations();
        Map<Long, long[][]> alone = new HashMap<>();
        for (long seed : pool) {
            NetworkBatch single = loaded(shape, new long[] {seed});
            single.train(iterations);
            alone.put(seed, bits(single, 0));
        }
        for (int size : BATCH_SIZES) {
            for (int placement = 0; placement < 3; placement++) {
                long[] seeds = new long[size];
                for (int p = 0; p < size; p++) {
                    seeds[p] = pool[switch (placement) {
                        case 0 -> p;
                        case 1 -> pool.length - 1 - p;
                        default -> (7 * p + 3) % pool.length; // a permutation of 17
                    }];
                }
                NetworkBatch batch = kernel.batch(shape.topology(), shape.examples(), size);
                loadInOrder(batch, shape, seeds, placement);
                batch.train(iterations);
                for (int k = 0; k < size; k++) {
                    assertSameBits(alone.get(seeds[k]), bits(batch, k), shape + ": seed " + seeds[k] + " as member "
                            + k + " of " + size + " (placement " + placement + ") against a batch of 1");
                }
            }
        }
    }

    /**
     * Each member against a {@link Network} on the same data and weights: bit for bit where the
     * subclass says so, else within the kernel's tolerance for trained networks, over as many
     * iterations as the shape stays well-conditioned ({@link BatchShape#conditioned}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batchShapes")
    void batchMatchesTheSingleNetworkPath(BatchShape shape) {
        long[] seeds = Arrays.copyOf(NumpySeedsReference.seeds(), 9);
        boolean bitForBit = batchBitIdenticalToSingleNetwork();
        int iterations = bitForBit ? batchIterations() : Math.min(batchIterations(), shape.conditioned(dtype()));
        double tolerance = bitForBit ? 0 : numpyTolerance();
        NetworkBatch batch = loaded(shape, seeds);
        batch.train(iterations);
        for (int k = 0; k < seeds.length; k++) {
            Network<M> network = new Network<>(kernel, shape.topology(), shape.data().apply(seeds[k]),
                    shape.weights(seeds[k]));
            network.train(iterations);
            assertLayersClose(network.weights(), batch.weights(k), tolerance, shape + ": member " + k + " (seed "
                    + seeds[k] + ") against the single-network path after " + iterations + " iterations, ");
        }
    }

    /** A one- and a two-hidden-layer shape: how members are cut into slices does not depend on the shape. */
    static Stream<BatchShape> threadedShapes() {
        return batchShapes().filter(s -> s.topology().equals(Workloads.XOR_3LAYER.topology()) || s.topology().layers() == 3);
    }

    /** 1, 2 and 3 threads (slices of 10: 10; 5+5; 4+3+3), trained in two calls, give the plain batch's bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("threadedShapes")
    void threadedBatchGivesThePlainBatchsBits(BatchShape shape) {
        long[] seeds = Arrays.copyOf(NumpySeedsReference.seeds(), 10);
        int iterations = batchIterations();
        NetworkBatch plain = loaded(shape, seeds);
        plain.train(iterations);
        for (int threads = 1; threads <= 3; threads++) {
            try (ThreadedBatch threaded = new ThreadedBatch(this::createKernel, shape.topology(), shape.examples(),
                    seeds.length, threads)) {
                assertEquals(threads, threaded.threads());
                for (int k = 0; k < seeds.length; k++) {
                    threaded.load(k, shape.data().apply(seeds[k]), shape.weights(seeds[k]));
                }
                threaded.train(iterations / 2);
                threaded.train(iterations - iterations / 2);
                for (int k = 0; k < seeds.length; k++) {
                    assertSameBits(bits(plain, k), bits(threaded, k), shape + ": member " + k + " over " + threads
                            + " threads against the plain batch");
                }
            }
        }
    }

    /** Loaded weights come back bit for bit (as the kernel holds them), and {@code train(0)} leaves them so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batchShapes")
    void batchKeepsItsLoadedWeightsUntilTrained(BatchShape shape) {
        long[] seeds = Arrays.copyOf(NumpySeedsReference.seeds(), 9);
        NetworkBatch batch = loaded(shape, seeds);
        assertEquals(shape.topology(), batch.topology());
        assertEquals(shape.examples(), batch.examples());
        assertEquals(seeds.length, batch.size());
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < seeds.length; k++) {
                List<Matrix> expected = new ArrayList<>();
                shape.weights(seeds[k]).forEach(w -> expected.add(held(w)));
                assertLayersClose(expected, batch.weights(k), 0, shape + ": member " + k + (round == 0 ? " as loaded, "
                        : " after train(0), "));
            }
            batch.train(0);
        }
    }

    @Test
    void batchRejectsBadMembersAndShapes() {
        BatchShape shape = BatchShape.perMember("3-5-1", 8, 0, 0);
        Topology topology = shape.topology();
        assertThrows(IllegalArgumentException.class, () -> kernel.batch(topology, 8, 0), "a batch of 0");
        NetworkBatch batch = loaded(shape, new long[] {2, 3, 4});
        TrainingSet set = shape.data().apply(2L);
        double[] w0 = shape.weights(2).get(0).values();
        for (int k : new int[] {-1, 3, Integer.MAX_VALUE}) {
            assertThrows(IndexOutOfBoundsException.class, () -> batch.loadData(k, set), "loadData of member " + k);
            assertThrows(IndexOutOfBoundsException.class, () -> batch.loadWeights(k, 0, w0), "loadWeights of member " + k);
            assertThrows(IndexOutOfBoundsException.class, () -> batch.storeWeights(k, 0, w0.clone()),
                    "storeWeights of member " + k);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> batch.loadWeights(1, 2, w0), "layer 2 of 3-5-1");
        assertThrows(IllegalArgumentException.class, () -> batch.loadWeights(1, 0, new double[w0.length + 1]),
                "weights of the wrong length");
        assertThrows(IllegalArgumentException.class, () -> batch.storeWeights(1, 1, new double[w0.length]),
                "a buffer of the wrong length");
        assertThrows(IllegalArgumentException.class, () -> batch.loadData(1, SyntheticData.trainingSet(topology, 7, 2)),
                "7 examples in a batch of 8");
        assertThrows(IllegalArgumentException.class,
                () -> batch.loadData(1, SyntheticData.trainingSet(Topology.of(4, 5, 1), 8, 2)), "4 inputs for 3");
        assertThrows(IllegalArgumentException.class,
                () -> batch.loadData(1, SyntheticData.trainingSet(Topology.of(3, 5, 2), 8, 2)), "2 outputs for 1");
        TrainingSet own = shape.data().apply(3L); // member 1's: the default load loads the data before it checks the weights
        assertThrows(IllegalArgumentException.class, () -> batch.load(1, own, shape.weights(3).subList(0, 1)),
                "one weight matrix for two layers");
        assertThrows(IllegalArgumentException.class, () -> batch.load(1, own, NumpyInit.weights(Topology.of(3, 4, 1), 3)),
                "3-4-1's weights for 3-5-1");
        // nothing rejected changed a member
        NetworkBatch untouched = loaded(shape, new long[] {2, 3, 4});
        for (int k = 0; k < 3; k++) {
            assertSameBits(bits(untouched, k), bits(batch, k), "member " + k + " after the rejected calls");
        }
    }

    /**
     * Once a batch is loaded and warm, {@code train} allocates nothing: windows of 64 calls of 20
     * iterations (so a single allocation per call, 16 bytes at least, shows past the 512 bytes of
     * slack) as {@link #trainingLoopAllocatesNothing} measures the single network.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batchShapes")
    void batchTrainingAllocatesNothing(BatchShape shape) {
        org.junit.jupiter.api.Assumptions.assumeTrue(allocationFreeTrainingLoop(),
                () -> kernel.name() + " declares that its library allocates per call");
        NetworkBatch batch = loaded(shape, Arrays.copyOf(NumpySeedsReference.seeds(), 9));
        long allocated = allocatedAfterWarmUp(batch, 64, 20);
        assertTrue(allocated < 512, () -> kernel.name() + " allocated " + allocated + " bytes in 64 calls of train(20) "
                + "of a batch of 9 " + shape);
    }

    /**
     * Bytes this thread allocates in a window of {@code calls} calls of {@code batch.train(iterations)}
     * once the code is warm, by the rule of {@link #allocatedAfterWarmUp(Network, int, long)}.
     */
    public static long allocatedAfterWarmUp(NetworkBatch batch, int calls, int iterations) {
        return allocatedAfterWarmUp(() -> {
            for (int c = 0; c < calls; c++) {
                batch.train(iterations);
            }
        }, 0);
    }

    /** {@code seeds} as a batch, each member loaded in order (data, then its weights). */
    private NetworkBatch loaded(BatchShape shape, long[] seeds) {
        NetworkBatch batch = kernel.batch(shape.topology(), shape.examples(), seeds.length);
        for (int k = 0; k < seeds.length; k++) {
            batch.load(k, shape.data().apply(seeds[k]), shape.weights(seeds[k]));
        }
        return batch;
    }

    /** Order 0: member by member, ascending; 1: descending; other: every training set first, then the weights from the last layer and member back. */
    private static void loadInOrder(NetworkBatch batch, BatchShape shape, long[] seeds, int order) {
        int size = seeds.length;
        if (order < 2) {
            for (int i = 0; i < size; i++) {
                int k = order == 0 ? i : size - 1 - i;
                batch.load(k, shape.data().apply(seeds[k]), shape.weights(seeds[k]));
            }
            return;
        }
        for (int k = 0; k < size; k++) {
            batch.loadData(k, shape.data().apply(seeds[k]));
        }
        for (int l = shape.topology().layers() - 1; l >= 0; l--) {
            for (int k = size - 1; k >= 0; k--) {
                batch.loadWeights(k, l, shape.weights(seeds[k]).get(l).values());
            }
        }
    }

    /** {@code n} of {@code all}, evenly spread (all when {@code n} is at least their number). */
    private static <T> List<T> spread(List<T> all, int n) {
        if (n >= all.size()) {
            return all;
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((2 * i + 1) * all.size() / (2 * n)));
        }
        return out;
    }

    /** Member {@code k}'s weights as raw IEEE bits, one array per layer. */
    private static long[][] bits(NetworkBatch batch, int k) {
        Topology topology = batch.topology();
        long[][] out = new long[topology.layers()][];
        for (int l = 0; l < out.length; l++) {
            double[] w = new double[topology.fanIn(l) * topology.fanOut(l)];
            batch.storeWeights(k, l, w);
            out[l] = new long[w.length];
            for (int i = 0; i < w.length; i++) {
                out[l][i] = Double.doubleToRawLongBits(w[i]);
            }
        }
        return out;
    }

    private static void assertSameBits(long[][] expected, long[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": layers");
        for (int l = 0; l < expected.length; l++) {
            for (int i = 0; i < expected[l].length; i++) {
                if (expected[l][i] != actual[l][i]) {
                    fail(String.format("%s: W%d element %d is %s (bits %016x), expected %s (bits %016x)", what, l, i,
                            Double.longBitsToDouble(actual[l][i]), actual[l][i], Double.longBitsToDouble(expected[l][i]),
                            expected[l][i]));
                }
            }
        }
    }

    private static void assertLayersClose(List<Matrix> expected, List<Matrix> actual, double tolerance, String at) {
        assertEquals(expected.size(), actual.size(), at + "layers");
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertClose(expected.get(l), actual.get(l), tolerance, at + "W" + l);
        }
    }

    // ---- helpers ----

    private Network<M> trained(Workload preset) {
        Network<M> network = Network.of(kernel, preset);
        network.train(preset.iterations());
        return network;
    }

    private static double lastValue(List<Matrix> layers) {
        return layers.get(layers.size() - 1).get(0, 0);
    }

    private static void assertPrinted(String printed, double actual) {
        BigDecimal expected = new BigDecimal(printed);
        BigDecimal rounded = new BigDecimal(actual).setScale(expected.scale(), RoundingMode.HALF_EVEN);
        assertEquals(expected, rounded, () -> "printed " + printed + ", got " + actual);
    }

    private void assertWeightsClose(List<Matrix> expected, List<Matrix> actual, String at) {
        assertLayersClose(expected, actual, numpyTolerance(), at);
    }

    /**
     * A product element may differ from the reference by the tolerance times the sum of its terms'
     * magnitudes (a reordered or fused sum cannot do better on a cancelling sum).
     */
    private void assertProductClose(Matrix expected, Matrix magnitude, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        double tolerance = productTolerance();
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                boolean same = Double.doubleToLongBits(e) == Double.doubleToLongBits(a);
                if (!same && (tolerance == 0 || !(Math.abs(e - a) <= tolerance * magnitude.get(i, j)))) {
                    fail(String.format("%s %dx%d: element (%d,%d) expected %s but was %s (allowed %.3g x %s)", what,
                            expected.rows(), expected.cols(), i, j, e, a, tolerance, magnitude.get(i, j)));
                }
            }
        }
    }

    private M upload(Matrix m) {
        M handle = kernel.create(m.rows(), m.cols());
        kernel.load(handle, m.values());
        return handle;
    }

    private Matrix download(M handle) {
        double[] values = new double[kernel.rows(handle) * kernel.cols(handle)];
        kernel.store(handle, values);
        return new Matrix(kernel.rows(handle), kernel.cols(handle), values);
    }

    private Matrix roundTrip(Matrix m) {
        return download(upload(m));
    }

    /** Uniform in [-scale, scale), as the kernel holds it (float32: rounded), so references see the kernel's inputs. */
    private Matrix random(Random random, int rows, int cols, double scale) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * scale;
        }
        return held(new Matrix(rows, cols, values));
    }

    /** {@code m} as the kernel under test holds it: rounded to its dtype. */
    private Matrix held(Matrix m) {
        DType dtype = dtype();
        double[] values = m.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.round(values[i]);
        }
        return new Matrix(m.rows(), m.cols(), values);
    }
}
